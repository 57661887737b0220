using System.Text.Json;
using AudioEdge.Daemon.Configuration;
using AudioEdge.Daemon.Services;
using AudioEdge.EventStore;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.Tests;

/// <summary>What a clean stop (SIGTERM) leaves on the broker.</summary>
public sealed class CleanStopTests
{
    [Test]
    public async Task StopPublishesOfflineAndLeavesTheAlarmStatesOff()
    {
        DaemonOptions options = DaemonHarness.CreateOptions(TestRecordings.DemoWav);
        await using DaemonHarness daemon = await DaemonHarness.StartAsync(options);
        DaemonHealth health = daemon.Get<DaemonHealth>();
        var outbox = daemon.Get<DurableOutbox>();
        await Poll.UntilAsync(() => health.AudioEnded, "the end of the demo recording");
        await daemon.Subscriber.WaitForAsync(
            m => m.Count(x => x.Topic == daemon.Topics.Event) == 2 && m.Any(x => x.Topic == daemon.Topics.Availability && x.Text == "online"),
            "both events and online");

        await daemon.StopAsync();

        Assert.That(outbox.Counts.Alarm + outbox.Counts.State, Is.Zero, "everything was delivered before the disconnect");
        await daemon.Subscriber.WaitForAsync(m => m.Any(x => x.Topic == daemon.Topics.Availability && x.Text == "offline"), "offline");
        // The stop sends the partial interval's telemetry before going offline.
        IReadOnlyList<MqttReceivedMessage> seen = daemon.Subscriber.Messages;
        int telemetry = seen.ToList().FindIndex(m => m.Topic == daemon.Topics.Telemetry);
        int offline = seen.ToList().FindIndex(m => m.Topic == daemon.Topics.Availability && m.Text == "offline");
        Assert.That(telemetry, Is.InRange(0, offline), "telemetry before offline");

        // A consumer connecting later (Home Assistant after a restart) finds the retained picture.
        await using MqttTestSubscriber late = await MqttTestSubscriber.ConnectAsync(SharedBroker.Broker, $"audioedge/{options.Device.Id}/#");
        await late.WaitForAsync(
            m => m.Any(x => x.Topic == daemon.Topics.Availability) && m.Any(x => x.Topic == daemon.Topics.State("smoke_alarm"))
                && m.Any(x => x.Topic == daemon.Topics.State("glass_break")) && m.Any(x => x.Topic == daemon.Topics.Problem)
                && m.Any(x => x.Topic == daemon.Topics.Attributes("smoke_alarm")),
            "the retained messages");
        Assert.Multiple(() =>
        {
            Assert.That(late.On(daemon.Topics.Availability).Single().Text, Is.EqualTo("offline"));
            Assert.That(late.On(daemon.Topics.State("smoke_alarm")).Single().Text, Is.EqualTo("OFF"));
            Assert.That(late.On(daemon.Topics.State("glass_break")).Single().Text, Is.EqualTo("OFF"));
            Assert.That(late.On(daemon.Topics.Problem).Single().Text, Is.EqualTo("OFF"));
            Assert.That(late.Messages.All(m => m.Retain), Is.True);
            Assert.That(late.On(daemon.Topics.Event), Is.Empty, "events are not retained");
        });
        using JsonDocument attributes = JsonDocument.Parse(late.On(daemon.Topics.Attributes("smoke_alarm")).Single().Payload);
        Assert.That(attributes.RootElement.GetProperty("end").ValueKind, Is.EqualTo(JsonValueKind.String));
    }
}
