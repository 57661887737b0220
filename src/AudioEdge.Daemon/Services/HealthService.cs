using System.Globalization;
using AudioEdge.Daemon.Diagnostics;
using AudioEdge.EventStore;
using AudioEdge.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Daemon.Services;

/// <summary>
/// Once a second: is audio arriving (else the retained <c>problem</c> state goes ON, which Home Assistant shows as a
/// diagnostic), the outbox depth and broker state for the metrics, and systemd's watchdog. The watchdog is pinged
/// only while the detection loop is alive, so a wedged detector is restarted by systemd instead of silently
/// listening to nothing.
/// </summary>
public sealed partial class HealthService : BackgroundService
{
    /// <summary>Silence from the source for this long (while it should be delivering) is a problem.</summary>
    public static readonly TimeSpan AudioTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan LoopTimeout = TimeSpan.FromSeconds(30);

    private readonly DaemonHealth _health;
    private readonly DurableOutbox _outbox;
    private readonly MqttTopics _topics;
    private readonly MqttForwarder _forwarder;
    private readonly DaemonMetrics _metrics;
    private readonly ISystemdNotifier? _systemd;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private bool? _problem;

    /// <summary>Creates the service; <paramref name="systemd"/> is null when not run by systemd.</summary>
    public HealthService(
        DaemonHealth health, DurableOutbox outbox, MqttTopics topics, MqttForwarder forwarder, DaemonMetrics metrics, TimeProvider time,
        ILogger<HealthService> logger, ISystemdNotifier? systemd = null)
    {
        _health = health;
        _outbox = outbox;
        _topics = topics;
        _forwarder = forwarder;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _systemd = systemd;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan? watchdog = WatchdogInterval();
        DateTimeOffset started = _time.GetUtcNow();
        DateTimeOffset lastPing = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        try
        {
            do
            {
                DateTimeOffset now = _time.GetUtcNow();
                bool silent = !_health.AudioEnded && now - started > AudioTimeout && !_health.AudioFlowing(AudioTimeout);
                SetProblem(silent);

                OutboxCounts counts = _outbox.Counts;
                _metrics.QueueDepth(counts.Alarm, counts.State, counts.Telemetry);
                _metrics.BrokerConnected(_forwarder.IsConnected);

                if (watchdog is { } interval && _systemd is not null && now - lastPing >= interval && now - _health.LastLoop < LoopTimeout)
                {
                    _systemd.Notify(new ServiceState("WATCHDOG=1"));
                    lastPing = now;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Half of systemd's <c>WatchdogSec</c> (as <c>WATCHDOG_USEC</c>), the interval sd_watchdog_enabled(3) recommends.</summary>
    private static TimeSpan? WatchdogInterval()
    {
        string? usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        return long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0
            ? TimeSpan.FromMicroseconds(value / 2.0)
            : null;
    }

    private void SetProblem(bool problem)
    {
        if (_problem == problem)
        {
            return;
        }

        _problem = problem;
        if (problem)
        {
            LogNoAudio(_logger, AudioTimeout.TotalSeconds);
        }

        try
        {
            _outbox.Enqueue(_topics.Problem, problem ? "ON"u8 : "OFF"u8, retain: true, MessageClass.State);
        }
        catch (OutboxException ex)
        {
            LogStoreFailed(_logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No audio for {Seconds} s: problem reported")]
    private static partial void LogNoAudio(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Problem state not stored: {Error}")]
    private static partial void LogStoreFailed(ILogger logger, string error);
}
