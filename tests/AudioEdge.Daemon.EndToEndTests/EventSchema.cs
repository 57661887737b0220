using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// The documented payloads of <c>audioedge/&lt;id&gt;/event</c> and <c>.../&lt;label&gt;/attributes</c> (design "Topics",
/// README "MQTT topics"), checked field by field: exactly these fields, UUIDv7 ids, UTC ISO-8601 times with
/// milliseconds and <c>Z</c>, a confidence in 0..1, the model's <c>id@version</c>.
/// </summary>
internal static partial class EventSchema
{
    public static readonly string[] Labels = ["smoke_alarm", "co_alarm", "glass_break"];

    public static readonly string[] EventFields = ["event_id", "device_id", "label", "start", "end", "detected_at", "confidence", "model", "hushed"];

    public static readonly string[] AttributeFields = ["event_id", "start", "end", "confidence", "model"];

    /// <summary>Largest event or attributes payload allowed.</summary>
    public const int MaxPayloadBytes = 1024;

    /// <summary>Checks one event message and returns what it says.</summary>
    public static PublishedEvent AssertEvent(MqttReceivedMessage message, string deviceId)
    {
        Assert.That(message.Payload, Has.Length.LessThan(MaxPayloadBytes), $"event payload size: {message}");
        Assert.That(message.Retain, Is.False, $"events are not retained: {message}");
        using JsonDocument document = JsonDocument.Parse(message.Payload);
        JsonElement root = document.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(EventFields), $"event fields, in the documented order: {message.Text}");

        string eventId = AssertUuidV7(root.GetProperty("event_id"), message.Text);
        DateTime start = AssertTime(root.GetProperty("start"), "start", message.Text);
        DateTime? end = root.GetProperty("end").ValueKind == JsonValueKind.Null ? null : AssertTime(root.GetProperty("end"), "end", message.Text);
        DateTime detectedAt = AssertTime(root.GetProperty("detected_at"), "detected_at", message.Text);
        double confidence = root.GetProperty("confidence").GetDouble();
        string label = root.GetProperty("label").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("device_id").GetString(), Is.EqualTo(deviceId), message.Text);
            Assert.That(label, Is.AnyOf(Labels), message.Text);
            Assert.That(confidence, Is.InRange(0.0, 1.0), message.Text);
            Assert.That(root.GetProperty("model").GetString(), Is.EqualTo(TestModel.Name), message.Text);
            Assert.That(root.GetProperty("hushed").ValueKind, Is.EqualTo(JsonValueKind.False), message.Text);
            Assert.That(detectedAt, Is.GreaterThanOrEqualTo(start), $"detected after it began: {message.Text}");
            Assert.That(end, Is.Null.Or.GreaterThanOrEqualTo(start), message.Text);
        });
        return new PublishedEvent(eventId, label, start, end, detectedAt, confidence);
    }

    /// <summary>Checks one attributes message; returns its event id.</summary>
    public static string AssertAttributes(MqttReceivedMessage message)
    {
        Assert.That(message.Payload, Has.Length.LessThan(MaxPayloadBytes), $"attributes payload size: {message}");
        using JsonDocument document = JsonDocument.Parse(message.Payload);
        JsonElement root = document.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(AttributeFields), $"attribute fields: {message.Text}");
        string eventId = AssertUuidV7(root.GetProperty("event_id"), message.Text);
        AssertTime(root.GetProperty("start"), "start", message.Text);
        if (root.GetProperty("end").ValueKind != JsonValueKind.Null)
        {
            AssertTime(root.GetProperty("end"), "end", message.Text);
        }

        Assert.That(root.GetProperty("confidence").GetDouble(), Is.InRange(0.0, 1.0), message.Text);
        Assert.That(root.GetProperty("model").GetString(), Is.EqualTo(TestModel.Name), message.Text);
        return eventId;
    }

    /// <summary>The event messages among <paramref name="messages"/> (topic <c>audioedge/&lt;id&gt;/event</c>), each checked.</summary>
    public static IReadOnlyList<PublishedEvent> Events(IEnumerable<MqttReceivedMessage> messages, string deviceId) =>
        [.. messages.Where(m => m.Topic == $"audioedge/{deviceId}/event").Select(m => AssertEvent(m, deviceId))];

    /// <summary>The labels of the event messages received so far (unchecked; for wait conditions).</summary>
    public static IEnumerable<string> EventLabels(IEnumerable<MqttReceivedMessage> messages, string deviceId) =>
        messages.Where(m => m.Topic == $"audioedge/{deviceId}/event").Select(m => LabelOf(m.Payload));

    private static string LabelOf(byte[] payload)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("label", out JsonElement label) ? label.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string AssertUuidV7(JsonElement value, string context)
    {
        string? text = value.GetString();
        Assert.That(Guid.TryParseExact(text, "D", out Guid id), Is.True, $"event_id is a UUID: {context}");
        Assert.Multiple(() =>
        {
            Assert.That(id.Version, Is.EqualTo(7), $"event_id is a UUIDv7 (time-ordered): {context}");
            Assert.That(text, Is.EqualTo(id.ToString("D")), $"event_id in canonical lower-case form: {context}");
        });
        return text!;
    }

    private static DateTime AssertTime(JsonElement value, string name, string context)
    {
        string? text = value.GetString();
        Assert.That(text, Does.Match(UtcMilliseconds()), $"{name} is UTC ISO-8601 with milliseconds and Z: {context}");
        DateTime time = DateTime.ParseExact(text!, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        // Today's wall clock, not stream seconds since 1970 or a local time zone shifted by hours.
        Assert.That(time, Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(10)), $"{name} is close to now: {context}");
        return time;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex UtcMilliseconds();
}
