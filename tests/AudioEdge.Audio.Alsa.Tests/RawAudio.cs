using System.Buffers.Binary;

namespace AudioEdge.Audio.Alsa.Tests;

/// <summary>Test signals and the raw (headerless, little-endian, interleaved) files the ALSA file plugin serves.</summary>
internal static class RawAudio
{
    /// <summary>
    /// Deterministic pseudo-random S16 samples: no run of them repeats or is silent, so finding the first few in a
    /// capture locates the stream unambiguously. Never 0, so leading silence cannot be mistaken for signal.
    /// </summary>
    public static short[] NoiseS16(int count, int seed)
    {
        var random = new Random(seed);
        var samples = new short[count];
        for (int i = 0; i < samples.Length; i++)
        {
            int value;
            do
            {
                value = random.Next(short.MinValue, short.MaxValue + 1);
            }
            while (value == 0);

            samples[i] = (short)value;
        }

        return samples;
    }

    /// <summary>A sum of sines, each (frequency Hz, amplitude), at <paramref name="sampleRate"/>.</summary>
    public static double[] Tones(int count, int sampleRate, params (double Frequency, double Amplitude)[] tones)
    {
        var signal = new double[count];
        for (int i = 0; i < count; i++)
        {
            double sum = 0;
            foreach ((double frequency, double amplitude) in tones)
            {
                sum += amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate);
            }

            signal[i] = sum;
        }

        return signal;
    }

    /// <summary>
    /// What an I2S MEMS mic puts on the wire: a 24-bit sample, left-justified in a 32-bit slot (low byte zero).
    /// </summary>
    public static int ToS24In32(double value) => (int)Math.Round(Math.Clamp(value, -1, 1 - (1.0 / 8_388_608)) * 8_388_608) << 8;

    public static void WriteS16(string path, ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * sizeof(short)];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * sizeof(short)), samples[i]);
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Interleaved S32_LE stereo frames.</summary>
    public static void WriteS32Stereo(string path, ReadOnlySpan<int> left, ReadOnlySpan<int> right)
    {
        var bytes = new byte[left.Length * 2 * sizeof(int)];
        for (int i = 0; i < left.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 8), left[i]);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((i * 8) + 4), right[i]);
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Interleaved S16_LE bytes of mono samples, as a device would deliver them.</summary>
    public static byte[] S16Bytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * sizeof(short)];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * sizeof(short)), samples[i]);
        }

        return bytes;
    }

    /// <summary>
    /// Amplitude of the <paramref name="frequency"/> component of <paramref name="signal"/> (least squares against sine and
    /// cosine; exact for a whole number of periods, which the callers choose).
    /// </summary>
    public static double Amplitude(ReadOnlySpan<float> signal, double frequency, int sampleRate)
    {
        double sine = 0, cosine = 0;
        for (int i = 0; i < signal.Length; i++)
        {
            double phase = 2 * Math.PI * frequency * i / sampleRate;
            sine += signal[i] * Math.Sin(phase);
            cosine += signal[i] * Math.Cos(phase);
        }

        return 2 * Math.Sqrt((sine * sine) + (cosine * cosine)) / signal.Length;
    }
}
