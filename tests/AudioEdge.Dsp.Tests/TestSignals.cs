namespace AudioEdge.Dsp.Tests;

/// <summary>Seeded signals at 16 kHz that exercise every part of the spectrum and the dynamic range.</summary>
internal static class TestSignals
{
    public const int SampleRate = 16_000;

    public static float[] Noise(int length, double amplitude, int seed)
    {
        var random = new Random(seed);
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(amplitude * ((2 * random.NextDouble()) - 1));
        }

        return x;
    }

    public static float[] Tone(int length, double hertz, double amplitude)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hertz * i / SampleRate));
        }

        return x;
    }

    public static float[] Square(int length, double hertz, double amplitude)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(amplitude * Math.Sign(Math.Sin(2 * Math.PI * hertz * (i + 0.5) / SampleRate)));
        }

        return x;
    }

    public static float[] Impulses(int length, int every)
    {
        var x = new float[length];
        for (int i = 17; i < length; i += every)
        {
            x[i] = 1f;
        }

        return x;
    }

    /// <summary>Named signals for parameterised tests: tones at the alarm and glass-break frequencies, noise, silence, extremes.</summary>
    public static IEnumerable<(string Name, float[] Samples)> All()
    {
        const int n = SampleRate / 2;
        yield return ("white noise", Noise(n, 0.5, 1));
        yield return ("quiet noise (-100 dBFS)", Noise(n, 1e-5, 2));
        yield return ("100 Hz tone", Tone(n, 100, 0.9));
        yield return ("520 Hz square (low-frequency alarm)", Square(n, 520, 0.7));
        yield return ("3100 Hz tone (piezo alarm)", Tone(n, 3100, 0.99));
        yield return ("7800 Hz tone (shatter band)", Tone(n, 7800, 0.5));
        yield return ("impulses", Impulses(n, 997));
        yield return ("silence", new float[n]);
        yield return ("full-scale DC", Enumerable.Repeat(1f, n).ToArray());
    }
}
