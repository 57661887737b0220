namespace AudioEdge.Audio.Alsa.Tests;

[TestFixture]
public sealed class RetryBackoffTests
{
    [Test]
    public void DelaysDoubleFromTheMinimumUpToTheMaximumWithAtMostAQuarterJitter()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), new Random(42));
        double[] nominalSeconds = [0.5, 1, 2, 4, 8, 16, 30, 30, 30];

        Assert.Multiple(() =>
        {
            for (int failures = 1; failures <= nominalSeconds.Length; failures++)
            {
                double nominal = nominalSeconds[failures - 1];
                Assert.That(backoff.NextDelay(failures).TotalSeconds, Is.InRange(nominal * 0.75, nominal), $"after {failures} failure(s)");
            }
        });
    }

    [Test]
    public void HugeFailureCountsStayAtTheMaximum()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), new Random(1));

        Assert.That(backoff.NextDelay(int.MaxValue).TotalSeconds, Is.InRange(22.5, 30));
    }

    [Test]
    public void JitterSpreadsTheDelays()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), new Random(7));

        TimeSpan[] delays = [.. Enumerable.Range(0, 20).Select(_ => backoff.NextDelay(1))];

        Assert.That(delays.Distinct().Count(), Is.GreaterThan(10), "Clients that lost the same device must not retry in lockstep.");
    }

    [Test]
    public void AZeroMinimumIsRejected()
    {
        Assert.That(() => new RetryBackoff(TimeSpan.Zero, TimeSpan.FromSeconds(1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
