using System.Device.Gpio;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AudioEdge.Gpio.Tests;

public sealed class GpioControllerFactoryTests
{
    private readonly FakeTimeProvider _time = new(GpioBench.Start);

    [Test]
    public void NothingConfiguredIsFalseWithoutALogLine()
    {
        var logger = new ListLogger();
        bool driverAsked = false;
        bool created = GpioControllerFactory.TryCreate(new GpioOptions(), logger, () =>
        {
            driverAsked = true;
            return new FakeGpioDriver(_time);
        }, out GpioController? controller);

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.False);
            Assert.That(controller, Is.Null);
            Assert.That(driverAsked, Is.False);
            Assert.That(logger.Entries, Is.Empty);
        });
    }

    [Test]
    public void NothingConfiguredOnTheProductionPathIsFalseWithoutALogLine()
    {
        var logger = new ListLogger();
        Assert.That(GpioControllerFactory.TryCreate(new GpioOptions(), logger, out GpioController? controller), Is.False);
        Assert.That(logger.Entries, Is.Empty);
        Assert.That(controller, Is.Null);
    }

    [Test]
    public void MissingChipOnThisMachineIsOneWarningAndNoController()
    {
        Assume.That(File.Exists("/dev/gpiochip0"), Is.False, "this machine has a GPIO chip");
        var logger = new ListLogger();

        bool created = GpioControllerFactory.TryCreate(new GpioOptions { OutputPin = 17, ButtonPin = 27 }, logger, out GpioController? controller);

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.False);
            Assert.That(controller, Is.Null);
            Assert.That(logger.Entries, Is.EqualTo(new[]
            {
                (LogLevel.Warning, "GPIO chip 0 not available (/dev/gpiochip0 does not exist); alarm output and button disabled, detection continues"),
            }));
        });
    }

    [Test]
    public void TheConfiguredChipNumberIsTheOneLookedFor()
    {
        Assume.That(File.Exists("/dev/gpiochip4"), Is.False, "this machine has a GPIO chip 4");
        var logger = new ListLogger();

        Assert.That(GpioControllerFactory.TryCreate(new GpioOptions { ButtonPin = 5, Chip = 4 }, logger, out _), Is.False);
        Assert.That(logger.At(LogLevel.Warning).Single(), Does.StartWith("GPIO chip 4 not available (/dev/gpiochip4 does not exist);"));
    }

    [Test]
    public void ChipNodeWithoutLibgpiodIsOneWarningThatSaysSo()
    {
        // A chip node is present but no libgpiod is installed: both driver generations are tried.
        Assume.That(NativeLibrary.TryLoad("libgpiod.so.3", out _) || NativeLibrary.TryLoad("libgpiod.so.2", out _), Is.False,
            "libgpiod is installed on this machine");
        string devices = Directory.CreateTempSubdirectory("audioedge-gpio-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(devices, "gpiochip0"), "");
            var logger = new ListLogger();

            bool created = GpioControllerFactory.TryCreate(new GpioOptions { OutputPin = 17 }, logger, devices, out GpioController? controller);

            Assert.Multiple(() =>
            {
                Assert.That(created, Is.False);
                Assert.That(controller, Is.Null);
                Assert.That(logger.Entries, Is.EqualTo(new[]
                {
                    (LogLevel.Warning, "GPIO chip 0 not available (libgpiod is not installed: neither libgpiod.so.3 nor libgpiod.so.2 could be loaded); alarm output and button disabled, detection continues"),
                }));
            });
        }
        finally
        {
            Directory.Delete(devices, recursive: true);
        }
    }

    [Test]
    public void WarningReasonIsOneLineFromTheWholeExceptionChain()
    {
        var missing = new DllNotFoundException(
            "Unable to load shared library 'libgpiod.so.3' or one of its dependencies. In order to help diagnose loading problems, consider using a tool like strace.\n/usr/lib/libgpiod.so.3.so: cannot open shared object file");
        var wrapped = new IOException("Exception while calling libgpiod", missing);
        var logger = new ListLogger();

        GpioControllerFactory.TryCreate(new GpioOptions { OutputPin = 1 }, logger, () => throw wrapped, out _);

        Assert.That(logger.Entries.Single().Message, Is.EqualTo(
            "GPIO chip 0 not available (Exception while calling libgpiod: libgpiod.so.3 could not be loaded); alarm output and button disabled, detection continues"));
    }

    [Test]
    public void InjectedDriverGivesAWorkingControllerThatOwnsTheDriver()
    {
        var logger = new ListLogger();
        var driver = new FakeGpioDriver(_time, pinCount: 28);

        bool created = GpioControllerFactory.TryCreate(new GpioOptions { OutputPin = 17 }, logger, () => driver, out GpioController? controller);

        Assert.That(created, Is.True);
        Assert.That(controller, Is.Not.Null);
        using (controller)
        {
            controller!.OpenPin(17, PinMode.Output);
            controller.Write(17, PinValue.High);
            Assert.That(driver.OutputOf(17), Is.EqualTo(PinValue.High));
            Assert.That(logger.Entries, Is.EqualTo(new[]
            {
                (LogLevel.Information, "GPIO chip 0 open (28 lines); alarm output pin 17, button pin none"),
            }));
        }

        Assert.That(driver.IsDisposed, Is.True);
    }

    [Test]
    public void DriverThatThrowsIsOneWarning()
    {
        var logger = new ListLogger();
        bool created = GpioControllerFactory.TryCreate(new GpioOptions { ButtonPin = 27 }, logger,
            () => throw new UnauthorizedAccessException("Access to the path '/dev/gpiochip0' is denied."), out GpioController? controller);

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.False);
            Assert.That(controller, Is.Null);
            Assert.That(logger.Entries, Is.EqualTo(new[]
            {
                (LogLevel.Warning, "GPIO chip 0 not available (Access to the path '/dev/gpiochip0' is denied.); alarm output and button disabled, detection continues"),
            }));
        });
    }

    [TestCase(28, null)]
    [TestCase(null, 40)]
    public void PinTheChipDoesNotHaveIsOneWarningAndTheDriverIsReleased(int? outputPin, int? buttonPin)
    {
        var logger = new ListLogger();
        var driver = new FakeGpioDriver(_time, pinCount: 28);

        bool created = GpioControllerFactory.TryCreate(new GpioOptions { OutputPin = outputPin, ButtonPin = buttonPin }, logger, () => driver, out GpioController? controller);

        string key = outputPin is null ? "ButtonPin" : "OutputPin";
        Assert.Multiple(() =>
        {
            Assert.That(created, Is.False);
            Assert.That(controller, Is.Null);
            Assert.That(driver.IsDisposed, Is.True);
            Assert.That(logger.Entries, Is.EqualTo(new[]
            {
                (LogLevel.Warning, $"GPIO chip 0 not available (it has 28 lines, Gpio:{key} {outputPin ?? buttonPin} is not one of them); alarm output and button disabled, detection continues"),
            }));
        });
    }

    [Test]
    public void InvalidOptionsAreAProgrammingErrorNotAMissingChip()
    {
        var options = new GpioOptions { OutputPin = 5, ButtonPin = 5 };
        Assert.That(() => GpioControllerFactory.TryCreate(options, new ListLogger(), () => new FakeGpioDriver(_time), out _),
            Throws.ArgumentException.With.Message.Contains("Gpio:ButtonPin must differ from Gpio:OutputPin (both are 5)."));
    }

    [Test]
    public async Task IndicatorAndButtonShareTheFactoryController()
    {
        var driver = new FakeGpioDriver(_time);
        var options = new GpioOptions { OutputPin = 17, ButtonPin = 27 };
        Assert.That(GpioControllerFactory.TryCreate(options, new ListLogger(), () => driver, out GpioController? controller), Is.True);
        using (controller)
        {
            await using var indicator = new AlarmIndicator(controller!, options.OutputPin!.Value, options.OutputActiveLow, _time);
            using var button = new ButtonMonitor(controller!, options.ButtonPin!.Value, options.ButtonActiveLow, options.HoldTime, options.DebounceTime, _time);
            button.HushRequested += (_, _) => indicator.ClearAll();

            indicator.Show(AlarmLabels.SmokeAlarm);
            Assert.That(driver.OutputOf(17), Is.EqualTo(PinValue.High));

            driver.SetInput(27, PinValue.Low);
            _time.Advance(TimeSpan.FromMilliseconds(200));
            driver.SetInput(27, PinValue.High);
            _time.Advance(TimeSpan.FromMilliseconds(100));

            Assert.Multiple(() =>
            {
                Assert.That(indicator.ShowingLabel, Is.Null, "the button hushed the alarm output");
                Assert.That(driver.OutputOf(17), Is.EqualTo(PinValue.Low));
            });
        }
    }
}
