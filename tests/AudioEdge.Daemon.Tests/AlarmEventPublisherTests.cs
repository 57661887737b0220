using System.Text;
using System.Text.Json;
using AudioEdge.Daemon.Diagnostics;
using AudioEdge.Daemon.Events;
using AudioEdge.Detection;
using AudioEdge.EventStore;
using AudioEdge.Mqtt;
using AudioEdge.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace AudioEdge.Daemon.Tests;

public sealed class AlarmEventPublisherTests
{
    private const string Model = "audioedge-cnn@0.1.0";
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 17, 0, 0, TimeSpan.Zero);
    private static readonly MqttTopics Topics = new("audioedge", "kitchen-1");

    private TemporaryDirectory _directory = null!;
    private DurableOutbox _outbox = null!;
    private FakeTimeProvider _time = null!;
    private HushState _hush = null!;
    private RecordingAlarmOutput _output = null!;
    private DaemonMetrics _metrics = null!;
    private AlarmEventPublisher _publisher = null!;
    private List<PublishedEvent> _published = null!;

    [SetUp]
    public void CreatePublisher()
    {
        _directory = new TemporaryDirectory();
        _outbox = DurableOutbox.Open(new OutboxOptions { Path = _directory.File("outbox.db") });
        _time = new FakeTimeProvider(T0);
        _hush = new HushState(_time);
        _output = new RecordingAlarmOutput();
        _metrics = new DaemonMetrics();
        var telemetry = new TelemetryAggregator(
            "kitchen-1", Model, [EventLabels.ModelAlarm, EventLabels.ModelGlassBreak], [EventLabels.SmokeAlarm, EventLabels.CoAlarm, EventLabels.GlassBreak],
            new TelemetryOptions(), T0);
        _publisher = new AlarmEventPublisher(
            _outbox, Topics, "kitchen-1", new StreamClock(_time), _hush, _output, _metrics, telemetry, _time, NullLogger<AlarmEventPublisher>.Instance);
        _published = [];
        _publisher.Published += (_, e) => _published.Add(e);
    }

    [TearDown]
    public void DeleteOutbox()
    {
        _outbox.Dispose();
        _directory.Dispose();
    }

    [Test]
    public void StartedEventIsStoredWithStateOnAndAttributes()
    {
        _publisher.EventStarted(Smoke(id: 1, start: 2.0, detectedAt: 4.5, confidence: 0.91));

        IReadOnlyList<OutboxMessage> messages = _outbox.PeekOldest(10);
        Assert.That(messages.Select(m => (m.Topic, m.Class, m.Retain)), Is.EqualTo(new[]
        {
            ("audioedge/kitchen-1/event", MessageClass.Alarm, false),
            ("audioedge/kitchen-1/smoke_alarm/state", MessageClass.Alarm, true),
            ("audioedge/kitchen-1/smoke_alarm/attributes", MessageClass.State, true),
        }));
        using JsonDocument json = JsonDocument.Parse(messages[0].Payload);
        JsonElement e = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(e.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
            {
                "event_id", "device_id", "label", "start", "end", "detected_at", "confidence", "model", "hushed",
            }));
            Assert.That(e.GetProperty("device_id").GetString(), Is.EqualTo("kitchen-1"));
            Assert.That(e.GetProperty("label").GetString(), Is.EqualTo("smoke_alarm"));
            Assert.That(e.GetProperty("start").GetString(), Is.EqualTo("2026-11-25T17:00:02.000Z"));
            Assert.That(e.GetProperty("end").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(e.GetProperty("detected_at").GetString(), Is.EqualTo("2026-11-25T17:00:04.500Z"));
            Assert.That(e.GetProperty("confidence").GetDouble(), Is.EqualTo(0.91));
            Assert.That(e.GetProperty("model").GetString(), Is.EqualTo(Model));
            Assert.That(e.GetProperty("hushed").GetBoolean(), Is.False);
            Assert.That(Text(messages[1]), Is.EqualTo("ON"));
            Assert.That(Attribute(messages[2], "event_id"), Is.EqualTo(e.GetProperty("event_id").GetString()));
            Assert.That(Attribute(messages[2], "end"), Is.Null);
            Assert.That(_output.Calls, Is.EqualTo(new[] { "Show smoke_alarm" }));
            Assert.That(_published.Single().EventId, Is.EqualTo(e.GetProperty("event_id").GetString()));
            Assert.That(_publisher.EventsStarted, Is.EqualTo(1));
        });
    }

    [Test]
    public void EndedEventUpdatesAttributesAndTurnsStateOff()
    {
        _publisher.EventStarted(Smoke(id: 1, start: 2.0, detectedAt: 4.5));
        string eventId = _published.Single().EventId;
        AcknowledgeAll();

        _publisher.EventEnded(Smoke(id: 1, start: 2.0, detectedAt: 4.5) with { End = 12.25 });

        IReadOnlyList<OutboxMessage> messages = _outbox.PeekOldest(10);
        Assert.That(messages.Select(m => m.Topic), Is.EqualTo(new[] { "audioedge/kitchen-1/smoke_alarm/attributes", "audioedge/kitchen-1/smoke_alarm/state" }));
        Assert.Multiple(() =>
        {
            Assert.That(Attribute(messages[0], "event_id"), Is.EqualTo(eventId), "the end carries the start's id");
            Assert.That(Attribute(messages[0], "end"), Is.EqualTo("2026-11-25T17:00:12.250Z"));
            Assert.That(Text(messages[1]), Is.EqualTo("OFF"));
            Assert.That(messages.Select(m => (m.Class, m.Retain)), Is.EqualTo(new[] { (MessageClass.State, true), (MessageClass.Alarm, true) }));
            Assert.That(_output.Calls, Is.EqualTo(new[] { "Show smoke_alarm", "Clear smoke_alarm" }));
        });
    }

    [Test]
    public void AlarmThatEndsBeforeAnythingIsDeliveredKeepsBothItsOnAndOff()
    {
        // The broker is away: nothing is acknowledged between the start and the end.
        _publisher.EventStarted(Smoke(id: 1, start: 2.0, detectedAt: 4.5));
        _publisher.EventEnded(Smoke(id: 1, start: 2.0, detectedAt: 4.5) with { End = 12.25 });

        IReadOnlyList<OutboxMessage> messages = _outbox.PeekOldest(10);
        Assert.Multiple(() =>
        {
            Assert.That(messages.Where(m => m.Topic == "audioedge/kitchen-1/smoke_alarm/state").Select(Text), Is.EqualTo(new[] { "ON", "OFF" }),
                "Home Assistant must see the alarm turn on, not only its final OFF");
            Assert.That(messages.Count(m => m.Topic == "audioedge/kitchen-1/smoke_alarm/attributes"), Is.EqualTo(1), "attributes coalesce to the newest");
            Assert.That(Attribute(messages.Single(m => m.Topic.EndsWith("/attributes", StringComparison.Ordinal)), "end"), Is.EqualTo("2026-11-25T17:00:12.250Z"));
        });
    }

    [Test]
    public void StateStaysOnWhileAnotherEventOfTheLabelIsOpen()
    {
        _publisher.EventStarted(Smoke(id: 1, start: 2.0, detectedAt: 4.5));
        _publisher.EventStarted(Smoke(id: 2, start: 3.0, detectedAt: 5.5));
        _publisher.EventStarted(new DetectionEvent(3, EventLabels.GlassBreak, 4.0, 4.3, 0.99, 4.4, Model));
        AcknowledgeAll();

        _publisher.EventEnded(Smoke(id: 1, start: 2.0, detectedAt: 4.5) with { End = 8 });
        _publisher.EventEnded(new DetectionEvent(3, EventLabels.GlassBreak, 4.0, 4.3, 0.99, 4.4, Model));

        IReadOnlyList<OutboxMessage> afterFirst = _outbox.PeekOldest(10);
        Assert.That(afterFirst.Select(m => m.Topic), Does.Not.Contain("audioedge/kitchen-1/smoke_alarm/state"), "smoke event 2 is still open");
        Assert.That(afterFirst.Select(m => m.Topic), Does.Contain("audioedge/kitchen-1/glass_break/state"), "the other label is independent");
        Assert.That(_output.Calls, Does.Not.Contain("Clear smoke_alarm"));
        AcknowledgeAll();

        _publisher.EventEnded(Smoke(id: 2, start: 3.0, detectedAt: 5.5) with { End = 9 });

        OutboxMessage state = _outbox.PeekOldest(10).Single(m => m.Topic == "audioedge/kitchen-1/smoke_alarm/state");
        Assert.That(Text(state), Is.EqualTo("OFF"));
        Assert.That(_output.Calls, Does.Contain("Clear smoke_alarm"));
    }

    [Test]
    public void HushedEventIsPublishedButNeitherStateNorOutputChange()
    {
        _hush.Hush(TimeSpan.FromMinutes(5));

        _publisher.EventStarted(Smoke(id: 1, start: 2.0, detectedAt: 4.5));

        IReadOnlyList<OutboxMessage> messages = _outbox.PeekOldest(10);
        Assert.That(messages.Select(m => m.Topic), Is.EqualTo(new[] { "audioedge/kitchen-1/event" }));
        using (JsonDocument json = JsonDocument.Parse(messages[0].Payload))
        {
            Assert.That(json.RootElement.GetProperty("hushed").GetBoolean(), Is.True);
        }

        Assert.That(_published.Single().Hushed, Is.True);
        AcknowledgeAll();

        _publisher.EventEnded(Smoke(id: 1, start: 2.0, detectedAt: 4.5) with { End = 10 });
        Assert.That(_outbox.PeekOldest(10), Is.Empty, "a hushed event's end changes no state either");
        Assert.That(_output.Calls, Is.Empty);
        Assert.That(Export(), Does.Contain("audioedge_detections_total{label=\"smoke_alarm\",hushed=\"true\"} 1"));

        // The hush ends by itself.
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1));
        _publisher.EventStarted(Smoke(id: 2, start: 400, detectedAt: 402));
        Assert.That(_outbox.PeekOldest(10).Select(m => m.Topic), Does.Contain("audioedge/kitchen-1/smoke_alarm/state"));
        Assert.That(_output.Calls, Is.EqualTo(new[] { "Show smoke_alarm" }));
    }

    [Test]
    public void EventIdsAreTimeOrderedUuidVersion7()
    {
        _publisher.EventStarted(Smoke(id: 1, start: 2.0, detectedAt: 4.5));
        _time.Advance(TimeSpan.FromSeconds(30));
        _publisher.EventStarted(new DetectionEvent(2, EventLabels.GlassBreak, 30, 30.2, 0.98, 30.5, Model));

        Guid first = Guid.Parse(_published[0].EventId);
        Guid second = Guid.Parse(_published[1].EventId);
        Assert.Multiple(() =>
        {
            Assert.That(first.Version, Is.EqualTo(7));
            Assert.That(second.Version, Is.EqualTo(7));
            Assert.That(first, Is.Not.EqualTo(second));
            // A UUIDv7 starts with the Unix milliseconds of its creation (the fake clock's).
            Assert.That(Convert.ToInt64(first.ToString("N")[..12], 16), Is.EqualTo(T0.ToUnixTimeMilliseconds()));
            Assert.That(string.CompareOrdinal(first.ToString(), second.ToString()), Is.LessThan(0));
        });
    }

    [Test]
    public void EndOfAnUnknownEventIsIgnored()
    {
        _publisher.EventEnded(Smoke(id: 42, start: 1, detectedAt: 2) with { End = 3 });

        Assert.That(_outbox.PeekOldest(10), Is.Empty);
        Assert.That(_output.Calls, Is.Empty);
    }

    [Test]
    public void DetectionsAreCountedPerLabel()
    {
        _publisher.EventStarted(Smoke(id: 1, start: 2.0, detectedAt: 4.5));
        _publisher.EventStarted(new DetectionEvent(2, EventLabels.GlassBreak, 30, 30.2, 0.98, 30.5, Model));

        string text = Export();
        Assert.That(text, Does.Contain("audioedge_detections_total{label=\"smoke_alarm\",hushed=\"false\"} 1"));
        Assert.That(text, Does.Contain("audioedge_detections_total{label=\"glass_break\",hushed=\"false\"} 1"));
    }

    private static DetectionEvent Smoke(long id, double start, double detectedAt, double confidence = 0.9) =>
        new(id, EventLabels.SmokeAlarm, start, null, confidence, detectedAt, Model);

    private static string Text(OutboxMessage message) => Encoding.UTF8.GetString(message.Payload);

    private static string? Attribute(OutboxMessage message, string name)
    {
        using JsonDocument json = JsonDocument.Parse(message.Payload);
        return json.RootElement.GetProperty(name).GetString();
    }

    private void AcknowledgeAll()
    {
        foreach (OutboxMessage message in _outbox.PeekOldest(100))
        {
            _outbox.Acknowledge(message.Sequence);
        }
    }

    private string Export()
    {
        using var stream = new MemoryStream();
        _metrics.Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
