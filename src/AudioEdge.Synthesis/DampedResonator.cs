namespace AudioEdge.Synthesis;

/// <summary>
/// Exponentially decaying sinusoids (a struck mode of a pane, a fragment, a bell, a cup), rendered by complex
/// rotation: one multiply per sample instead of a Sin and an Exp.
/// </summary>
internal static class DampedResonator
{
    /// <summary>
    /// Adds amplitude · e^(-t/τ) · sin(2πft + φ) from sample <paramref name="start"/> on, until it has decayed by
    /// 80 dB or the signal ends. A 0.3 ms raised-cosine onset avoids a click where a sine would start at full slope.
    /// </summary>
    public static void Add(Span<float> output, int start, double frequencyHz, double decaySeconds, double amplitude, double phase)
    {
        int rate = SynthesizedSound.SampleRate;
        int length = (int)Math.Min(output.Length - (long)start, (long)Math.Ceiling(decaySeconds * rate * 9.2)); // e^-9.2 ≈ -80 dB
        if (length <= 0 || start < 0)
        {
            return;
        }

        double decay = Math.Exp(-1.0 / (decaySeconds * rate));
        double w = 2 * Math.PI * frequencyHz / rate;
        double stepRe = decay * Math.Cos(w), stepIm = decay * Math.Sin(w);
        double re = amplitude * Math.Cos(phase), im = amplitude * Math.Sin(phase);
        int onset = Math.Max(1, rate * 3 / 10_000);
        for (int n = 0; n < length; n++)
        {
            double value = im;
            if (n < onset)
            {
                value *= 0.5 - (0.5 * Math.Cos(Math.PI * n / onset));
            }

            output[start + n] += (float)value;
            double nextRe = (re * stepRe) - (im * stepIm);
            im = (re * stepIm) + (im * stepRe);
            re = nextRe;
        }
    }

    /// <summary>Decay time constant of a resonance of quality factor <paramref name="q"/> at <paramref name="frequencyHz"/>: τ = Q / (π f).</summary>
    public static double DecayForQ(double frequencyHz, double q) => q / (Math.PI * frequencyHz);
}
