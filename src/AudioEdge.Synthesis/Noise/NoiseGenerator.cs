using AudioEdge.Synthesis.Analysis;

namespace AudioEdge.Synthesis.Noise;

/// <summary>Seeded background noise for scenes that have no real background recording.</summary>
public static class NoiseGenerator
{
    /// <summary>Generates <paramref name="length"/> samples of noise with RMS <paramref name="rms"/>.</summary>
    public static float[] Generate(NoiseColour colour, int length, double rms, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!(rms >= 0 && double.IsFinite(rms)))
        {
            throw new ArgumentOutOfRangeException(nameof(rms), rms, "The RMS must be finite and not negative.");
        }

        var samples = new float[length];
        switch (colour)
        {
            case NoiseColour.White:
                for (int n = 0; n < length; n++)
                {
                    samples[n] = (float)random.Gaussian();
                }

                break;
            case NoiseColour.Pink:
                Pink(samples, random);
                break;
            case NoiseColour.Brown:
                double state = 0;
                for (int n = 0; n < length; n++)
                {
                    // A leaky integrator: -6 dB/octave above a few Hz, without the unbounded wander of a pure random walk.
                    state = (0.995 * state) + (0.1 * random.Gaussian());
                    samples[n] = (float)state;
                }

                break;
            case NoiseColour.Hum:
                Pink(samples, random);
                SignalLevels.Scale(samples, 0.1);
                double mains = random.Chance(0.5) ? 50 : 60;
                for (int h = 1; h <= 6; h++)
                {
                    double amplitude = random.Uniform(0.2, 1) / h;
                    double phase = random.Uniform(0, 2 * Math.PI);
                    for (int n = 0; n < length; n++)
                    {
                        samples[n] += (float)(amplitude * Math.Sin((2 * Math.PI * h * mains * n / SynthesizedSound.SampleRate) + phase));
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(colour), colour, "Unknown noise colour.");
        }

        double current = SignalLevels.Rms(samples);
        if (current > 0)
        {
            SignalLevels.Scale(samples, rms / current);
        }

        return samples;
    }

    /// <summary>Paul Kellet's "economy" pink filter on white noise: within ±0.5 dB of -3 dB/octave above 10 Hz.</summary>
    private static void Pink(Span<float> samples, Random random)
    {
        double b0 = 0, b1 = 0, b2 = 0;
        for (int n = 0; n < samples.Length; n++)
        {
            double white = random.Gaussian();
            b0 = (0.99765 * b0) + (white * 0.0990460);
            b1 = (0.96300 * b1) + (white * 0.2965164);
            b2 = (0.57000 * b2) + (white * 1.0526913);
            samples[n] = (float)(b0 + b1 + b2 + (white * 0.1848));
        }
    }
}
