namespace AudioEdge.Gpio.Tests;

public sealed class GpioOptionsTests
{
    [Test]
    public void DefaultsAreValidAndDisabled()
    {
        var options = new GpioOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.Validate(), Is.Empty);
            Assert.That(options.IsEnabled, Is.False);
            Assert.That(options.OutputPin, Is.Null);
            Assert.That(options.ButtonPin, Is.Null);
            Assert.That(options.OutputActiveLow, Is.False);
            Assert.That(options.ButtonActiveLow, Is.True);
            Assert.That(options.Chip, Is.Zero);
            Assert.That(options.HoldTime, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(options.DebounceTime, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
        });
    }

    [Test]
    public void EitherPinEnablesGpio()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new GpioOptions { OutputPin = 17 }.IsEnabled, Is.True);
            Assert.That(new GpioOptions { ButtonPin = 27 }.IsEnabled, Is.True);
        });
    }

    [Test]
    public void BoundaryValuesAreAccepted()
    {
        var low = new GpioOptions { OutputPin = 0, ButtonPin = GpioOptions.MaxPinNumber, Chip = 0, HoldSeconds = 1, DebounceMilliseconds = 5 };
        var high = new GpioOptions { OutputPin = GpioOptions.MaxPinNumber, ButtonPin = 0, Chip = 255, HoldSeconds = 30, DebounceMilliseconds = 500 };
        Assert.Multiple(() =>
        {
            Assert.That(low.Validate(), Is.Empty);
            Assert.That(high.Validate(), Is.Empty);
        });
    }

    [TestCase(-1)]
    [TestCase(1024)]
    public void OutputPinOutOfRangeNamesTheKey(int pin)
    {
        Assert.That(new GpioOptions { OutputPin = pin }.Validate(),
            Is.EqualTo(new[] { $"Gpio:OutputPin must be 0..1023 (was {pin})." }));
    }

    [Test]
    public void EveryProblemIsReportedAtOnce()
    {
        var options = new GpioOptions
        {
            OutputPin = 2000,
            ButtonPin = -3,
            Chip = 256,
            HoldSeconds = 0,
            DebounceMilliseconds = 501,
        };

        Assert.That(options.Validate(), Is.EqualTo(new[]
        {
            "Gpio:OutputPin must be 0..1023 (was 2000).",
            "Gpio:ButtonPin must be 0..1023 (was -3).",
            "Gpio:Chip must be 0..255 (was 256).",
            "Gpio:HoldSeconds must be 1..30 (was 0).",
            "Gpio:DebounceMilliseconds must be 5..500 (was 501).",
        }));
    }

    [TestCase(31, 4)]
    [TestCase(5, 4)]
    public void HoldAndDebounceLimits(int holdSeconds, int debounceMilliseconds)
    {
        var problems = new GpioOptions { HoldSeconds = holdSeconds, DebounceMilliseconds = debounceMilliseconds }.Validate();
        Assert.That(problems, Does.Contain($"Gpio:DebounceMilliseconds must be 5..500 (was {debounceMilliseconds})."));
        Assert.That(problems.Any(p => p.StartsWith("Gpio:HoldSeconds", StringComparison.Ordinal)), Is.EqualTo(holdSeconds > 30));
    }

    [Test]
    public void OutputAndButtonOnTheSamePinIsAnError()
    {
        Assert.That(new GpioOptions { OutputPin = 17, ButtonPin = 17 }.Validate(),
            Is.EqualTo(new[] { "Gpio:ButtonPin must differ from Gpio:OutputPin (both are 17)." }));
    }
}
