namespace AudioEdge.Synthesis.Augmentation;

/// <summary>
/// A second-order IIR section (transposed direct form II) with the coefficient formulas of R. Bristow-Johnson's
/// "Audio EQ Cookbook". Used for distance and microphone colouring, and to shape noise in the generators.
/// </summary>
/// <remarks>State carries over between <see cref="Process"/> calls, so a long signal can be filtered in pieces.</remarks>
public sealed class Biquad
{
    /// <summary>1/√2: the Q of a second-order Butterworth (maximally flat) response.</summary>
    public const double ButterworthQ = 0.70710678118654752;

    private readonly double _b0, _b1, _b2, _a1, _a2;
    private double _z1, _z2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    {
        _b0 = b0 / a0;
        _b1 = b1 / a0;
        _b2 = b2 / a0;
        _a1 = a1 / a0;
        _a2 = a2 / a0;
    }

    /// <summary>Butterworth-like low-pass (Q = 0.707 for a maximally flat passband).</summary>
    public static Biquad LowPass(double cutoffHz, double q = ButterworthQ)
    {
        (double cos, double alpha) = Prewarp(cutoffHz, q);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /// <summary>High-pass.</summary>
    public static Biquad HighPass(double cutoffHz, double q = ButterworthQ)
    {
        (double cos, double alpha) = Prewarp(cutoffHz, q);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /// <summary>Band-pass with 0 dB peak gain.</summary>
    public static Biquad BandPass(double centreHz, double q)
    {
        (double cos, double alpha) = Prewarp(centreHz, q);
        return new Biquad(alpha, 0, -alpha, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /// <summary>Peaking equaliser: <paramref name="gainDb"/> at <paramref name="centreHz"/>, 0 dB far from it.</summary>
    public static Biquad Peaking(double centreHz, double q, double gainDb)
    {
        (double cos, double alpha) = Prewarp(centreHz, q);
        double a = Math.Pow(10, gainDb / 40);
        return new Biquad(1 + (alpha * a), -2 * cos, 1 - (alpha * a), 1 + (alpha / a), -2 * cos, 1 - (alpha / a));
    }

    /// <summary>High shelf: <paramref name="gainDb"/> above about <paramref name="cornerHz"/>.</summary>
    public static Biquad HighShelf(double cornerHz, double gainDb)
    {
        (double cos, double alpha) = Prewarp(cornerHz, ButterworthQ);
        double a = Math.Pow(10, gainDb / 40);
        double twoRootAAlpha = 2 * Math.Sqrt(a) * alpha;
        return new Biquad(
            a * ((a + 1) + ((a - 1) * cos) + twoRootAAlpha),
            -2 * a * ((a - 1) + ((a + 1) * cos)),
            a * ((a + 1) + ((a - 1) * cos) - twoRootAAlpha),
            (a + 1) - ((a - 1) * cos) + twoRootAAlpha,
            2 * ((a - 1) - ((a + 1) * cos)),
            (a + 1) - ((a - 1) * cos) - twoRootAAlpha);
    }

    /// <summary>Filters <paramref name="samples"/> in place.</summary>
    public void Process(Span<float> samples)
    {
        double z1 = _z1, z2 = _z2;
        for (int n = 0; n < samples.Length; n++)
        {
            double x = samples[n];
            double y = (_b0 * x) + z1;
            z1 = (_b1 * x) - (_a1 * y) + z2;
            z2 = (_b2 * x) - (_a2 * y);
            samples[n] = (float)y;
        }

        _z1 = z1;
        _z2 = z2;
    }

    /// <summary>Magnitude response in dB at <paramref name="frequencyHz"/> (for tests and plots).</summary>
    public double ResponseDb(double frequencyHz)
    {
        double w = 2 * Math.PI * frequencyHz / SynthesizedSound.SampleRate;
        System.Numerics.Complex z = System.Numerics.Complex.FromPolarCoordinates(1, -w);
        System.Numerics.Complex numerator = _b0 + (_b1 * z) + (_b2 * z * z);
        System.Numerics.Complex denominator = 1 + (_a1 * z) + (_a2 * z * z);
        return 20 * Math.Log10((numerator / denominator).Magnitude);
    }

    private static (double Cos, double Alpha) Prewarp(double frequencyHz, double q)
    {
        double nyquist = SynthesizedSound.SampleRate / 2.0;
        if (!(frequencyHz > 0 && frequencyHz < nyquist))
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, $"The frequency must lie strictly between 0 and {nyquist} Hz.");
        }

        if (!(q > 0 && double.IsFinite(q)))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "Q must be positive and finite.");
        }

        double w0 = 2 * Math.PI * frequencyHz / SynthesizedSound.SampleRate;
        return (Math.Cos(w0), Math.Sin(w0) / (2 * q));
    }
}
