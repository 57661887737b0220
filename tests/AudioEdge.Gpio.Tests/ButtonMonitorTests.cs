using System.Device.Gpio;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Gpio.Tests;

public sealed class ButtonMonitorTests
{
    private const int Pin = 27;

    private GpioBench _bench = null!;
    private List<double> _hushes = null!;
    private List<double> _selfTests = null!;

    [SetUp]
    public void SetUp()
    {
        _bench = new GpioBench();
        _hushes = [];
        _selfTests = [];
    }

    [TearDown]
    public void TearDown() => _bench.Dispose();

    [Test]
    public void ActiveLowButtonGetsThePullUpAndReadsReleased()
    {
        using ButtonMonitor button = Create();
        Assert.Multiple(() =>
        {
            Assert.That(_bench.Driver.ModeOf(Pin), Is.EqualTo(PinMode.InputPullUp));
            Assert.That(button.IsPressed, Is.False);
            Assert.That(_bench.Driver.CallbackCount(Pin), Is.EqualTo(1));
        });
    }

    [Test]
    public void ActiveHighButtonGetsThePullDownAndPressesHigh()
    {
        using ButtonMonitor button = Create(activeLow: false);
        Assert.That(_bench.Driver.ModeOf(Pin), Is.EqualTo(PinMode.InputPullDown));

        At(0, PinValue.High);
        At(300, PinValue.Low);
        _bench.AdvanceTo(1_000);
        Assert.That(_hushes, Is.EqualTo(new[] { 350.0 }));
    }

    [Test]
    public void WithoutInternalPullsThePinIsAPlainInputAndThatIsLogged()
    {
        _bench.Driver.UnsupportedModes.Add(PinMode.InputPullUp);
        _bench.Driver.UnsupportedModes.Add(PinMode.InputPullDown);
        _bench.Driver.SetInput(Pin, PinValue.High);
        using ButtonMonitor button = Create();

        Assert.Multiple(() =>
        {
            Assert.That(_bench.Driver.ModeOf(Pin), Is.EqualTo(PinMode.Input));
            Assert.That(_bench.Logger.At(LogLevel.Warning).ToArray(), Is.EqualTo(new[]
            {
                "GPIO button pin 27 has no internal InputPullUp on this chip; the button needs an external resistor",
            }));
        });
    }

    [Test]
    public void ShortPressHushesOnRelease()
    {
        using ButtonMonitor button = Create();
        At(0, PinValue.Low);
        _bench.AdvanceTo(49);
        Assert.That(button.IsPressed, Is.False, "not before the level was stable for 50 ms");
        _bench.AdvanceTo(50);
        Assert.That(button.IsPressed, Is.True);

        At(400, PinValue.High);
        _bench.AdvanceTo(449);
        Assert.That(_hushes, Is.Empty, "released, but not yet stable");
        _bench.AdvanceTo(10_000);

        Assert.Multiple(() =>
        {
            Assert.That(_hushes, Is.EqualTo(new[] { 450.0 }));
            Assert.That(_selfTests, Is.Empty);
            Assert.That(button.IsPressed, Is.False);
        });
    }

    [Test]
    public void ContactBounceWithinTheDebounceTimeCountsAsOnePress()
    {
        using ButtonMonitor button = Create();
        List<bool> pressedStates = [];

        // Press and release, each with the chatter of a cheap tactile switch.
        foreach ((double at, PinValue level) in new (double, PinValue)[]
                 {
                     (0, PinValue.Low), (3, PinValue.High), (8, PinValue.Low), (15, PinValue.High), (22, PinValue.Low),
                     (300, PinValue.High), (304, PinValue.Low), (310, PinValue.High), (349, PinValue.Low), (355, PinValue.High),
                 })
        {
            At(at, level);
            pressedStates.Add(button.IsPressed);
        }

        _bench.AdvanceTo(10_000);
        Assert.Multiple(() =>
        {
            Assert.That(_hushes, Is.EqualTo(new[] { 405.0 }));
            Assert.That(_selfTests, Is.Empty);
            Assert.That(pressedStates, Is.EqualTo(new[] { false, false, false, false, false, true, true, true, true, true }));
        });
    }

    [Test]
    public void GlitchShorterThanTheDebounceTimeIsIgnored()
    {
        using ButtonMonitor button = Create();
        At(1_000, PinValue.Low);
        At(1_049, PinValue.High);
        _bench.AdvanceTo(10_000);

        Assert.Multiple(() =>
        {
            Assert.That(_hushes, Is.Empty);
            Assert.That(_selfTests, Is.Empty);
            Assert.That(button.IsPressed, Is.False);
        });
    }

    [Test]
    public void HoldRequestsSelfTestWhenTheHoldTimeIsReachedNotOnRelease()
    {
        using ButtonMonitor button = Create();
        At(0, PinValue.Low);
        At(4, PinValue.High);
        At(9, PinValue.Low);
        _bench.AdvanceTo(2_999);
        Assert.That(_selfTests, Is.Empty);

        _bench.AdvanceTo(3_000);
        Assert.That(_selfTests, Is.EqualTo(new[] { 3_000.0 }), "timed from the first edge of the press, while still held");

        At(7_000, PinValue.High);
        _bench.AdvanceTo(20_000);
        Assert.Multiple(() =>
        {
            Assert.That(_selfTests, Is.EqualTo(new[] { 3_000.0 }), "once per press");
            Assert.That(_hushes, Is.Empty, "a long press does not also hush");
        });
    }

