using System.Text.Json;
using System.Text.RegularExpressions;
using AudioEdge.Daemon.Configuration;
using AudioEdge.Daemon.Services;
using AudioEdge.EventStore;
using AudioEdge.Mqtt;
using AudioEdge.Telemetry;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.Tests;

/// <summary>
/// The whole daemon in-process over the demo recording (read as fast as it goes) against the real mosquitto, with
/// the metrics endpoint on: what a Home Assistant subscriber sees while it runs.
/// </summary>
[TestFixture]
public sealed partial class DemoRunTests
{
    private readonly TemporaryDirectory _models = new();
    private DaemonHarness _daemon = null!;

    [OneTimeSetUp]
    public async Task RunTheDemoRecording()
    {
        DaemonOptions options = DaemonHarness.CreateOptions(TestRecordings.DemoWav);
        options.Model.Manifest = TestModel.CopyTo(_models.Path);
        options.Metrics.Enabled = true;
        options.Metrics.Port = FreePort.Next();
        _daemon = await DaemonHarness.StartAsync(options);
        DaemonHealth health = _daemon.Get<DaemonHealth>();
        await Poll.UntilAsync(() => health.AudioEnded, "the end of the demo recording");
        await _daemon.Subscriber.WaitForAsync(
            m => Events(m).Any(e => Label(e) == "smoke_alarm") && Events(m).Any(e => Label(e) == "glass_break")
                && m.Any(x => x.Topic == _daemon.Topics.State("smoke_alarm") && x.Text == "OFF"),
            "both demo events and the smoke alarm's end");
    }

    [OneTimeTearDown]
    public async Task StopDaemon()
    {
        await _daemon.DisposeAsync();
        _models.Dispose();
    }

    [Test]
    public void DiscoveryIsPublishedForEveryEntity()
    {
        var identity = _daemon.Get<DeviceIdentity>();
        IReadOnlyList<DiscoveryMessage> expected = HomeAssistantDiscovery.Build(identity, _daemon.Topics, "homeassistant");

        foreach (DiscoveryMessage message in expected)
        {
            IReadOnlyList<MqttReceivedMessage> received = _daemon.Subscriber.On(message.Topic);
            Assert.That(received, Is.Not.Empty, $"discovery {message.Topic}");
            Assert.That(received[0].Payload, Is.EqualTo(message.Payload), message.Topic);
        }

        Assert.That(expected.Select(m => m.Topic), Has.Some.Contains("/smoke_alarm/").And.Some.Contains("/glass_break/"));
    }

