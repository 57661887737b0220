using System.Device.Gpio;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Gpio.Tests;

public sealed class AlarmIndicatorTests
{
    private const int Pin = 17;

    private GpioBench _bench = null!;

    [SetUp]
    public void SetUp() => _bench = new GpioBench();

    [TearDown]
    public void TearDown() => _bench.Dispose();

    [Test]
    public async Task OpensThePinInactiveWithoutAGlitch()
    {
        await using AlarmIndicator indicator = Create();
        Assert.Multiple(() =>
        {
            Assert.That(_bench.Driver.ModeOf(Pin), Is.EqualTo(PinMode.Output));
            Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L" }), "exactly one write: the inactive level at open");
            Assert.That(indicator.ShowingLabel, Is.Null);
            Assert.That(indicator.IsOutputOn, Is.False);
        });
    }

    [Test]
    public async Task SmokeAlarmBlinksHalfASecondOnHalfASecondOff()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(2_100);

        Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "0 H", "500 L", "1000 H", "1500 L", "2000 H" }));
        Assert.That(indicator.ShowingLabel, Is.EqualTo(AlarmLabels.SmokeAlarm));
    }

    [Test]
    public async Task SmokePatternDoesNotDriftOverAnHour()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(3_600_000, stepMilliseconds: 100);

        string[] timeline = _bench.Timeline(Pin);
        Assert.That(timeline, Has.Length.EqualTo(2 + (2 * 3600)));
        Assert.That(timeline[^2..], Is.EqualTo(new[] { "3599500 L", "3600000 H" }));
    }

    [Test]
    public async Task CoAlarmFlashesFourTimesThenPausesForFourPointTwoSeconds()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.CoAlarm);
        _bench.AdvanceTo(9_999);

        Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[]
        {
            "0 L",
            "0 H", "100 L", "200 H", "300 L", "400 H", "500 L", "600 H", "700 L",
            "5000 H", "5100 L", "5200 H", "5300 L", "5400 H", "5500 L", "5600 H", "5700 L",
        }));
    }

    [Test]
    public async Task GlassBreakIsOnForTenSecondsThenOff()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.GlassBreak);
        _bench.AdvanceTo(9_999);
        Assert.That(indicator.ShowingLabel, Is.EqualTo(AlarmLabels.GlassBreak));

        _bench.AdvanceTo(3_600_000, stepMilliseconds: 100);
        Assert.Multiple(() =>
        {
            Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "0 H", "10000 L" }));
            Assert.That(indicator.ShowingLabel, Is.Null, "a finished glass break is no longer active");
        });
    }

    [Test]
    public async Task AnotherGlassBreakRestartsItsTenSeconds()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.GlassBreak);
        _bench.AdvanceTo(8_000);
        indicator.Show(AlarmLabels.GlassBreak);
        _bench.AdvanceTo(60_000);

        Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "0 H", "18000 L" }));
    }

    [Test]
    public async Task ShowingAnActiveRepeatingLabelAgainKeepsItInStep()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(700);
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(1_600);

        Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "0 H", "500 L", "1000 H", "1500 L" }));
    }

    [Test]
    public async Task UnknownLabelIsSolidUntilCleared()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show("doorbell");
        _bench.AdvanceTo(3_600_000, stepMilliseconds: 100);
        Assert.That(indicator.ShowingLabel, Is.EqualTo("doorbell"));

        indicator.Clear("doorbell");
        Assert.Multiple(() =>
        {
            Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "0 H", "3600000 L" }));
            Assert.That(indicator.ShowingLabel, Is.Null);
            Assert.That(indicator.IsOutputOn, Is.False);
        });
    }

    [Test]
    public async Task SmokeOutranksCarbonMonoxideWhicheverCameFirst()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.CoAlarm);
        _bench.AdvanceTo(50);
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(1_100);

        Assert.Multiple(() =>
        {
            // CO would go dark at 100 ms; smoke (started at 50 ms) keeps the pin on until 550 ms.
            Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "0 H", "550 L", "1050 H" }));
            Assert.That(indicator.ShowingLabel, Is.EqualTo(AlarmLabels.SmokeAlarm));
        });

        indicator.Clear(AlarmLabels.SmokeAlarm);
        // CO continues in its own cycle (started at 0): dark at 1100 ms until 5000 ms.
        _bench.AdvanceTo(5_150);
        Assert.Multiple(() =>
        {
            Assert.That(_bench.Timeline(Pin)[4..], Is.EqualTo(new[] { "1100 L", "5000 H", "5100 L" }));
            Assert.That(indicator.ShowingLabel, Is.EqualTo(AlarmLabels.CoAlarm));
        });
    }

    [Test]
    public async Task CarbonMonoxideOutranksGlassBreak()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.GlassBreak);
        indicator.Show(AlarmLabels.CoAlarm);
        _bench.AdvanceTo(250);

        Assert.Multiple(() =>
        {
            Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "0 H", "100 L", "200 H" }));
            Assert.That(indicator.ShowingLabel, Is.EqualTo(AlarmLabels.CoAlarm));
        });
    }

    [Test]
    public async Task GlassBreakShowsItsRemainingTimeWhenAHigherAlarmIsCleared()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.GlassBreak);
        _bench.AdvanceTo(2_000);
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(4_700);
        indicator.Clear(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(20_000);

        Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[]
        {
            "0 L", "0 H", "2500 L", "3000 H", "3500 L", "4000 H", "4500 L", "4700 H", "10000 L",
        }));
    }

    [Test]
    public async Task GlassBreakThatExpiredBehindSmokeDoesNotShowAfterwards()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.GlassBreak);
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(12_200);
        indicator.Clear(AlarmLabels.SmokeAlarm);

        Assert.Multiple(() =>
        {
            Assert.That(_bench.Timeline(Pin)[^1], Is.EqualTo("12200 L"));
            Assert.That(indicator.ShowingLabel, Is.Null);
        });
    }

    [Test]
    public async Task ClearingALabelThatIsNotActiveChangesNothing()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.SmokeAlarm);
        indicator.Clear(AlarmLabels.CoAlarm);
        indicator.Clear("never-shown");
        _bench.AdvanceTo(600);

        Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "0 H", "500 L" }));
    }

    [Test]
    public async Task ClearAllHushesEveryPatternAndTheFlash()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.SmokeAlarm);
        indicator.Show(AlarmLabels.CoAlarm);
        indicator.Show("doorbell");
        indicator.Flash(TimeSpan.FromSeconds(5));
        _bench.AdvanceTo(1_250);
        indicator.ClearAll();
        _bench.AdvanceTo(3_600_000, stepMilliseconds: 100);

        Assert.Multiple(() =>
        {
            Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "0 H", "1250 L" }));
            Assert.That(indicator.ShowingLabel, Is.Null);
        });
    }

    [Test]
    public async Task FlashIsSolidAboveAnAlarmThenTheAlarmResumesInStep()
    {
        await using AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(200);
        indicator.Flash(TimeSpan.FromSeconds(2));
        Assert.That(indicator.ShowingLabel, Is.EqualTo(AlarmIndicator.SelfTestLabel));

        _bench.AdvanceTo(3_100);
        Assert.Multiple(() =>
        {
            Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "0 H", "2500 L", "3000 H" }));
            Assert.That(indicator.ShowingLabel, Is.EqualTo(AlarmLabels.SmokeAlarm));
        });
    }

    [Test]
    public async Task FlashAloneLightsForItsDuration()
    {
        await using AlarmIndicator indicator = Create();
        _bench.AdvanceTo(1_000);
        indicator.Flash(TimeSpan.FromSeconds(3));
        _bench.AdvanceTo(60_000);

        Assert.Multiple(() =>
        {
            Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "1000 H", "4000 L" }));
            Assert.That(indicator.ShowingLabel, Is.Null);
        });
    }

    [Test]
    public async Task FlashDurationMustBePositiveAndBounded()
    {
        await using AlarmIndicator indicator = Create();
        Assert.Multiple(() =>
        {
            Assert.That(() => indicator.Flash(TimeSpan.Zero), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => indicator.Flash(TimeSpan.FromSeconds(-1)), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => indicator.Flash(AlarmIndicator.MaxFlashDuration + TimeSpan.FromTicks(1)), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public async Task ActiveLowInvertsEveryLevel()
    {
        AlarmIndicator indicator = Create(activeLow: true);
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(1_200);
        await indicator.DisposeAsync();

        Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 H", "0 L", "500 H", "1000 L", "1200 H" }));
    }

    [Test]
    public async Task DisposeLeavesThePinInactiveAndClosedAndStopsThePattern()
    {
        AlarmIndicator indicator = Create();
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(1_200);
        await indicator.DisposeAsync();
        _bench.AdvanceTo(10_000);

        Assert.Multiple(() =>
        {
            Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "0 H", "500 L", "1000 H", "1200 L" }));
            Assert.That(_bench.Driver.IsOpen(Pin), Is.False);
            Assert.That(_bench.Controller.IsPinOpen(Pin), Is.False);
            Assert.That(_bench.Time.GetUtcNow(), Is.EqualTo(GpioBench.Start.AddSeconds(10)));
        });
    }

    [Test]
    public async Task DisposeWritesInactiveEvenWhenThePatternIsDark()
    {
        AlarmIndicator indicator = Create(activeLow: true);
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(700);
        await indicator.DisposeAsync();
        await indicator.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 H", "0 L", "500 H", "700 H" }));
            Assert.That(() => indicator.Show(AlarmLabels.SmokeAlarm), Throws.TypeOf<ObjectDisposedException>());
            Assert.That(() => indicator.ClearAll(), Throws.TypeOf<ObjectDisposedException>());
        });
    }

    [Test]
    public async Task TheOutputPinCanBeOpenedAgainAfterDispose()
    {
        await Create().DisposeAsync();
        await using AlarmIndicator again = Create();
        again.Show(AlarmLabels.GlassBreak);
        Assert.That(_bench.Driver.OutputOf(Pin), Is.EqualTo(PinValue.High));
    }

    [Test]
    public async Task APinAlreadyOpenIsRefusedAndLeftToItsOwner()
    {
        await using AlarmIndicator first = Create();
        Assert.That(() => Create(), Throws.InvalidOperationException.With.Message.Contains("already open"));
        first.Show(AlarmLabels.GlassBreak);
        Assert.That(_bench.Driver.OutputOf(Pin), Is.EqualTo(PinValue.High), "the first owner still drives the pin");
    }

    [Test]
    public async Task WriteFailuresAreLoggedOnceAndTheOutputRecovers()
    {
        await using AlarmIndicator indicator = Create();
        _bench.Driver.FailWrites = true;
        indicator.Show(AlarmLabels.SmokeAlarm);
        _bench.AdvanceTo(2_100);
        Assert.That(_bench.Logger.At(LogLevel.Warning).ToArray(), Is.EqualTo(new[]
        {
            "GPIO alarm output pin 17 cannot be written (Error writing pin 17: the line was released.); retrying on every change",
        }));

        _bench.Driver.FailWrites = false;
        _bench.AdvanceTo(2_600);
        Assert.Multiple(() =>
        {
            Assert.That(_bench.Timeline(Pin), Is.EqualTo(new[] { "0 L", "2500 L" }));
            Assert.That(_bench.Logger.At(LogLevel.Information), Does.Contain("GPIO alarm output pin 17 writable again"));
        });

        _bench.AdvanceTo(3_100);
        Assert.That(_bench.Timeline(Pin)[^1], Is.EqualTo("3000 H"));
    }

    [Test]
    public void LabelMustBeGiven()
    {
        AlarmIndicator indicator = Create();
        Assert.Multiple(() =>
        {
            Assert.That(() => indicator.Show(""), Throws.ArgumentException);
            Assert.That(() => indicator.Show(" "), Throws.ArgumentException);
            Assert.That(() => indicator.Clear(null!), Throws.ArgumentNullException);
        });
        indicator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunsOnTheSystemClock(CancellationToken cancellationToken)
    {
        // The production timer path: no fake clock, real thread-pool timers.
        var driver = new FakeGpioDriver(TimeProvider.System);
        using var controller = new GpioController(driver);
        await using var indicator = new AlarmIndicator(controller, Pin, activeLow: false, TimeProvider.System);
        indicator.Show(AlarmLabels.SmokeAlarm);
        while (driver.Writes.Count < 4)
        {
            await Task.Delay(20, cancellationToken);
        }

        IReadOnlyList<PinWrite> writes = driver.Writes;
        TimeSpan firstOff = writes[2].At - writes[1].At;
        Assert.Multiple(() =>
        {
            Assert.That(writes.Select(w => w.Value).Take(4), Is.EqualTo(new[] { PinValue.Low, PinValue.High, PinValue.Low, PinValue.High }));
            Assert.That(firstOff.TotalMilliseconds, Is.InRange(450, 2_000));
        });
    }

    private AlarmIndicator Create(bool activeLow = false) =>
        new(_bench.Controller, Pin, activeLow, _bench.Time, _bench.Logger);
}
