namespace AudioEdge.Evaluation;

/// <summary>Order statistics of a set of latencies (seconds), nearest-rank percentiles.</summary>
public readonly record struct LatencySummary(int Count, double Median, double P95, double Max)
{
    public static LatencySummary From(IEnumerable<double> seconds)
    {
        double[] sorted = seconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN);
        }

        return new LatencySummary(sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.95), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="fraction"/> of the data at or below it.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
