using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace AudioEdge.Daemon.Events;

/// <summary>
/// The JSON the daemon publishes about events (README "MQTT topics"). Written with <see cref="Utf8JsonWriter"/>:
/// a handful of fixed fields, no reflection, and the exact field order the README shows.
/// </summary>
public static class EventPayloads
{
    /// <summary>The message on <c>audioedge/&lt;id&gt;/event</c>.</summary>
    public static byte[] Event(PublishedEvent e) => Write(writer =>
    {
        writer.WriteString("event_id", e.EventId);
        writer.WriteString("device_id", e.DeviceId);
        writer.WriteString("label", e.Label);
        writer.WriteString("start", Utc(e.Start));
        WriteOptionalTime(writer, "end", e.End);
        writer.WriteString("detected_at", Utc(e.DetectedAt));
        writer.WriteNumber("confidence", Math.Round(e.Confidence, 3));
        writer.WriteString("model", e.Model);
        writer.WriteBoolean("hushed", e.Hushed);
    });

    /// <summary>The retained message on <c>audioedge/&lt;id&gt;/&lt;label&gt;/attributes</c>: the last event of that label.</summary>
    public static byte[] Attributes(PublishedEvent e) => Write(writer =>
    {
        writer.WriteString("event_id", e.EventId);
        writer.WriteString("start", Utc(e.Start));
        WriteOptionalTime(writer, "end", e.End);
        writer.WriteNumber("confidence", Math.Round(e.Confidence, 3));
        writer.WriteString("model", e.Model);
    });

    /// <summary>ISO-8601 UTC with milliseconds and <c>Z</c>.</summary>
    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteOptionalTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteString(name, Utc(value));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
