namespace AudioEdge.Benchmarking.Tests;

public class LatencyHistogramTests
{
    [Test]
    public void Percentiles_are_nearest_rank_within_one_percent()
    {
        var histogram = new LatencyHistogram();
        double[] values = Enumerable.Range(1, 1000).Select(i => i * 0.01).ToArray(); // 0.01 .. 10 ms
        foreach (double v in values.Reverse())
        {
            histogram.Record(v);
        }

        LatencySummary s = histogram.Summarize();
        Assert.Multiple(() =>
        {
            Assert.That(s.Count, Is.EqualTo(1000));
            Assert.That(s.P50Ms, Is.EqualTo(5.00).Within(1).Percent);
            Assert.That(s.P95Ms, Is.EqualTo(9.50).Within(1).Percent);
            Assert.That(s.P99Ms, Is.EqualTo(9.90).Within(1).Percent);
            Assert.That(s.MaxMs, Is.EqualTo(10.0));
            Assert.That(s.MeanMs, Is.EqualTo(5.005).Within(1e-9));
            Assert.That(histogram.MinMs, Is.EqualTo(0.01));
        });
    }

    [Test]
    public void Percentiles_are_ordered_and_bounded_by_the_extremes()
    {
        var random = new Random(3);
        var histogram = new LatencyHistogram();
        for (int i = 0; i < 5000; i++)
        {
            histogram.Record(Math.Exp(random.NextDouble() * 8) * 0.001);
        }

        LatencySummary s = histogram.Summarize();
        Assert.That(new[] { histogram.MinMs, s.P50Ms, s.P95Ms, s.P99Ms, s.MaxMs }, Is.Ordered);
    }

    [Test]
    public void One_value_is_every_percentile_and_empty_is_zero()
    {
        var one = new LatencyHistogram();
        one.Record(0.123);
        Assert.That(one.Summarize(), Is.EqualTo(new LatencySummary(1, 0.123, 0.123, 0.123, 0.123, 0.123)));
        Assert.That(new LatencyHistogram().Summarize(), Is.EqualTo(LatencySummary.Empty));
    }
}
