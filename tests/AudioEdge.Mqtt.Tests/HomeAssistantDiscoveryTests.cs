using System.Text.Json;

namespace AudioEdge.Mqtt.Tests;

public sealed class HomeAssistantDiscoveryTests
{
    private static readonly DeviceIdentity Device = new("Kitchen-1", "Kitchen", "audioedge-cnn@0.1.0", "0.1.0", "https://example.org/help");

    private static Dictionary<string, JsonElement> Build(DeviceIdentity? device = null)
    {
        device ??= Device;
        IReadOnlyList<DiscoveryMessage> messages = HomeAssistantDiscovery.Build(device, new MqttTopics("audioedge", device.DeviceId), "homeassistant");
        return messages.ToDictionary(
            m => m.Topic.Split('/')[3],
            m => JsonDocument.Parse(m.Payload).RootElement.Clone());
    }

    [Test]
    public void One_binary_sensor_per_label_and_two_diagnostics()
    {
        IReadOnlyList<DiscoveryMessage> messages = HomeAssistantDiscovery.Build(Device, new MqttTopics("audioedge", "Kitchen-1"), "homeassistant");
        Assert.That(messages.Select(m => m.Topic), Is.EqualTo(new[]
        {
            "homeassistant/binary_sensor/audioedge_Kitchen-1/smoke_alarm/config",
            "homeassistant/binary_sensor/audioedge_Kitchen-1/co_alarm/config",
            "homeassistant/binary_sensor/audioedge_Kitchen-1/glass_break/config",
            "homeassistant/binary_sensor/audioedge_Kitchen-1/connectivity/config",
            "homeassistant/binary_sensor/audioedge_Kitchen-1/problem/config",
        }));
    }

    [Test]
    public void Alarm_sensors_have_their_device_class_state_attributes_and_availability()
    {
        Dictionary<string, JsonElement> entities = Build();
        (string Key, string DeviceClass)[] expected = [("smoke_alarm", "smoke"), ("co_alarm", "carbon_monoxide"), ("glass_break", "safety")];
        Assert.Multiple(() =>
        {
            foreach ((string key, string deviceClass) in expected)
            {
                JsonElement entity = entities[key];
                Assert.That(entity.GetProperty("device_class").GetString(), Is.EqualTo(deviceClass), key);
                Assert.That(entity.GetProperty("state_topic").GetString(), Is.EqualTo($"audioedge/Kitchen-1/{key}/state"), key);
                Assert.That(entity.GetProperty("json_attributes_topic").GetString(), Is.EqualTo($"audioedge/Kitchen-1/{key}/attributes"), key);
                Assert.That(entity.GetProperty("payload_on").GetString(), Is.EqualTo("ON"), key);
                Assert.That(entity.GetProperty("payload_off").GetString(), Is.EqualTo("OFF"), key);
                Assert.That(entity.GetProperty("availability_topic").GetString(), Is.EqualTo("audioedge/Kitchen-1/availability"), key);
                Assert.That(entity.GetProperty("payload_available").GetString(), Is.EqualTo("online"), key);
                Assert.That(entity.GetProperty("payload_not_available").GetString(), Is.EqualTo("offline"), key);
                Assert.That(entity.TryGetProperty("entity_category", out _), Is.False, key);
            }

            Assert.That(entities["glass_break"].GetProperty("off_delay").GetInt32(), Is.EqualTo(30));
            Assert.That(entities["smoke_alarm"].TryGetProperty("off_delay", out _), Is.False, "an alarm stays on until its state says OFF");
        });
    }

