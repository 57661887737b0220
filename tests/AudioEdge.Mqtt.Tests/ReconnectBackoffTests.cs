namespace AudioEdge.Mqtt.Tests;

public sealed class ReconnectBackoffTests
{
    [Test]
    public void Delays_grow_exponentially_within_the_floor_and_the_cap()
    {
        var backoff = new ReconnectBackoff(1, 60, new Random(7));
        Assert.Multiple(() =>
        {
            for (int failures = 0; failures < 12; failures++)
            {
                double ceiling = Math.Min(60, Math.Pow(2, failures + 1));
                for (int i = 0; i < 200; i++)
                {
                    double seconds = backoff.Delay(failures).TotalSeconds;
                    Assert.That(seconds, Is.InRange(1.0, ceiling), $"after {failures} failures");
                }
            }
        });
    }

    [Test]
    public void Delays_are_jittered_across_the_whole_range()
    {
        var backoff = new ReconnectBackoff(1, 60, new Random(11));
        double[] delays = [.. Enumerable.Range(0, 1000).Select(_ => backoff.Delay(20).TotalSeconds)];
        Assert.Multiple(() =>
        {
            Assert.That(delays.Min(), Is.LessThan(5), "full jitter reaches down to the floor");
            Assert.That(delays.Max(), Is.GreaterThan(55), "and up to the cap");
            Assert.That(delays.Distinct().Count(), Is.GreaterThan(990));
        });
    }

    [Test]
    public void Huge_failure_counts_stay_at_the_cap()
    {
        var backoff = new ReconnectBackoff(0.5, 30, new Random(3));
        Assert.That(backoff.Delay(int.MaxValue).TotalSeconds, Is.InRange(0.5, 30.0));
    }
}
