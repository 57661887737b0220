using AudioEdge.Daemon.Configuration;
using AudioEdge.EventStore;
using AudioEdge.Mqtt;
using AudioEdge.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Daemon.Services;

/// <summary>
/// Every <c>Telemetry:IntervalSeconds</c>, turns the aggregates into one report and puts it in the outbox as
/// telemetry (the class that is dropped first when the outbox is full). Off when <c>Telemetry:Enabled</c> is false.
/// </summary>
public sealed partial class TelemetryService : BackgroundService
{
    private readonly DaemonOptions _options;
    private readonly TelemetryAggregator _aggregator;
    private readonly DurableOutbox _outbox;
    private readonly MqttTopics _topics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    public TelemetryService(
        DaemonOptions options, TelemetryAggregator aggregator, DurableOutbox outbox, MqttTopics topics, TimeProvider time,
        ILogger<TelemetryService> logger)
    {
        _options = options;
        _aggregator = aggregator;
        _outbox = outbox;
        _topics = topics;
        _time = time;
        _logger = logger;
    }

    /// <summary>Ends the current interval now and stores its report (at a clean stop; tests).</summary>
    public TelemetryReport? PublishNow()
    {
        if (!_options.Telemetry.Enabled)
        {
            return null;
        }

        TelemetryReport report = _aggregator.TakeReport(_time.GetUtcNow());
        try
        {
            _outbox.Enqueue(_topics.Telemetry, report.ToJsonUtf8(), retain: false, MessageClass.Telemetry);
        }
        catch (OutboxException ex)
        {
            LogStoreFailed(_logger, ex.Message);
        }

        return report;
    }

    /// <summary>A clean stop (SIGTERM) sends the partial interval's report, so the last minutes before a restart are not a gap.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        PublishNow();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Telemetry.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.Telemetry.IntervalSeconds), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                PublishNow();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry report not stored: {Error}")]
    private static partial void LogStoreFailed(ILogger logger, string error);
}
