using AudioEdge.Testing;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// Store-and-forward as an owner relies on it: a broker that goes away while alarms happen, or is not there yet
/// when the device boots, costs no event; QoS 1 may repeat one (consumers de-duplicate by event_id) but never invents one.
/// </summary>
/// <remarks>
/// The subscriber holds a persistent session, so the broker queues the daemon's events for it even if the daemon
/// publishes them in the moment between the broker's restart and the subscriber's reconnect.
/// </remarks>
[TestFixture]
public sealed class BrokerOutageTests
{
    private static readonly TimeSpan DetectTimeout = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan DeliverTimeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Events_decided_while_the_broker_is_stopped_are_all_delivered_after_its_restart_and_none_is_invented()
    {
        const string device = "e2e-outage";
        using var scratch = new ScratchDirectory();
        // Played in real time so the events happen while the broker is down: 0–8 s of the demo (the smoke alarm from
        // 2 s, decided about 4 s later), then 16–19.5 s (the glass break at 17 s). 11.5 s of wall time.
        string audio = TestAudio.DemoWavSpliced(scratch.File("paced.wav"), (0, 8), (16, 19.5));
        using var broker = new MosquittoBroker();
        broker.Start();
        await using MqttTestSubscriber recorder = await MqttTestSubscriber.ConnectAsync(broker, [$"audioedge/{device}/#"], persistent: true);
        DaemonSettings settings = DaemonSettings.ForFile(device, scratch.Folder("state"), broker, audio, exitAtEnd: true, realTime: true);
        settings["Audio:ExitDrainSeconds"] = "60";
        using DaemonProcess daemon = DaemonProcess.Start(settings.RunArguments(), scratch.Path);

        await recorder.WaitForAsync(m => m.Any(x => x.Topic == $"audioedge/{device}/availability" && x.Text == "online"), "the daemon online");
        Assert.That(daemon.Detections(), Is.Empty, "premise: nothing detected yet when the broker goes down");
        DateTime stopping = DateTime.UtcNow;
        broker.Stop();

        IReadOnlyList<LoggedDetection> logged = await daemon.WaitForDetectionsAsync(
            d => d.Any(x => x.Label == "smoke_alarm") && d.Any(x => x.Label == "glass_break"), "both events, decided during the outage", DetectTimeout);
        await daemon.WaitForErrorLineAsync(l => l.Contains("Cannot connect to MQTT broker", StringComparison.Ordinal), "a failed reconnect while the broker is down", DetectTimeout);
        Assert.That(logged.Select(d => d.LoggedAt), Is.All.GreaterThan(stopping), "the events happened after the broker stopped");
        Assert.That(EventSchema.EventLabels(recorder.Messages, device), Is.Empty, "nothing could have been delivered yet");

        broker.Start();
        await recorder.ReconnectAsync();
        string[] loggedIds = [.. logged.Select(d => d.EventId)];
        await recorder.WaitForAsync(
            m => loggedIds.All(id => EventSchema.Events(m, device).Any(e => e.EventId == id)), "every logged event after the restart", DeliverTimeout);
        int exitCode = await daemon.WaitForExitAsync(DeliverTimeout);

        AssertDeliveredExactly(recorder, device, logged);
        Assert.That(exitCode, Is.Zero, daemon.Error);
    }

    [Test]
    public async Task A_broker_unreachable_at_start_is_not_fatal_and_gets_every_event_once_it_appears()
    {
        const string device = "e2e-late-broker";
        using var scratch = new ScratchDirectory();
        string audio = TestAudio.DemoWav(scratch.File("demo.wav"));
        using var broker = new MosquittoBroker();
        broker.Start();
        await using MqttTestSubscriber recorder = await MqttTestSubscriber.ConnectAsync(broker, [$"audioedge/{device}/#"], persistent: true);
        broker.Stop(); // nothing listens on its port now

        DaemonSettings settings = DaemonSettings.ForFile(device, scratch.Folder("state"), broker, audio, exitAtEnd: true);
        settings["Audio:ExitDrainSeconds"] = "60";
        using DaemonProcess daemon = DaemonProcess.Start(settings.RunArguments(), scratch.Path);
        IReadOnlyList<LoggedDetection> logged = await daemon.WaitForDetectionsAsync(
            d => d.Any(x => x.Label == "smoke_alarm") && d.Any(x => x.Label == "glass_break"), "both events", DetectTimeout);
        await daemon.WaitUntilAsync(
            () => daemon.CountErrorLines(l => l.Contains($"Cannot connect to MQTT broker {broker.Host}:{broker.Port}", StringComparison.Ordinal)) >= 3,
            "three failed connection attempts", DetectTimeout);
        Assert.That(daemon.HasExited, Is.False, "an unreachable broker is not fatal: the daemon keeps listening and retrying");

        broker.Start();
        await recorder.ReconnectAsync();
        string[] loggedIds = [.. logged.Select(d => d.EventId)];
        await recorder.WaitForAsync(
            m => loggedIds.All(id => EventSchema.Events(m, device).Any(e => e.EventId == id)), "every event once the broker is there", DeliverTimeout);
        int exitCode = await daemon.WaitForExitAsync(DeliverTimeout);

        AssertDeliveredExactly(recorder, device, logged);
        Assert.That(exitCode, Is.Zero, daemon.Error);
        Assert.That(await MqttTestSubscriber.RetainedAsync(broker, $"audioedge/{device}/smoke_alarm/state"), Is.EqualTo("OFF"), "the retained state caught up too");
    }

    /// <summary>Every logged event arrived (perhaps more than once), and nothing else did.</summary>
    internal static void AssertDeliveredExactly(MqttTestSubscriber recorder, string device, IReadOnlyList<LoggedDetection> logged)
    {
        IReadOnlyList<PublishedEvent> events = EventSchema.Events(recorder.Messages, device);
        var distinct = events.GroupBy(e => e.EventId).Select(g => g.First()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(distinct.Select(e => e.EventId), Is.EquivalentTo(logged.Select(d => d.EventId)), "the set of event ids is exactly the set the daemon decided");
            Assert.That(distinct.Select(e => e.Label), Is.EquivalentTo(new[] { "smoke_alarm", "glass_break" }), "no invented event");
            foreach (IGrouping<string, PublishedEvent> copies in events.GroupBy(e => e.EventId))
            {
                // A repeat (QoS 1 at least once) must be the same event, not a new one under an old id.
                Assert.That(copies.Select(e => (e.Label, e.Start, e.DetectedAt)).Distinct().Count(), Is.EqualTo(1), $"copies of {copies.Key} agree");
            }
        });
    }
}
