using System.Text.Encodings.Web;
using System.Text.Json;

namespace AudioEdge.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery: one retained config message per entity, so the device appears with its sensors
/// without any YAML. Labels match the detector's event labels.
/// </summary>
public static class HomeAssistantDiscovery
{
    /// <summary>Seconds a glass-break sensor stays on after an event: the event is an instant, the sensor needs a pulse.</summary>
    public const int GlassBreakOffDelaySeconds = 30;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The topic on which Home Assistant announces <c>online</c>/<c>offline</c>.</summary>
    public static string StatusTopic(string discoveryPrefix) => $"{discoveryPrefix}/status";

    /// <summary>
    /// The discovery messages of one device: smoke (device_class smoke), carbon monoxide (carbon_monoxide), glass break
    /// (safety, off_delay), and the diagnostic connectivity and problem sensors.
    /// </summary>
    public static IReadOnlyList<DiscoveryMessage> Build(DeviceIdentity device, MqttTopics topics, string discoveryPrefix)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(topics);
        if (!MqttTopics.IsValidPrefix(discoveryPrefix))
        {
            throw new ArgumentException($"Discovery prefix '{discoveryPrefix}' is not a valid topic prefix.", nameof(discoveryPrefix));
        }

        if (device.DeviceId != topics.DeviceId)
        {
            throw new ArgumentException($"Device id '{device.DeviceId}' differs from the topics' '{topics.DeviceId}'.", nameof(device));
        }

        return
        [
            Entity(device, topics, discoveryPrefix, new("smoke_alarm", "Smoke alarm", "smoke", topics.State("smoke_alarm"), topics.Attributes("smoke_alarm"))),
            Entity(device, topics, discoveryPrefix, new("co_alarm", "Carbon monoxide alarm", "carbon_monoxide", topics.State("co_alarm"), topics.Attributes("co_alarm"))),
            Entity(device, topics, discoveryPrefix, new("glass_break", "Glass break", "safety", topics.State("glass_break"), topics.Attributes("glass_break"))
            {
                OffDelaySeconds = GlassBreakOffDelaySeconds,
            }),
            Entity(device, topics, discoveryPrefix, new("connectivity", "Connectivity", "connectivity", topics.Availability, null)
            {
                Diagnostic = true,
                PayloadOn = "online",
                PayloadOff = "offline",
                // Bound to availability this sensor could only ever show "connected" or "unavailable"; without it,
                // the last will turns it "disconnected", which is what an owner looking at it wants to read.
                UsesAvailability = false,
            }),
            Entity(device, topics, discoveryPrefix, new("problem", "Problem", "problem", topics.Problem, null) { Diagnostic = true }),
        ];
    }

    private static DiscoveryMessage Entity(DeviceIdentity device, MqttTopics topics, string discoveryPrefix, BinarySensor sensor)
    {
        string nodeId = $"audioedge_{device.DeviceId}";
        string uniqueId = $"{nodeId}_{sensor.Key}";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("name", sensor.Name);
            json.WriteString("unique_id", uniqueId);

            // Home Assistant 2025.10 deprecated object_id for default_entity_id and ignores object_id from 2026.4;
            // both are sent so older and newer versions propose the same entity id.
            json.WriteString("object_id", uniqueId);
            json.WriteString("default_entity_id", $"binary_sensor.{uniqueId.Replace('-', '_').ToLowerInvariant()}");
            json.WriteString("device_class", sensor.DeviceClass);
            if (sensor.Diagnostic)
            {
                json.WriteString("entity_category", "diagnostic");
            }

            json.WriteString("state_topic", sensor.StateTopic);
            json.WriteString("payload_on", sensor.PayloadOn);
            json.WriteString("payload_off", sensor.PayloadOff);
            if (sensor.OffDelaySeconds is int offDelay)
            {
                json.WriteNumber("off_delay", offDelay);
            }

            if (sensor.AttributesTopic is not null)
            {
                json.WriteString("json_attributes_topic", sensor.AttributesTopic);
            }

            if (sensor.UsesAvailability)
            {
                json.WriteString("availability_topic", topics.Availability);
                json.WriteString("payload_available", "online");
                json.WriteString("payload_not_available", "offline");
            }

            json.WriteNumber("qos", 1);
            json.WriteStartObject("device");
            json.WriteStartArray("identifiers");
            json.WriteStringValue(nodeId);
            json.WriteEndArray();
            json.WriteString("name", device.Name);
            json.WriteString("manufacturer", "AudioEdge");
            json.WriteString("model", device.Model);
            json.WriteString("sw_version", device.SoftwareVersion);
            json.WriteEndObject();
            json.WriteStartObject("origin");
            json.WriteString("name", "AudioEdge");
            json.WriteString("sw_version", device.SoftwareVersion);
            if (device.SupportUrl is not null)
            {
                json.WriteString("support_url", device.SupportUrl);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return new DiscoveryMessage($"{discoveryPrefix}/binary_sensor/{nodeId}/{sensor.Key}/config", buffer.ToArray());
    }

    private sealed record BinarySensor(string Key, string Name, string DeviceClass, string StateTopic, string? AttributesTopic)
    {
        public bool Diagnostic { get; init; }

        public string PayloadOn { get; init; } = "ON";

        public string PayloadOff { get; init; } = "OFF";

        public int? OffDelaySeconds { get; init; }

        public bool UsesAvailability { get; init; } = true;
    }
}
