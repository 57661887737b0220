using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AudioEdge.Daemon.Diagnostics;
using System.Text.Json;
using AudioEdge.Daemon.Configuration;
using AudioEdge.Daemon.Events;
using AudioEdge.Daemon.Services;
using AudioEdge.Detection;
using AudioEdge.EventStore;
using Prometheus;
using Microsoft.Extensions.DependencyInjection;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.Tests;

/// <summary>
/// Commands through the real broker to a running daemon that is listening (60 s of quiet noise played in real time,
/// so the detection loop is busy with audio while the commands arrive). The model is a private copy, so a test can
/// corrupt it. Ordered: the corrupted model and the hush stay for the rest of the fixture.
/// </summary>
[TestFixture]
public sealed class CommandTests
{
    private readonly RecordingAlarmOutput _output = new();
    private TemporaryDirectory _models = null!;
    private DaemonHarness _daemon = null!;

    [OneTimeSetUp]
    public async Task StartListening()
    {
        _models = new TemporaryDirectory();
        DaemonOptions options = DaemonHarness.CreateOptions(TestRecordings.NoiseWav, realTime: true);
        options.Model.Manifest = TestModel.CopyTo(_models.Path);
        _daemon = await DaemonHarness.StartAsync(options, services => services.AddSingleton<IAlarmOutput>(_output));
        DaemonHealth health = _daemon.Get<DaemonHealth>();
        await Poll.UntilAsync(() => health.AudioFlowing(TimeSpan.FromSeconds(1)), "audio to flow");
        await _daemon.Subscriber.WaitForAsync(m => m.Any(x => x.Topic == _daemon.Topics.Availability && x.Text == "online"), "online");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _daemon.DisposeAsync();
        _models.Dispose();
    }

    [Test]
    [Order(1)]
    public async Task SelfTestPassesWhileListening()
    {
        CommandResponse reply = await _daemon.CommandAsync("self_test", "{}");

        Assert.That(reply.Ok, Is.True, reply.Json);
        Assert.That(reply.Command, Is.EqualTo("self_test"));
        Assert.That(reply.Message, Does.Contain("detector ok").And.Contain("audio ok"), reply.Message);
        Assert.That(_output.Calls, Does.Contain("Flash"), "the output flashes as feedback");
        Assert.That(_daemon.Subscriber.On(_daemon.Topics.Event), Is.Empty, "a self-test is not an alarm");
    }

    [Test]
    [Order(2)]
    public async Task ReloadModelSwapsInAFreshlyLoadedModel()
    {
        var detection = _daemon.Get<DetectionService>();
        LoadedModel before = detection.Model;

        CommandResponse reply = await _daemon.CommandAsync("reload_model", "{}");

        Assert.That(reply.Ok, Is.True, reply.Json);
        Assert.That(reply.Message, Does.Contain(TestModel.Name));
        Assert.That(detection.Model, Is.Not.SameAs(before));
        Assert.That(detection.Model.Package.Name, Is.EqualTo(TestModel.Name));
    }

    [Test]
    [Order(3)]
    public async Task ReloadOfACorruptedModelFailsAndTheRunningModelStays()
    {
        var detection = _daemon.Get<DetectionService>();
        DaemonHealth health = _daemon.Get<DaemonHealth>();
        LoadedModel running = detection.Model;
        TestModel.CorruptOnnxFiles(_models.Path);

        CommandResponse reply = await _daemon.CommandAsync("reload_model", "{}");

        Assert.That(reply.Ok, Is.False, reply.Json);
        Assert.That(reply.Message, Does.Contain("still running " + TestModel.Name), reply.Message);
        Assert.That(detection.Model, Is.SameAs(running));

        // Still listening with the old model: its session keeps scoring windows after the refusal.
        double scored = InferenceCount();
        DateTimeOffset after = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(() => health.LastAudio > after && InferenceCount() >= scored + 5, "windows scored after the failed reload");
    }

    [Test]
    [Order(4)]
    public async Task InvalidCommandIsRejectedWithAReply()
    {
        CommandResponse reply = await _daemon.CommandAsync("hush", """{"minutes":0}""");

        Assert.That(reply.Ok, Is.False, reply.Json);
        Assert.That(_daemon.Get<HushState>().IsHushed, Is.False);
    }

    [Test]
    [Order(5)]
    public async Task HushMakesTheNextEventHushed()
    {
        var hush = _daemon.Get<HushState>();
        var publisher = _daemon.Get<AlarmEventPublisher>();
        var outbox = _daemon.Get<DurableOutbox>();
        var published = new List<PublishedEvent>();
        publisher.Published += (_, e) => published.Add(e);

        CommandResponse reply = await _daemon.CommandAsync("hush", """{"minutes":5}""");

        Assert.That(reply.Ok, Is.True, reply.Json);
        Assert.That(reply.Message, Does.StartWith("hushed until"));
        Assert.That(hush.IsHushed, Is.True);
        Assert.That(hush.Until, Is.EqualTo(DateTimeOffset.UtcNow.AddMinutes(5)).Within(TimeSpan.FromSeconds(30)));
        Assert.That(_output.Calls, Does.Contain("ClearAll"), "a hush silences the local output at once");

        // An event decided now (as the detector would hand it over).
        publisher.EventStarted(new DetectionEvent(10_000, EventLabels.SmokeAlarm, 1.0, null, 0.95, 3.0, "audioedge-cnn@0.1.0"));
        // A marker behind it in the outbox: alarm and state messages leave in order, so once the marker arrived, a
        // state ON for the event would have too.
        outbox.Enqueue($"audioedge/{_daemon.Options.Device.Id}/test-marker", "done"u8, retain: false, MessageClass.Alarm);
        await _daemon.Subscriber.WaitForAsync(m => m.Any(x => x.Topic.EndsWith("/test-marker", StringComparison.Ordinal)), "the marker");

        Assert.That(published.Single().Hushed, Is.True);
        MqttReceivedMessage message = _daemon.Subscriber.On(_daemon.Topics.Event).Single();
        using JsonDocument json = JsonDocument.Parse(message.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("hushed").GetBoolean(), Is.True);
            Assert.That(json.RootElement.GetProperty("event_id").GetString(), Is.EqualTo(published.Single().EventId));
            Assert.That(_daemon.Subscriber.On(_daemon.Topics.State("smoke_alarm")).Select(m => m.Text), Has.None.EqualTo("ON"));
            Assert.That(_output.Calls, Has.None.StartsWith("Show"));
        });
    }

    private double InferenceCount()
    {
        using var stream = new MemoryStream();
        _daemon.Get<DaemonMetrics>().Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        Match match = Regex.Match(Encoding.UTF8.GetString(stream.ToArray()), @"^audioedge_inference_seconds_count (\S+)$", RegexOptions.Multiline);
        Assert.That(match.Success, Is.True, "audioedge_inference_seconds_count in the metrics");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