    [Test]
    public void ReleaseThatBeginsJustBeforeTheHoldTimeIsAShortPress()
    {
        using ButtonMonitor button = Create();
        At(0, PinValue.Low);
        At(2_990, PinValue.High);
        At(2_995, PinValue.Low);
        At(3_010, PinValue.High);
        _bench.AdvanceTo(10_000);

        Assert.Multiple(() =>
        {
            Assert.That(_selfTests, Is.Empty);
            Assert.That(_hushes, Is.EqualTo(new[] { 3_060.0 }));
        });
    }

    [Test]
    public void GlitchAcrossTheHoldTimeDelaysTheSelfTestUntilItSettles()
    {
        using ButtonMonitor button = Create();
        At(0, PinValue.Low);
        At(2_990, PinValue.High);
        At(3_005, PinValue.Low);
        _bench.AdvanceTo(3_054);
        Assert.That(_selfTests, Is.Empty);
        _bench.AdvanceTo(3_055);
        Assert.That(_selfTests, Is.EqualTo(new[] { 3_055.0 }));

        At(5_000, PinValue.High);
        _bench.AdvanceTo(6_000);
        Assert.That(_hushes, Is.Empty);
    }

    [Test]
    public void HoldTimeComesFromTheConstructor()
    {
        using ButtonMonitor button = Create(holdTime: TimeSpan.FromSeconds(1), debounce: TimeSpan.FromMilliseconds(10));
        At(0, PinValue.Low);
        At(995, PinValue.High);
        At(2_000, PinValue.Low);
        _bench.AdvanceTo(5_000);

        Assert.Multiple(() =>
        {
            Assert.That(_hushes, Is.EqualTo(new[] { 1_005.0 }));
            Assert.That(_selfTests, Is.EqualTo(new[] { 3_000.0 }));
        });
    }

    [Test]
    public void ConsecutivePressesEachCount()
    {
        using ButtonMonitor button = Create();
        for (int i = 0; i < 3; i++)
        {
            At((i * 1_000) + 0, PinValue.Low);
            At((i * 1_000) + 200, PinValue.High);
        }

        _bench.AdvanceTo(5_000);
        Assert.That(_hushes, Is.EqualTo(new[] { 250.0, 1_250.0, 2_250.0 }));
    }

    [Test]
    public void AButtonHeldAtStartFiresNothingForThatPress()
    {
        _bench.Driver.SetInput(Pin, PinValue.Low);
        using ButtonMonitor button = Create();
        Assert.That(button.IsPressed, Is.True);

        _bench.AdvanceTo(10_000);
        At(10_000, PinValue.High);
        _bench.AdvanceTo(11_000);
        Assert.Multiple(() =>
        {
            Assert.That(_selfTests, Is.Empty);
            Assert.That(_hushes, Is.Empty);
            Assert.That(_bench.Logger.At(LogLevel.Information), Does.Contain("GPIO button pin 27 is pressed at start; this press is ignored"));
        });

        At(12_000, PinValue.Low);
        At(12_100, PinValue.High);
        _bench.AdvanceTo(13_000);
        Assert.That(_hushes, Is.EqualTo(new[] { 12_150.0 }), "the next press works");
    }

    [Test]
    public void AThrowingHandlerIsLoggedAndTheMonitorCarriesOn()
    {
        using ButtonMonitor button = Create();
        int calls = 0;
        button.HushRequested += (_, _) =>
        {
            calls++;
            if (calls == 1)
            {
                throw new InvalidOperationException("handler bug");
            }
        };

        At(0, PinValue.Low);
        At(100, PinValue.High);
        At(1_000, PinValue.Low);
        At(1_100, PinValue.High);
        _bench.AdvanceTo(2_000);

        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(2));
            Assert.That(_hushes, Is.EqualTo(new[] { 150.0, 1_150.0 }), "handlers before the throwing one still ran");
            Assert.That(_bench.Logger.At(LogLevel.Error).ToArray(), Is.EqualTo(new[] { "GPIO button hush handler failed" }));
        });
    }

    [Test]
    public void DisposeUnregistersAndClosesThePin()
    {
        ButtonMonitor button = Create();
        At(0, PinValue.Low);
        button.Dispose();
        button.Dispose();
        _bench.AdvanceTo(5_000);

        Assert.Multiple(() =>
        {
            Assert.That(_bench.Driver.CallbackCount(Pin), Is.Zero);
            Assert.That(_bench.Driver.IsOpen(Pin), Is.False);
            Assert.That(_bench.Controller.IsPinOpen(Pin), Is.False);
            Assert.That(_selfTests, Is.Empty, "the pending press died with the monitor");
        });

        using ButtonMonitor again = Create();
        Assert.That(again.IsPressed, Is.True, "the pin could be opened again and the still-held line is read afresh");
    }

    [Test]
    public void ArgumentsAreChecked()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Create(holdTime: TimeSpan.FromMilliseconds(50)), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Create(debounce: TimeSpan.Zero), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(_bench.Controller.IsPinOpen(Pin), Is.False);
        });
    }

    private ButtonMonitor Create(bool activeLow = true, TimeSpan? holdTime = null, TimeSpan? debounce = null)
    {
        var button = new ButtonMonitor(_bench.Controller, Pin, activeLow, holdTime ?? TimeSpan.FromSeconds(3),
                                       debounce ?? TimeSpan.FromMilliseconds(50), _bench.Time, _bench.Logger);
        button.HushRequested += (_, _) => _hushes.Add(_bench.Now);
        button.SelfTestRequested += (_, _) => _selfTests.Add(_bench.Now);
        return button;
    }

    /// <summary>Moves the clock to <paramref name="milliseconds"/> and sets the button line's level there.</summary>
    private void At(double milliseconds, PinValue level)
    {
        _bench.AdvanceTo(milliseconds);
        _bench.Driver.SetInput(Pin, level);
    }
}
