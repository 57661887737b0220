namespace AudioEdge.Audio.Tests.Support;

/// <summary>Test signals, computed in double and rounded once to float.</summary>
internal static class Signals
{
    public static float[] Sine(double frequency, double sampleRate, int length, double amplitude = 1, double phase = 0)
    {
        var samples = new float[length];
        for (int i = 0; i < length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin((2 * Math.PI * frequency * i / sampleRate) + phase));
        }

        return samples;
    }

    public static float[] Noise(int length, int seed, double amplitude = 0.5)
    {
        var random = new Random(seed);
        var samples = new float[length];
        for (int i = 0; i < length; i++)
        {
            samples[i] = (float)(amplitude * ((random.NextDouble() * 2) - 1));
        }

        return samples;
    }
}
