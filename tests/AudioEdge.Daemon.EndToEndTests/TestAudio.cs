using AudioEdge.Audio.Wav;
using AudioEdge.Daemon.Demo;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// Recordings the tests feed the daemon, generated on the spot: the demo recording (household noise, a temporal-3
/// smoke alarm from 2 to 12 s, a window breaking at 17 s; seeded, so always the same 24 s), cuts of it, silence, and
/// the raw S16_LE form ALSA's file plugin reads.
/// </summary>
internal static class TestAudio
{
    public const int SampleRate = 16_000;

    /// <summary>The demo recording as a 16-bit WAV file.</summary>
    public static string DemoWav(string path) => Write(path, DemoRecording.Generate());

    /// <summary>
    /// Pieces of the demo recording joined (seconds from, to), for real-time runs that should not spend wall time on
    /// its quiet stretches.
    /// </summary>
    public static string DemoWavSpliced(string path, params (double From, double To)[] pieces)
    {
        float[] demo = DemoRecording.Generate();
        var samples = new List<float>();
        foreach ((double from, double to) in pieces)
        {
            samples.AddRange(demo.AsSpan((int)(from * SampleRate), (int)((to - from) * SampleRate)));
        }

        return Write(path, samples.ToArray());
    }

    /// <summary><paramref name="seconds"/> of digital silence.</summary>
    public static string SilentWav(string path, double seconds) => Write(path, new float[(int)(seconds * SampleRate)]);

    /// <summary>The demo recording as raw S16_LE mono at 16 kHz: exactly the frames ALSA's file plugin hands out.</summary>
    public static string DemoRawS16(string path)
    {
        float[] samples = DemoRecording.Generate();
        var bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            short value = (short)Math.Clamp(MathF.Round(samples[i] * 32768f), short.MinValue, short.MaxValue);
            bytes[2 * i] = (byte)value;
            bytes[(2 * i) + 1] = (byte)(value >> 8);
        }

        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Writes 16 kHz mono samples as a 16-bit WAV file.</summary>
    public static string Write(string path, ReadOnlySpan<float> samples)
    {
        WavWriter.WriteFile(path, samples, SampleRate);
        return path;
    }
}
