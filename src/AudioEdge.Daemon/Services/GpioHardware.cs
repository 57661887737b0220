using System.Device.Gpio;
using AudioEdge.Daemon.Configuration;
using AudioEdge.Daemon.Events;
using AudioEdge.Gpio;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Daemon.Services;

/// <summary>
/// The GPIO chip, when one is configured and present: the alarm output and the button's controller. Without
/// configuration or hardware it logs one warning (if configured) and the daemon runs without them.
/// </summary>
public sealed class GpioHardware : IAsyncDisposable
{
    private readonly AlarmIndicator? _indicator;

    /// <summary>Opens the chip if configured.</summary>
    public GpioHardware(DaemonOptions options, TimeProvider time, ILogger<GpioHardware> logger, GpioDriverSource? driver = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Gpio;
        bool opened = driver is null
            ? GpioControllerFactory.TryCreate(Options, logger, out GpioController? controller)
            : GpioControllerFactory.TryCreate(Options, logger, driver.Create, out controller);
        Controller = opened ? controller : null;
        if (Controller is not null && Options.OutputPin is int pin)
        {
            _indicator = new AlarmIndicator(Controller, pin, Options.OutputActiveLow, time, logger);
            Output = new GpioAlarmOutput(_indicator);
        }
        else
        {
            Output = NoAlarmOutput.Instance;
        }
    }

    /// <summary>The GPIO options.</summary>
    public GpioOptions Options { get; }

    /// <summary>The chip's controller; null without GPIO.</summary>
    public GpioController? Controller { get; }

    /// <summary>The alarm output (a no-op without an output pin).</summary>
    public IAlarmOutput Output { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_indicator is not null)
        {
            await _indicator.DisposeAsync().ConfigureAwait(false);
        }

        Controller?.Dispose();
    }
}
