using AudioEdge.Daemon.Commands;
using AudioEdge.Daemon.Configuration;
using AudioEdge.Gpio;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Daemon.Services;

/// <summary>The hush/self-test button: a short press hushes for <c>Hush:ButtonMinutes</c>, a hold runs the self-test.</summary>
public sealed partial class GpioButtonService : IHostedService, IDisposable
{
    private readonly GpioHardware _gpio;
    private readonly DeviceCommandHandler _commands;
    private readonly SelfTestRunner _selfTest;
    private readonly DaemonOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ButtonMonitor? _button;

    /// <summary>Creates the service.</summary>
    public GpioButtonService(GpioHardware gpio, DeviceCommandHandler commands, SelfTestRunner selfTest, DaemonOptions options, TimeProvider time, ILogger<GpioButtonService> logger)
    {
        _gpio = gpio;
        _commands = commands;
        _selfTest = selfTest;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_gpio.Controller is null || _gpio.Options.ButtonPin is not int pin)
        {
            return Task.CompletedTask;
        }

        try
        {
            _button = new ButtonMonitor(
                _gpio.Controller, pin, _gpio.Options.ButtonActiveLow, TimeSpan.FromSeconds(_gpio.Options.HoldSeconds),
                TimeSpan.FromMilliseconds(_gpio.Options.DebounceMilliseconds), _time, _logger);
        }
        catch (InvalidOperationException ex)
        {
            LogButtonUnavailable(_logger, pin, ex.Message);
            return Task.CompletedTask;
        }

        _button.HushRequested += (_, _) =>
        {
            var reply = _commands.Hush(TimeSpan.FromMinutes(_options.Hush.ButtonMinutes));
            LogButton(_logger, "hush", reply.Message);
        };
        _button.SelfTestRequested += (_, _) => _ = RunSelfTestAsync();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _button?.Dispose();
        _button = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _button?.Dispose();

    private async Task RunSelfTestAsync()
    {
        var reply = await _selfTest.RunAsync(CancellationToken.None).ConfigureAwait(false);
        LogButton(_logger, "self-test", reply.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Button: {Action}: {Result}")]
    private static partial void LogButton(ILogger logger, string action, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Button on GPIO {Pin} not available ({Error}); hush and self-test remain available over MQTT")]
    private static partial void LogButtonUnavailable(ILogger logger, int pin, string error);
}
