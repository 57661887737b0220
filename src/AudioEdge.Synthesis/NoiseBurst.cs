using AudioEdge.Synthesis.Augmentation;

namespace AudioEdge.Synthesis;

/// <summary>Exponentially decaying, filtered Gaussian noise: the broadband part of a shatter, a slam or a click.</summary>
internal static class NoiseBurst
{
    /// <summary>
    /// Adds a burst starting at <paramref name="start"/>: Gaussian noise under e^(-t/τ) with a 0.5 ms attack, passed
    /// through <paramref name="filter"/> when one is given, scaled so that its peak is about <paramref name="amplitude"/>.
    /// </summary>
    public static void Add(Span<float> output, int start, double decaySeconds, double amplitude, Random random, Biquad? filter = null)
    {
        int rate = SynthesizedSound.SampleRate;
        int length = (int)Math.Min(output.Length - (long)start, (long)Math.Ceiling(decaySeconds * rate * 7)); // e^-7 ≈ -60 dB
        if (length <= 0 || start < 0)
        {
            return;
        }

        var burst = new float[length];
        int attack = Math.Max(1, rate / 2000);
        for (int n = 0; n < length; n++)
        {
            double envelope = Math.Exp(-n / (decaySeconds * rate)) * Math.Min(1.0, (n + 1) / (double)attack);
            burst[n] = (float)(random.Gaussian() * envelope);
        }

        filter?.Process(burst);
        float peak = Analysis.SignalLevels.Peak(burst);
        if (peak == 0)
        {
            return;
        }

        float gain = (float)(amplitude / peak);
        for (int n = 0; n < length; n++)
        {
            output[start + n] += burst[n] * gain;
        }
    }
}
