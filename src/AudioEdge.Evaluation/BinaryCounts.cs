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

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;
}
