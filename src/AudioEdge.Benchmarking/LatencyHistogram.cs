namespace AudioEdge.Benchmarking;

/// <summary>
/// Latencies in constant memory: log-spaced buckets 1 % wide from 0.1 µs to ~100 s, plus the exact count, sum,
/// minimum and maximum. Recording allocates nothing, so hours of soak keep the same footprint (a growing list of
/// samples would itself look like a leak).
/// </summary>
/// <remarks>
/// Percentiles are nearest-rank: the upper edge of the bucket holding the ⌈p·n⌉-th smallest value, clamped to
/// [min, max]; so they are within 1 % of the exact value and p50 ≤ p95 ≤ p99 ≤ max always holds.
/// </remarks>
public sealed class LatencyHistogram
{
    private const double MinimumMs = 0.0001;
    private const double Growth = 1.01;
    private static readonly double LogGrowth = Math.Log(Growth);
    private static readonly int BucketCount = (int)Math.Ceiling(Math.Log(100_000 / MinimumMs) / LogGrowth) + 2;

    private readonly long[] _buckets = new long[BucketCount];

    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the values, ms.</summary>
    public double SumMs { get; private set; }

    /// <summary>Smallest value, ms (0 when empty).</summary>
    public double MinMs { get; private set; }

    /// <summary>Largest value, ms (0 when empty).</summary>
    public double MaxMs { get; private set; }

    /// <summary>Adds one latency in milliseconds (negative values count as 0).</summary>
    public void Record(double milliseconds)
    {
        if (!(milliseconds > 0))
        {
            milliseconds = 0;
        }

        _buckets[Bucket(milliseconds)]++;
        MinMs = Count == 0 ? milliseconds : Math.Min(MinMs, milliseconds);
        MaxMs = Count == 0 ? milliseconds : Math.Max(MaxMs, milliseconds);
        Count++;
        SumMs += milliseconds;
    }

    /// <summary>The nearest-rank <paramref name="percentile"/> (0..100), ms; 0 when empty.</summary>
    public double Percentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (Count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (int b = 0; b < _buckets.Length; b++)
        {
            seen += _buckets[b];
            if (seen >= rank)
            {
                return Math.Clamp(UpperEdge(b), MinMs, MaxMs);
            }
        }

        return MaxMs;
    }

    /// <summary>p50, p95, p99, max, mean and count.</summary>
    public LatencySummary Summarize() => new(
        Count, Count == 0 ? 0 : SumMs / Count, Percentile(50), Percentile(95), Percentile(99), MaxMs);

    private static int Bucket(double milliseconds)
    {
        if (milliseconds <= MinimumMs)
        {
            return 0;
        }

        int index = 1 + (int)(Math.Log(milliseconds / MinimumMs) / LogGrowth);
        return Math.Min(index, BucketCount - 1);
    }

    private static double UpperEdge(int bucket) => bucket == 0 ? MinimumMs : MinimumMs * Math.Pow(Growth, bucket);
}

/// <summary>One stage's latency over a run, milliseconds.</summary>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    /// <summary>No measurements.</summary>
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0);
}
