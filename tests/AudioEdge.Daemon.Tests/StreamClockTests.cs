using AudioEdge.Daemon.Events;
using Microsoft.Extensions.Time.Testing;

namespace AudioEdge.Daemon.Tests;

public sealed class StreamClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 17, 0, 0, TimeSpan.Zero);

    [Test]
    public void StreamZeroIsWhenTheClockWasCreated()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new StreamClock(time);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.That(clock.ToUtc(2.5), Is.EqualTo(Start.AddSeconds(2.5)));
    }

    [Test]
    public void TimesArePlacedRelativeToTheLastObservation()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new StreamClock(time);

        // A file read four times faster than real time: at wall +10 s the stream is at 40 s.
        time.Advance(TimeSpan.FromSeconds(10));
        clock.Observe(40);

        Assert.Multiple(() =>
        {
            Assert.That(clock.ToUtc(40), Is.EqualTo(Start.AddSeconds(10)));
            Assert.That(clock.ToUtc(38.75), Is.EqualTo(Start.AddSeconds(8.75)));
            Assert.That(clock.ToUtc(41), Is.EqualTo(Start.AddSeconds(11)));
        });
    }

    [Test]
    public void LaterObservationsCorrectDrift()
    {
        var time = new FakeTimeProvider(Start);
        var clock = new StreamClock(time);
        time.Advance(TimeSpan.FromSeconds(100));
        clock.Observe(99.5); // the sound card ran 0.5 % slow

        Assert.That(clock.ToUtc(99.5), Is.EqualTo(Start.AddSeconds(100)));
    }
}
