using AudioEdge.Audio.Sources;

namespace AudioEdge.Detection.Tests;

/// <summary>Synthetic test audio at 16 kHz: alarm cadences in noise, glass breaks.</summary>
internal static class TestAudio
{
    public const int Rate = 16_000;

    /// <summary>A piezo alarm (fundamental plus weaker 2nd harmonic) with <paramref name="cadence"/>, after <paramref name="delay"/> s of noise.</summary>
    public static float[] Alarm(double seconds, IReadOnlyList<TimeSpan> cadence, double hertz = 3100, double delay = 0.3, double noiseRms = 0.003, int seed = 1)
    {
        SyntheticTone[] tones = hertz < 1000
            ? [.. Enumerable.Range(0, 8).Select(i => (2 * i) + 1).Where(n => n * hertz < 7900).Select(n => new SyntheticTone(n * hertz, 0.2 / n))]
            : [new SyntheticTone(hertz, 0.2), new SyntheticTone(2 * hertz, 0.04)];
        float[] alarm = Read(new SyntheticAudioOptions { Tones = tones, Cadence = cadence, Duration = TimeSpan.FromSeconds(seconds - delay) });
        float[] signal = Noise(seconds, noiseRms, seed);
        int offset = (int)(delay * Rate);
        for (int i = 0; i < alarm.Length && offset + i < signal.Length; i++)
        {
            signal[offset + i] += alarm[i];
        }

        return signal;
    }

    /// <summary>Pure sine tones (no harmonics) in quiet noise.</summary>
    public static float[] Tones(double seconds, params double[] hertz)
    {
        float[] signal = Noise(seconds, 0.003);
        float[] tones = Read(new SyntheticAudioOptions { Tones = [.. hertz.Select(h => new SyntheticTone(h, 0.2))], Duration = TimeSpan.FromSeconds(seconds) });
        for (int i = 0; i < signal.Length; i++)
        {
            signal[i] += tones[i];
        }

        return signal;
    }

    public static float[] Noise(double seconds, double rms, int seed = 1) =>
        Read(new SyntheticAudioOptions { NoiseRms = rms, Seed = seed, Duration = TimeSpan.FromSeconds(seconds) });

    /// <summary>Adds a breaking pane at <paramref name="at"/> s: a decaying 90 Hz thud, then 30 ms later a burst of high-passed noise.</summary>
    public static void AddGlassBreak(float[] signal, double at, int seed = 7)
    {
        var random = new Random(seed);
        int start = (int)(at * Rate);
        for (int n = 0; n < Rate / 4 && start + n < signal.Length; n++)
        {
            double t = n / (double)Rate;
            signal[start + n] += (float)(0.6 * Math.Sin(2 * Math.PI * 90 * t) * Math.Exp(-t / 0.04));
        }

        int shatter = start + (int)(0.03 * Rate);
        double previous = 0;
        for (int n = 0; n < Rate / 3 && shatter + n < signal.Length; n++)
        {
            double white = (random.NextDouble() * 2) - 1;
            // First difference: a +6 dB/octave tilt, energy concentrated in the upper kilohertz like shattering glass.
            signal[shatter + n] += (float)(0.4 * (white - previous) * Math.Exp(-n / (0.08 * Rate)));
            previous = white;
        }
    }

    private static float[] Read(SyntheticAudioOptions options)
    {
        using var source = new SyntheticAudioSource(options);
        var samples = new float[(int)Math.Round(options.Duration!.Value.TotalSeconds * Rate)];
        int filled = 0;
        while (filled < samples.Length)
        {
            int read = source.Read(samples.AsSpan(filled));
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return samples;
    }
}
