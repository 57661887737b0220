namespace AudioEdge.Benchmarking.Tests;

public class SoakAnalysisTests
{
    private const long Mb = 1024 * 1024;

    private static List<SoakSample> Series(int minutes, Func<int, double> rssMb, Func<int, double>? managedMb = null) =>
        [.. Enumerable.Range(0, minutes).Select(m => new SoakSample(m * 60, (long)((managedMb?.Invoke(m) ?? 4) * Mb), (long)(rssMb(m) * Mb)))];

    [Test]
    public void A_flat_series_with_noise_shows_no_growth_and_passes()
    {
        var random = new Random(1);
        SoakAnalysis result = SoakAnalysis.Analyze(Series(120, _ => 55 + random.NextDouble()), 10);
        Assert.Multiple(() =>
        {
            Assert.That(result.Samples, Is.EqualTo(120));
            Assert.That(result.RssGrowthMb, Is.EqualTo(0).Within(0.5));
            Assert.That(result.Passed, Is.True);
        });
    }

    [Test]
    public void Steady_leak_is_measured_between_the_quarter_means_and_fails()
    {
        // 0.25 MB per minute over 100 minutes: quarter means at minutes 12 and 87 → 18.75 MB apart.
        SoakAnalysis result = SoakAnalysis.Analyze(Series(100, m => 50 + (0.25 * m), m => 4 + (0.1 * m)), 10);
        Assert.Multiple(() =>
        {
            Assert.That(result.FirstQuarterRssMb, Is.EqualTo(53).Within(1e-6));
            Assert.That(result.LastQuarterRssMb, Is.EqualTo(71.75).Within(1e-6));
            Assert.That(result.RssGrowthMb, Is.EqualTo(18.75).Within(1e-6));
            Assert.That(result.ManagedGrowthMb, Is.EqualTo(7.5).Within(1e-3));
            Assert.That(result.Passed, Is.False);
        });
    }

    [Test]
    public void Growth_at_the_threshold_passes()
    {
        SoakAnalysis result = SoakAnalysis.Analyze(Series(8, m => m < 4 ? 50 : 60), 10);
        Assert.That((result.RssGrowthMb, result.Passed), Is.EqualTo(((double?)10.0, (bool?)true)));
    }

    [Test]
    public void A_start_up_step_in_the_first_minute_does_not_decide_the_verdict()
    {
        // The first sample is before the model's arenas are warm; the quarter means absorb it.
        SoakAnalysis result = SoakAnalysis.Analyze(Series(60, m => m == 0 ? 30 : 55), 10);
        Assert.That(result.Passed, Is.True);
    }

    [Test]
    public void Too_few_samples_or_no_rss_give_no_verdict()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SoakAnalysis.Analyze([new SoakSample(0, Mb, Mb)], 10).Passed, Is.Null);
            Assert.That(SoakAnalysis.Analyze([new SoakSample(0, Mb, null), new SoakSample(60, Mb, null)], 10).Passed, Is.Null);
        });
    }
}
