using AudioEdge.EventStore;
using AudioEdge.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Daemon.Services;

/// <summary>
/// Runs the MQTT forwarder for the daemon's lifetime. It is registered first so that it stops last: on SIGTERM the
/// detector closes its open events (state OFF goes into the outbox), then this service gives the outbox a few
/// seconds to drain, publishes <c>offline</c> and disconnects cleanly. Whatever is left is sent after the next start.
/// </summary>
public sealed partial class ForwarderService : BackgroundService
{
    private static readonly TimeSpan DrainOnStop = TimeSpan.FromSeconds(3);

    private readonly MqttForwarder _forwarder;
    private readonly DurableOutbox _outbox;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    public ForwarderService(MqttForwarder forwarder, DurableOutbox outbox, ILogger<ForwarderService> logger)
    {
        _forwarder = forwarder;
        _outbox = outbox;
        _logger = logger;
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + DrainOnStop;
        while (_forwarder.IsConnected && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            if (_outbox.Counts.Total == 0)
            {
                break;
            }

            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _forwarder.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException)
        {
            LogStopFailed(_logger, ex.Message);
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _forwarder.RunAsync(stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT disconnect on stop failed: {Error}")]
    private static partial void LogStopFailed(ILogger logger, string error);
}