    [Test]
    public void SmokeAlarmAndGlassBreakEventsHaveTheContractFields()
    {
        List<JsonElement> events = Events(_daemon.Subscriber.Messages);
        Assert.That(events.Select(Label), Is.EquivalentTo(new[] { "smoke_alarm", "glass_break" }), "exactly the two demo events");
        IReadOnlyList<string> contract = ReadmeContract.EventFields();
        Assert.That(contract, Has.Count.GreaterThanOrEqualTo(8), "the README's example event");

        foreach (JsonElement e in events)
        {
            Assert.Multiple(() =>
            {
                Assert.That(e.EnumerateObject().Select(p => p.Name), Is.EqualTo(contract), "fields and order as in README.md");
                Assert.That(Guid.Parse(e.GetProperty("event_id").GetString()!).Version, Is.EqualTo(7));
                Assert.That(e.GetProperty("device_id").GetString(), Is.EqualTo(_daemon.Options.Device.Id));
                Assert.That(e.GetProperty("start").GetString(), Does.Match(UtcPattern()));
                Assert.That(e.GetProperty("detected_at").GetString(), Does.Match(UtcPattern()));
                Assert.That(e.GetProperty("confidence").GetDouble(), Is.InRange(0.5, 1.0));
                Assert.That(e.GetProperty("model").GetString(), Is.EqualTo(TestModel.Name));
                Assert.That(e.GetProperty("hushed").GetBoolean(), Is.False);
                DateTimeOffset start = DateTimeOffset.Parse(e.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                DateTimeOffset detected = DateTimeOffset.Parse(e.GetProperty("detected_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.That(detected, Is.GreaterThanOrEqualTo(start));
                Assert.That(detected, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(2)), "times follow the wall clock");
            });
        }

        JsonElement smoke = events.Single(e => Label(e) == "smoke_alarm");
        Assert.That(smoke.GetProperty("end").ValueKind, Is.EqualTo(JsonValueKind.Null), "an alarm is published while it sounds");
    }

    [Test]
    public void SmokeStateWentOnThenOffWithAttributesOfTheEvent()
    {
        string smokeId = Events(_daemon.Subscriber.Messages).Single(e => Label(e) == "smoke_alarm").GetProperty("event_id").GetString()!;

        Assert.That(_daemon.Subscriber.On(_daemon.Topics.State("smoke_alarm")).Select(m => m.Text), Is.EqualTo(new[] { "ON", "OFF" }));
        MqttReceivedMessage lastAttributes = _daemon.Subscriber.On(_daemon.Topics.Attributes("smoke_alarm"))[^1];
        using JsonDocument attributes = JsonDocument.Parse(lastAttributes.Payload);
        Assert.That(attributes.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(ReadmeContract.AttributeFields()), "as README.md lists them");
        Assert.That(attributes.RootElement.GetProperty("event_id").GetString(), Is.EqualTo(smokeId));
        Assert.That(attributes.RootElement.GetProperty("end").GetString(), Does.Match(UtcPattern()));
    }

    [Test]
    public async Task AvailabilityIsOnlineAndProblemOff()
    {
        await _daemon.Subscriber.WaitForAsync(m => m.Any(x => x.Topic == _daemon.Topics.Problem), "the problem state");

        Assert.That(_daemon.Subscriber.On(_daemon.Topics.Availability).Select(m => m.Text), Is.EqualTo(new[] { "online" }));
        Assert.That(_daemon.Subscriber.On(_daemon.Topics.Problem).Select(m => m.Text), Is.All.EqualTo("OFF"));
    }

    [Test]
    public async Task MetricsEndpointCountsTheDetectionsAndNamesTheModel()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        string text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{_daemon.Options.Metrics.Port}/metrics"));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("audioedge_detections_total{label=\"smoke_alarm\",hushed=\"false\"} 1"));
            Assert.That(text, Does.Contain("audioedge_detections_total{label=\"glass_break\",hushed=\"false\"} 1"));
            Assert.That(text, Does.Contain($"audioedge_model_info{{model=\"{TestModel.Name}\",variant=\"int8\"}} 1"));
            Assert.That(text, Does.Match(@"audioedge_inference_seconds_count [1-9]"));
        });
    }

    [Test]
    public async Task TelemetryReportReachesTheBrokerAndPassesThePrivacyCheck()
    {
        TelemetryReport? report = _daemon.Get<TelemetryService>().PublishNow();
        Assert.That(report, Is.Not.Null);

        MqttReceivedMessage message = await _daemon.Subscriber.WaitForMessageAsync(_daemon.Topics.Telemetry, _ => true, "a telemetry report");

        Assert.That(TelemetryPrivacy.CheckPayload(message.Payload), Is.Empty, message.Text);
        TelemetryReport received = TelemetryReport.FromJsonUtf8(message.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(received.DeviceId, Is.EqualTo(_daemon.Options.Device.Id));
            Assert.That(received.Detections["smoke_alarm"], Is.EqualTo(1));
            Assert.That(received.Detections["glass_break"], Is.EqualTo(1));
            Assert.That(received.InferenceLatencyMs.Count, Is.GreaterThan(100), "24 s of audio is scored at 10 windows a second");
            Assert.That(received.Model, Is.EqualTo(TestModel.Name));
        });
        var outbox = _daemon.Get<DurableOutbox>();
        await Poll.UntilAsync(() => outbox.Counts.Telemetry == 0, "the report to leave the outbox once the broker acknowledged it");
    }

    [Test]
    public async Task SelfTestAndReloadStillWorkAfterTheEndOfTheFile()
    {
        var detection = _daemon.Get<DetectionService>();
        LoadedModel before = detection.Model;

        CommandResponse selfTest = await _daemon.CommandAsync("self_test", "{}");
        CommandResponse reload = await _daemon.CommandAsync("reload_model", "{}");

        Assert.That(selfTest.Ok, Is.True, selfTest.Json);
        Assert.That(selfTest.Message, Does.Contain("detector ok").And.Not.Contain("FAILED"));
        Assert.That(reload.Ok, Is.True, reload.Json);
        Assert.That(detection.Model, Is.Not.SameAs(before));

        // A package whose files match their checksums but that ONNX Runtime cannot run is refused here as well.
        LoadedModel running = detection.Model;
        TestModel.MakeUnrunnable(_models.Path);
        CommandResponse refused = await _daemon.CommandAsync("reload_model", "{}");

        Assert.That(refused.Ok, Is.False, refused.Json);
        Assert.That(refused.Message, Does.Contain("still running"));
        Assert.That(detection.Model, Is.SameAs(running));
    }

    private static List<JsonElement> Events(IReadOnlyList<MqttReceivedMessage> messages) =>
        [.. messages.Where(m => m.Topic.EndsWith("/event", StringComparison.Ordinal)).Select(m => JsonDocument.Parse(m.Payload).RootElement)];

    private static string? Label(JsonElement e) => e.GetProperty("label").GetString();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex UtcPattern();
}
