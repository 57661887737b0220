namespace AudioEdge.Evaluation;

/// <summary>Outcome counts of a yes/no decision against ground truth, and the usual rates derived from them.</summary>
/// <remarks>Undefined rates (0/0) are reported as NaN rather than 0 or 1, so a report never claims a precision it did not measure.</remarks>
public readonly record struct BinaryCounts(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public int Positives => TruePositives + FalseNegatives;

    public int Negatives => FalsePositives + TrueNegatives;

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double F1 => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);

    public double FalsePositiveRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    /// <summary>
    /// 95 % interval of <see cref="Recall"/> (Wilson score): with a few dozen recordings per class one miss moves the
    /// recall by several points, and a report should say how far the true rate may lie from the measured one.
    /// </summary>
    public (double Lower, double Upper) RecallInterval => WilsonInterval(TruePositives, TruePositives + FalseNegatives);

    /// <summary>95 % interval of <see cref="FalsePositiveRate"/> (Wilson score); its upper end bounds the rate even when no false alarm was seen.</summary>
    public (double Lower, double Upper) FalsePositiveRateInterval => WilsonInterval(FalsePositives, FalsePositives + TrueNegatives);

    public static BinaryCounts operator +(BinaryCounts left, BinaryCounts right) => new(
        left.TruePositives + right.TruePositives,
        left.FalsePositives + right.FalsePositives,
        left.FalseNegatives + right.FalseNegatives,
        left.TrueNegatives + right.TrueNegatives);

    public static BinaryCounts Add(BinaryCounts left, BinaryCounts right) => left + right;

    /// <summary>Counts one decision.</summary>
    public BinaryCounts With(bool actual, bool predicted) => (actual, predicted) switch
    {
        (true, true) => this with { TruePositives = TruePositives + 1 },
        (false, true) => this with { FalsePositives = FalsePositives + 1 },
        (true, false) => this with { FalseNegatives = FalseNegatives + 1 },
        _ => this with { TrueNegatives = TrueNegatives + 1 },
    };

    /// <summary>
    /// The 95 % Wilson score interval of a proportion, <paramref name="successes"/> of <paramref name="trials"/>: unlike
    /// the normal approximation it stays inside [0, 1] and is not empty at 0 or <paramref name="trials"/> of them.
    /// NaN for no trials.
    /// </summary>
    public static (double Lower, double Upper) WilsonInterval(int successes, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return (double.NaN, double.NaN);
        }

        const double Z = 1.959963984540054; // two-sided 95 %
        double p = (double)successes / trials;
        double z2n = Z * Z / trials;
        double centre = (p + (z2n / 2)) / (1 + z2n);
        double half = Z * Math.Sqrt((p * (1 - p) / trials) + (z2n / (4 * trials))) / (1 + z2n);
        // At 0 or all of them the bound is exactly 0 or 1; rounding would leave 1e-16 off.
        return (successes == 0 ? 0 : Math.Max(0, centre - half), successes == trials ? 1 : Math.Min(1, centre + half));
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;
}
