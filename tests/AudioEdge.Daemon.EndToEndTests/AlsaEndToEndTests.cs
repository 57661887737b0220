using System.Text.Json;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// Issue 4 point 7, end to end: a recording → ALSA (libasound, file plugin as the capture device) → the daemon's
/// detector → mosquitto → a subscriber standing in for Home Assistant; then the clean stop systemd asks for.
/// </summary>
[TestFixture]
public sealed class AlsaEndToEndTests
{
    private const string Device = "e2e-alsa";

    [Test]
    public async Task A_recording_captured_through_alsa_reaches_a_subscriber_as_events_with_discovery_and_sigterm_stops_cleanly()
    {
        using var scratch = new ScratchDirectory();
        string raw = TestAudio.DemoRawS16(scratch.File("demo.s16le"));
        IReadOnlyDictionary<string, string> alsa = AlsaFilePlugin.WriteConfig(scratch.File("alsa-test.conf"));
        using var broker = new MosquittoBroker();
        broker.Start();
        await using MqttTestSubscriber recorder = await MqttTestSubscriber.ConnectAsync(broker, [$"audioedge/{Device}/#", "homeassistant/#"]);

        DaemonSettings settings = DaemonSettings.ForBroker(Device, scratch.Folder("state"), broker.Host, broker.Port);
        settings["Audio:Source"] = "Alsa";
        settings["Audio:Alsa:Device"] = AlsaFilePlugin.Device(raw);
        settings["Audio:Alsa:SampleRate"] = "16000";
        settings["Audio:Alsa:Channels"] = "1";
        settings["Audio:Alsa:SampleFormat"] = "S16LE";
        // The file plugin has no clock: it hands over the whole file at once and silence after it. A ring that holds
        // the whole recording keeps all of it for the detector (a microphone never needs this: it delivers in real time).
        settings["Audio:Alsa:RingCapacity"] = "1048576";
        using DaemonProcess daemon = DaemonProcess.Start(settings.RunArguments(), scratch.Path, alsa);

        // Both events, and both over (state OFF): the alarm stops at 12 s and the glass break is short.
        await recorder.WaitForAsync(
            m => EventSchema.EventLabels(m, Device).Distinct().Count() == 2
                 && m.Any(x => x.Topic == $"audioedge/{Device}/smoke_alarm/state" && x.Text == "OFF")
                 && m.Any(x => x.Topic == $"audioedge/{Device}/glass_break/state" && x.Text == "OFF"),
            "the smoke_alarm and glass_break events and their states going back to OFF");
        Assert.That(daemon.Error, Does.Contain($"Listening on alsa:{AlsaFilePlugin.Device(raw)}"), "the audio came through ALSA, not a file source");

        daemon.Terminate();
        int exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));
        IReadOnlyList<MqttReceivedMessage> messages = await recorder.WaitForAsync(
            m => m.LastOrDefault(x => x.Topic == $"audioedge/{Device}/availability")?.Text == "offline",
            "availability offline after SIGTERM");

        Assert.That(exitCode, Is.Zero, $"a SIGTERM is a clean stop; stderr:\n{daemon.Error}");
        Assert.That(daemon.Error, Does.Not.Contain("Exception").And.Not.Contain("   at "), "no stack trace in the log");
        Assert.That(File.Exists(settings.OutboxPath + "-wal"), Is.False, "a clean stop closes the outbox: SQLite folds the WAL into outbox.db");

        // The events: one each, with every documented field, and the ids the daemon logged.
        IReadOnlyList<PublishedEvent> events = EventSchema.Events(messages, Device);
        Assert.That(events.Select(e => e.Label), Is.EquivalentTo(new[] { "smoke_alarm", "glass_break" }), "one event per sound, none invented");
        Assert.That(events.Select(e => e.EventId), Is.EquivalentTo(daemon.Detections().Select(d => d.EventId)), "the ids the daemon logged");
        Assert.That(events.Select(e => e.EventId).Distinct().Count(), Is.EqualTo(2));
        PublishedEvent smoke = events.Single(e => e.Label == "smoke_alarm");
        PublishedEvent glass = events.Single(e => e.Label == "glass_break");
        Assert.Multiple(() =>
        {
            Assert.That(smoke.End, Is.Null, "an alarm is announced while it sounds: end comes later, on the attributes");
            Assert.That(smoke.Confidence, Is.GreaterThan(0.5));
            Assert.That(glass.Confidence, Is.GreaterThan(0.5));
            // In recording order. (Not 15 s apart: read faster than real time, the stream clock keeps event times near
            // the wall clock instead of letting them run ahead of it.)
            Assert.That(glass.Start, Is.GreaterThan(smoke.Start));
        });

        // Retained attributes: the last event of each label, ended.
        foreach (PublishedEvent e in events)
        {
            MqttReceivedMessage attributes = messages.Last(x => x.Topic == $"audioedge/{Device}/{e.Label}/attributes");
            Assert.That(EventSchema.AssertAttributes(attributes), Is.EqualTo(e.EventId));
            using JsonDocument json = JsonDocument.Parse(attributes.Payload);
            Assert.That(json.RootElement.GetProperty("end").ValueKind, Is.EqualTo(JsonValueKind.String), $"the {e.Label} ended: {attributes}");
        }

        AssertDiscovery(messages);
        foreach (string key in new[] { "smoke_alarm", "co_alarm", "glass_break", "connectivity", "problem" })
        {
            // Retained, so a Home Assistant that starts later still finds the device.
            string config = await MqttTestSubscriber.RetainedAsync(broker, $"homeassistant/binary_sensor/audioedge_{Device}/{key}/config");
            Assert.That(config, Does.Contain($"\"unique_id\":\"audioedge_{Device}_{key}\""));
        }

        // Availability: online while running (birth), offline after the clean stop, and that is what the broker keeps.
        string[] availability = [.. messages.Where(x => x.Topic == $"audioedge/{Device}/availability").Select(x => x.Text)];
        Assert.That(availability, Does.Contain("online"));
        Assert.That(availability[^1], Is.EqualTo("offline"));
        Assert.That(await MqttTestSubscriber.RetainedAsync(broker, $"audioedge/{Device}/availability"), Is.EqualTo("offline"));
        Assert.That(await MqttTestSubscriber.RetainedAsync(broker, $"audioedge/{Device}/smoke_alarm/state"), Is.EqualTo("OFF"));
        Assert.That(await MqttTestSubscriber.RetainedAsync(broker, $"audioedge/{Device}/glass_break/state"), Is.EqualTo("OFF"));
    }

    private static void AssertDiscovery(IReadOnlyList<MqttReceivedMessage> messages)
    {
        string node = $"audioedge_{Device}";
        var expected = new Dictionary<string, (string DeviceClass, string StateTopic)>
        {
            ["smoke_alarm"] = ("smoke", $"audioedge/{Device}/smoke_alarm/state"),
            ["co_alarm"] = ("carbon_monoxide", $"audioedge/{Device}/co_alarm/state"),
            ["glass_break"] = ("safety", $"audioedge/{Device}/glass_break/state"),
            ["connectivity"] = ("connectivity", $"audioedge/{Device}/availability"),
            ["problem"] = ("problem", $"audioedge/{Device}/problem"),
        };
        foreach ((string key, (string deviceClass, string stateTopic)) in expected)
        {
            string topic = $"homeassistant/binary_sensor/{node}/{key}/config";
            MqttReceivedMessage? config = messages.FirstOrDefault(x => x.Topic == topic);
            Assert.That(config, Is.Not.Null, $"discovery config {topic}");
            Assert.That(config!.Payload, Has.Length.LessThan(1024), topic);
            using JsonDocument json = JsonDocument.Parse(config.Payload);
            JsonElement root = json.RootElement;
            Assert.Multiple(() =>
            {
                Assert.That(root.GetProperty("device_class").GetString(), Is.EqualTo(deviceClass), topic);
                Assert.That(root.GetProperty("state_topic").GetString(), Is.EqualTo(stateTopic), topic);
                Assert.That(root.GetProperty("unique_id").GetString(), Is.EqualTo($"{node}_{key}"), topic);
                Assert.That(root.GetProperty("device").GetProperty("identifiers")[0].GetString(), Is.EqualTo(node), topic);
                Assert.That(root.GetProperty("origin").GetProperty("name").GetString(), Is.EqualTo("AudioEdge"), topic);
            });
            if (key is "smoke_alarm" or "co_alarm" or "glass_break")
            {
                Assert.That(root.GetProperty("availability_topic").GetString(), Is.EqualTo($"audioedge/{Device}/availability"), topic);
                Assert.That(root.GetProperty("json_attributes_topic").GetString(), Is.EqualTo($"audioedge/{Device}/{key}/attributes"), topic);
            }

            if (key == "glass_break")
            {
                // A glass break is a moment: Home Assistant turns the sensor off by itself.
                Assert.That(root.GetProperty("off_delay").GetInt32(), Is.GreaterThan(0), topic);
            }
        }
    }
}
