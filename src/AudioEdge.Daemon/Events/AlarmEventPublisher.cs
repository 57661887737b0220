using System.Text;
using AudioEdge.Daemon.Diagnostics;
using AudioEdge.Detection;
using AudioEdge.EventStore;
using AudioEdge.Mqtt;
using AudioEdge.Telemetry;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Daemon.Events;

/// <summary>
/// Where the detector's events leave the pipeline: each one is written to the durable outbox (event, retained state,
/// attributes) before anything else happens, then the local output, metrics and telemetry hear of it. The MQTT
/// forwarder publishes from the outbox, so an event decided during a broker outage, or just before a crash, is sent
/// when the broker is back or the daemon restarts.
/// </summary>
/// <remarks>Called on the detection thread. An outbox write costs one fsync (a few ms on an SD card), only per event.</remarks>
public sealed partial class AlarmEventPublisher : IEventSink
{
    private static readonly byte[] On = "ON"u8.ToArray();
    private static readonly byte[] Off = "OFF"u8.ToArray();

    private readonly DurableOutbox _outbox;
    private readonly MqttTopics _topics;
    private readonly string _deviceId;
    private readonly StreamClock _clock;
    private readonly HushState _hush;
    private readonly IAlarmOutput _output;
    private readonly DaemonMetrics _metrics;
    private readonly TelemetryAggregator _telemetry;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    // Pipeline event id → the published event (its UUID, and whether its state went ON), until it ends.
    private readonly Dictionary<long, PublishedEvent> _open = [];

    /// <summary>Creates the publisher.</summary>
    public AlarmEventPublisher(
        DurableOutbox outbox, MqttTopics topics, string deviceId, StreamClock clock, HushState hush, IAlarmOutput output,
        DaemonMetrics metrics, TelemetryAggregator telemetry, TimeProvider time, ILogger<AlarmEventPublisher> logger)
    {
        _outbox = outbox;
        _topics = topics;
        _deviceId = deviceId;
        _clock = clock;
        _hush = hush;
        _output = output;
        _metrics = metrics;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after an event has been stored (tests, the demo's console).</summary>
    public event EventHandler<PublishedEvent>? Published;

    /// <summary>Events decided so far (started), including hushed ones.</summary>
    public long EventsStarted { get; private set; }

    /// <inheritdoc />
    public void EventStarted(DetectionEvent detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        bool hushed = _hush.IsHushed;
        var published = new PublishedEvent(
            Guid.CreateVersion7(_time.GetUtcNow()).ToString(), _deviceId, detection.Label, _clock.ToUtc(detection.Start),
            detection.End is { } end ? _clock.ToUtc(end) : null, _clock.ToUtc(detection.DetectedAt), detection.Confidence, detection.Model, hushed);
        _open[detection.Id] = published;
        EventsStarted++;

        // Durable first: the event, then the state Home Assistant acts on.
        Store(_topics.Event, EventPayloads.Event(published), retain: false, MessageClass.Alarm, published);
        if (!hushed)
        {
            // ON and OFF travel as alarm-class messages, never coalesced: an alarm that starts and ends while the
            // broker is away must still turn Home Assistant's sensor on, not just leave its final OFF.
            Store(_topics.State(detection.Label), On, retain: true, MessageClass.Alarm, published);
            Store(_topics.Attributes(detection.Label), EventPayloads.Attributes(published), retain: true, MessageClass.State, published);
            _output.Show(detection.Label);
        }

        _metrics.Detected(detection.Label, hushed);
        _telemetry.RecordDetection(detection.Label);
        LogEventStarted(_logger, detection.Label, published.EventId, detection.Confidence, detection.Start, hushed);
        Published?.Invoke(this, published);
    }

    /// <inheritdoc />
    public void EventEnded(DetectionEvent detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        if (!_open.Remove(detection.Id, out PublishedEvent? started))
        {
            return;
        }

        // The end is placed from the event's own start, not mapped on its own: with a file read faster than real
        // time the clock mapping moves between the two reports, and an event must never end before it began.
        double duration = Math.Max(0, (detection.End ?? detection.Start) - detection.Start);
        PublishedEvent ended = started with { End = started.Start + TimeSpan.FromSeconds(duration), Confidence = detection.Confidence };
        if (!started.Hushed)
        {
            Store(_topics.Attributes(detection.Label), EventPayloads.Attributes(ended), retain: true, MessageClass.State, ended);
            if (!_open.Values.Any(e => e.Label == detection.Label && !e.Hushed))
            {
                Store(_topics.State(detection.Label), Off, retain: true, MessageClass.Alarm, ended);
                _output.Clear(detection.Label);
            }
        }

        LogEventEnded(_logger, detection.Label, started.EventId, (detection.End ?? detection.Start) - detection.Start);
    }

    private void Store(string topic, byte[] payload, bool retain, MessageClass messageClass, PublishedEvent e)
    {
        try
        {
            _outbox.Enqueue(topic, payload, retain, messageClass);
        }
        catch (OutboxException ex)
        {
            // Nothing else can keep it: say so loudly, with the event, so that the journal at least has it.
            string text = Encoding.UTF8.GetString(payload);
            LogStoreFailed(_logger, e.Label, e.EventId, text, ex.Message);
            _metrics.StoreFailed();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Label} detected (event {EventId}, confidence {Confidence:F2}, began at stream {Start:F2} s{Hushed})")]
    private static partial void LogEventStartedCore(ILogger logger, string label, string eventId, double confidence, double start, string hushed);

    private static void LogEventStarted(ILogger logger, string label, string eventId, double confidence, double start, bool hushed) =>
        LogEventStartedCore(logger, label, eventId, confidence, start, hushed ? ", hushed" : string.Empty);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Label} ended (event {EventId}, lasted {Seconds:F1} s)")]
    private static partial void LogEventEnded(ILogger logger, string label, string eventId, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Label} event {EventId} could not be stored in the outbox ({Error}); its message was {Payload}")]
    private static partial void LogStoreFailed(ILogger logger, string label, string eventId, string payload, string error);
}
