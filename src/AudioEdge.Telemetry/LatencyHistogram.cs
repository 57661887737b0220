namespace AudioEdge.Telemetry;

/// <summary>
/// Durations in log-spaced bins: 32 per decade from 0.01 ms to 100 s (each bin 7.5% wide), plus one bin below and
/// one above. A percentile is reported as its bin's geometric centre, within ±3.7% of the true value, to three
/// significant figures; below 0.01 ms reads 0.01, from 100 s up reads 100000. Not thread-safe.
/// </summary>
internal sealed class LatencyHistogram
{
    public const double MinMilliseconds = 0.01;
    public const double MaxMilliseconds = 100_000;
    public const int BinsPerDecade = 32;
    private const int Decades = 7;   // log10(Max / Min)
    private const int InnerBins = Decades * BinsPerDecade;

    private readonly long[] _counts = new long[InnerBins + 2];

    public long Count { get; private set; }

    public void Add(double milliseconds)
    {
        int bin;
        if (!(milliseconds >= MinMilliseconds))
        {
            bin = 0;    // also negative and NaN
        }
        else if (milliseconds >= MaxMilliseconds)
        {
            bin = InnerBins + 1;
        }
        else
        {
            bin = 1 + Math.Min(InnerBins - 1, (int)(Math.Log10(milliseconds / MinMilliseconds) * BinsPerDecade));
        }

        _counts[bin]++;
        Count++;
    }

    public double? Percentile(double p)
    {
        int bin = NearestRank.Bin(_counts, Count, p);
        if (bin < 0)
        {
            return null;
        }

        if (bin == 0)
        {
            return MinMilliseconds;
        }

        if (bin == InnerBins + 1)
        {
            return MaxMilliseconds;
        }

        double centre = MinMilliseconds * Math.Pow(10, (bin - 0.5) / BinsPerDecade);
        return RoundToSignificantFigures(centre, 3);
    }

    public void Reset()
    {
        Array.Clear(_counts);
        Count = 0;
    }

    private static double RoundToSignificantFigures(double value, int figures)
    {
        int decimals = figures - 1 - (int)Math.Floor(Math.Log10(value));
        return decimals >= 0 ? Math.Round(value, Math.Min(decimals, 15)) : Math.Round(value / Math.Pow(10, -decimals)) * Math.Pow(10, -decimals);
    }
}
