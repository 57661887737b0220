namespace AudioEdge.Telemetry;

/// <summary>Percentiles of binned data by the nearest-rank method.</summary>
internal static class NearestRank
{
    /// <summary>
    /// The bin holding the value of rank ⌈p·N⌉ (1-based; at least 1) among the N counted values, or -1 when there
    /// are none. With p = 0.5 and values 1..100 that is the 50th value.
    /// </summary>
    public static int Bin(ReadOnlySpan<long> counts, long total, double p)
    {
        if (total <= 0)
        {
            return -1;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(p * total));
        long seen = 0;
        for (int bin = 0; bin < counts.Length; bin++)
        {
            seen += counts[bin];
            if (seen >= rank)
            {
                return bin;
            }
        }

        return counts.Length - 1;
    }
}