    [Test]
    public void Diagnostic_sensors_show_connectivity_from_the_last_will_and_problems()
    {
        Dictionary<string, JsonElement> entities = Build();
        JsonElement connectivity = entities["connectivity"];
        JsonElement problem = entities["problem"];
        Assert.Multiple(() =>
        {
            Assert.That(connectivity.GetProperty("device_class").GetString(), Is.EqualTo("connectivity"));
            Assert.That(connectivity.GetProperty("entity_category").GetString(), Is.EqualTo("diagnostic"));
            Assert.That(connectivity.GetProperty("state_topic").GetString(), Is.EqualTo("audioedge/Kitchen-1/availability"));
            Assert.That(connectivity.GetProperty("payload_on").GetString(), Is.EqualTo("online"));
            Assert.That(connectivity.GetProperty("payload_off").GetString(), Is.EqualTo("offline"));
            Assert.That(connectivity.TryGetProperty("availability_topic", out _), Is.False, "else it could never show 'disconnected'");
            Assert.That(problem.GetProperty("device_class").GetString(), Is.EqualTo("problem"));
            Assert.That(problem.GetProperty("entity_category").GetString(), Is.EqualTo("diagnostic"));
            Assert.That(problem.GetProperty("state_topic").GetString(), Is.EqualTo("audioedge/Kitchen-1/problem"));
            Assert.That(problem.GetProperty("availability_topic").GetString(), Is.EqualTo("audioedge/Kitchen-1/availability"));
        });
    }

    [Test]
    public void Every_entity_has_unique_ids_the_device_block_and_the_origin()
    {
        Dictionary<string, JsonElement> entities = Build();
        Assert.Multiple(() =>
        {
            Assert.That(entities.Values.Select(e => e.GetProperty("unique_id").GetString()).Distinct().Count(), Is.EqualTo(5));
            foreach ((string key, JsonElement entity) in entities)
            {
                Assert.That(entity.GetProperty("unique_id").GetString(), Is.EqualTo($"audioedge_Kitchen-1_{key}"));
                Assert.That(entity.GetProperty("object_id").GetString(), Is.EqualTo($"audioedge_Kitchen-1_{key}"));
                Assert.That(entity.GetProperty("default_entity_id").GetString(), Is.EqualTo($"binary_sensor.audioedge_kitchen_1_{key}"));
                Assert.That(entity.GetProperty("qos").GetInt32(), Is.EqualTo(1));
                JsonElement device = entity.GetProperty("device");
                Assert.That(device.GetProperty("identifiers").EnumerateArray().Select(i => i.GetString()), Is.EqualTo(new[] { "audioedge_Kitchen-1" }));
                Assert.That(device.GetProperty("name").GetString(), Is.EqualTo("Kitchen"));
                Assert.That(device.GetProperty("model").GetString(), Is.EqualTo("audioedge-cnn@0.1.0"));
                Assert.That(device.GetProperty("sw_version").GetString(), Is.EqualTo("0.1.0"));
                Assert.That(device.GetProperty("manufacturer").GetString(), Is.EqualTo("AudioEdge"));
                JsonElement origin = entity.GetProperty("origin");
                Assert.That(origin.GetProperty("name").GetString(), Is.EqualTo("AudioEdge"));
                Assert.That(origin.GetProperty("sw_version").GetString(), Is.EqualTo("0.1.0"));
                Assert.That(origin.GetProperty("support_url").GetString(), Is.EqualTo("https://example.org/help"));
            }
        });
    }

    [Test]
    public void Names_with_quotes_and_non_ascii_survive_as_json()
    {
        Dictionary<string, JsonElement> entities = Build(Device with { Name = "Küche \"oben\"", SupportUrl = null });
        Assert.Multiple(() =>
        {
            Assert.That(entities["smoke_alarm"].GetProperty("device").GetProperty("name").GetString(), Is.EqualTo("Küche \"oben\""));
            Assert.That(entities["smoke_alarm"].GetProperty("origin").TryGetProperty("support_url", out _), Is.False);
        });
    }

    [Test]
    public void A_device_id_differing_from_the_topics_is_refused()
    {
        Assert.That(() => HomeAssistantDiscovery.Build(Device, new MqttTopics("audioedge", "other"), "homeassistant"), Throws.ArgumentException);
    }
}
