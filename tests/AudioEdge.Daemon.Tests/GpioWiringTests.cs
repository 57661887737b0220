using System.Device.Gpio;
using AudioEdge.Daemon.Configuration;
using AudioEdge.Daemon.Events;
using AudioEdge.Daemon.Services;
using AudioEdge.Gpio.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AudioEdge.Daemon.Tests;

/// <summary>
/// The daemon's GPIO wiring with a fake chip behind the real <see cref="GpioController"/>: the demo's alarm drives
/// the output pin and the button hushes. The daemon runs on a fake clock so the button's debounce is exact.
/// </summary>
public sealed class GpioWiringTests
{
    private const int OutputPin = 17;
    private const int ButtonPin = 27;

    [Test]
    public async Task AlarmDrivesTheOutputPinAndAShortPressHushes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var driver = new FakeGpioDriver(time);
        DaemonOptions options = DaemonHarness.CreateOptions(TestRecordings.DemoWav);
        options.Gpio.OutputPin = OutputPin;
        options.Gpio.ButtonPin = ButtonPin;

        await using DaemonHarness daemon = await DaemonHarness.StartAsync(options, services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton(new GpioDriverSource(() => driver));
        });
        DaemonHealth health = daemon.Get<DaemonHealth>();
        await Poll.UntilAsync(() => health.AudioEnded, "the end of the demo recording");

        List<PinWrite> writes = driver.Writes.Where(w => w.Pin == OutputPin).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(driver.ModeOf(OutputPin), Is.EqualTo(PinMode.Output));
            Assert.That(writes, Is.Not.Empty);
            Assert.That(writes[0].Value, Is.EqualTo(PinValue.Low), "inactive at start");
            Assert.That(writes.Select(w => w.Value), Does.Contain(PinValue.High), "the alarm drove the pin");
            Assert.That(driver.ModeOf(ButtonPin), Is.EqualTo(PinMode.InputPullUp), "active-low button with the internal pull-up");
            Assert.That(daemon.Get<HushState>().IsHushed, Is.False);
        });

        // Show the alarm again (as a new event would) so that the hush has something to silence.
        daemon.Get<GpioHardware>().Output.Show("smoke_alarm");
        Assert.That(driver.OutputOf(OutputPin), Is.EqualTo(PinValue.High));

        // A 200 ms press: down, settle, up, settle.
        driver.SetInput(ButtonPin, PinValue.Low);
        time.Advance(TimeSpan.FromMilliseconds(200));
        driver.SetInput(ButtonPin, PinValue.High);
        time.Advance(TimeSpan.FromMilliseconds(100));

        var hush = daemon.Get<HushState>();
        Assert.Multiple(() =>
        {
            Assert.That(hush.IsHushed, Is.True, daemon.Log.ToString());
            Assert.That(hush.Until, Is.EqualTo(time.GetUtcNow().AddMinutes(options.Hush.ButtonMinutes)).Within(TimeSpan.FromSeconds(1)));
            Assert.That(driver.OutputOf(OutputPin), Is.EqualTo(PinValue.Low), "the hush silenced the output");
            Assert.That(daemon.Log.Lines, Has.Some.Contains("Button: hush"));
        });
    }

    [Test]
    public void MissingGpioHardwareIsAWarningNotAFailure()
    {
        DaemonOptions options = DaemonHarness.CreateOptions(TestRecordings.DemoWav);
        options.Gpio.OutputPin = OutputPin;
        using var directory = new TemporaryDirectory();
        options.Outbox.Path = directory.File("outbox.db");
        var log = new CapturedLog();

        using IHost host = DaemonHost.Build(
            options,
            logging =>
            {
                logging.ClearProviders();
                logging.AddProvider(log);
            },
            services => services.AddSingleton(new GpioDriverSource(() => throw new IOException("/dev/gpiochip0 does not exist"))));

        var gpio = host.Services.GetRequiredService<GpioHardware>();
        Assert.Multiple(() =>
        {
            Assert.That(gpio.Controller, Is.Null);
            Assert.That(host.Services.GetRequiredService<IAlarmOutput>(), Is.SameAs(NoAlarmOutput.Instance));
            Assert.That(log.Lines, Has.Some.StartsWith("Warning").And.Contains("gpiochip0"), log.ToString());
        });
    }
}
