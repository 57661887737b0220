using System.Text;
using System.Text.Json;
using AudioEdge.Daemon.Events;

namespace AudioEdge.Daemon.Tests;

public sealed class EventPayloadsTests
{
    private static readonly PublishedEvent Started = new(
        "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b", "kitchen-1", "smoke_alarm",
        new DateTimeOffset(2026, 11, 25, 17, 0, 1, 250, TimeSpan.Zero), null,
        new DateTimeOffset(2026, 11, 25, 18, 0, 3, 810, TimeSpan.FromHours(1)), // 17:00:03.810Z in another zone
        0.93456, "audioedge-cnn@0.1.0", false);

    [Test]
    public void EventHasTheDocumentedFieldsInOrder()
    {
        string json = Encoding.UTF8.GetString(EventPayloads.Event(Started));

        Assert.That(json, Is.EqualTo(
            """{"event_id":"0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b","device_id":"kitchen-1","label":"smoke_alarm","start":"2026-11-25T17:00:01.250Z","end":null,"detected_at":"2026-11-25T17:00:03.810Z","confidence":0.935,"model":"audioedge-cnn@0.1.0","hushed":false}"""));
    }

    [Test]
    public void EndedHushedEventCarriesEndAndHushed()
    {
        PublishedEvent ended = Started with { End = new DateTimeOffset(2026, 11, 25, 17, 0, 11, 5, TimeSpan.Zero), Hushed = true };

        using JsonDocument json = JsonDocument.Parse(EventPayloads.Event(ended));

        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("end").GetString(), Is.EqualTo("2026-11-25T17:00:11.005Z"));
            Assert.That(json.RootElement.GetProperty("hushed").GetBoolean(), Is.True);
        });
    }

    [Test]
    public void AttributesHaveTheLastEventOfTheLabel()
    {
        string open = Encoding.UTF8.GetString(EventPayloads.Attributes(Started));
        string closed = Encoding.UTF8.GetString(EventPayloads.Attributes(Started with { End = new DateTimeOffset(2026, 11, 25, 17, 0, 12, 0, TimeSpan.Zero) }));

        Assert.Multiple(() =>
        {
            Assert.That(open, Is.EqualTo(
                """{"event_id":"0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b","start":"2026-11-25T17:00:01.250Z","end":null,"confidence":0.935,"model":"audioedge-cnn@0.1.0"}"""));
            Assert.That(closed, Does.Contain("\"end\":\"2026-11-25T17:00:12.000Z\""));
        });
    }

    [Test]
    public void UtcAlwaysHasMillisecondsAndZ()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EventPayloads.Utc(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)), Is.EqualTo("2026-01-02T03:04:05.000Z"));
            Assert.That(EventPayloads.Utc(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 999, TimeSpan.FromHours(-5))), Is.EqualTo("2026-01-02T08:04:05.999Z"));
        });
    }
}
