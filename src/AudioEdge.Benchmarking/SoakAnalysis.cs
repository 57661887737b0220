namespace AudioEdge.Benchmarking;

/// <summary>Memory at one simulated minute of a soak.</summary>
/// <param name="AudioSeconds">Audio processed when sampled.</param>
/// <param name="ManagedBytes">Managed heap (<see cref="GC.GetTotalMemory(bool)"/> without forcing a collection).</param>
/// <param name="RssBytes">Resident set size (VmRSS); null where unreadable.</param>
public readonly record struct SoakSample(double AudioSeconds, long ManagedBytes, long? RssBytes);

/// <summary>
/// Growth over a soak: the mean of the last quarter of the samples minus the mean of the first quarter, for RSS and
/// the managed heap. Quarter means rather than last-minus-first so that one GC or one allocator trim at either end
/// does not decide the verdict. Fails when RSS grew by more than the threshold.
/// </summary>
public sealed record SoakAnalysis(
    int Samples, double? FirstQuarterRssMb, double? LastQuarterRssMb, double? RssGrowthMb,
    double FirstQuarterManagedMb, double LastQuarterManagedMb, double ManagedGrowthMb, double ThresholdMb, bool? Passed)
{
    private const double Mb = 1024 * 1024;

    /// <summary>Analyses <paramref name="samples"/> (in time order). Fewer than two samples, or no RSS, give a null verdict.</summary>
    public static SoakAnalysis Analyze(IReadOnlyList<SoakSample> samples, double thresholdMb)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int n = samples.Count;
        if (n < 2)
        {
            return new SoakAnalysis(n, null, null, null, 0, 0, 0, thresholdMb, null);
        }

        int quarter = Math.Max(1, n / 4);
        IEnumerable<SoakSample> first = samples.Take(quarter);
        IEnumerable<SoakSample> last = samples.Skip(n - quarter);
        double firstManaged = first.Average(s => s.ManagedBytes) / Mb;
        double lastManaged = last.Average(s => s.ManagedBytes) / Mb;
        bool rss = samples.All(s => s.RssBytes is not null);
        double? firstRss = rss ? first.Average(s => s.RssBytes!.Value) / Mb : null;
        double? lastRss = rss ? last.Average(s => s.RssBytes!.Value) / Mb : null;
        double? growth = rss ? lastRss - firstRss : null;
        return new SoakAnalysis(n, firstRss, lastRss, growth, firstManaged, lastManaged, lastManaged - firstManaged, thresholdMb, growth is null ? null : growth <= thresholdMb);
    }
}
