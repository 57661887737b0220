using AudioEdge.Testing;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// A daemon killed outright (SIGKILL: a crash, the OOM killer, a power cut as far as the process can tell) while
/// its events wait for an unreachable broker: the next start delivers them, under the same event ids.
/// </summary>
[TestFixture]
public sealed class CrashRecoveryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Test]
    public async Task Events_still_in_the_outbox_at_sigkill_are_delivered_by_the_next_start_with_the_same_ids()
    {
        const string device = "e2e-crash";
        using var scratch = new ScratchDirectory();
        string demo = TestAudio.DemoWav(scratch.File("demo.wav"));
        string silence = TestAudio.SilentWav(scratch.File("silence.wav"), 1);
        string state = scratch.Folder("state");
        string eventTopic = $"audioedge/{device}/event";
        using var broker = new MosquittoBroker();
        broker.Start();
        await using MqttTestSubscriber recorder = await MqttTestSubscriber.ConnectAsync(broker, [$"audioedge/{device}/#"], persistent: true);
        broker.Stop(); // the daemon's broker is unreachable: nothing can be delivered

        // Keeps running after the file (ExitAtEnd false), as a device does, until killed.
        DaemonSettings first = DaemonSettings.ForFile(device, state, broker, demo, exitAtEnd: false);
        IReadOnlyList<LoggedDetection> logged;
        using (DaemonProcess daemon = DaemonProcess.Start(first.RunArguments(), scratch.Path))
        {
            logged = await daemon.WaitForDetectionsAsync(
                d => d.Any(x => x.Label == "smoke_alarm") && d.Any(x => x.Label == "glass_break"), "both events", Timeout);
            // The outbox has them (the daemon stores an event before it logs it; this looks from outside).
            await OutboxFile.WaitUntilQueuedAsync(first.OutboxPath, eventTopic, [.. logged.Select(d => d.EventId)], Timeout);
            daemon.Kill();
            Assert.That(await daemon.WaitForExitAsync(Timeout), Is.EqualTo(128 + 9), "killed by SIGKILL");
        }

        Assert.That(OutboxFile.QueuedEventIds(first.OutboxPath, eventTopic), Is.EquivalentTo(logged.Select(d => d.EventId)), "still queued after the crash");

        broker.Start();
        await recorder.ReconnectAsync();
        DaemonSettings second = DaemonSettings.ForFile(device, state, broker, silence, exitAtEnd: true);
        second["Audio:ExitDrainSeconds"] = "60";
        using DaemonProcess restarted = DaemonProcess.Start(second.RunArguments(), scratch.Path);
        string[] loggedIds = [.. logged.Select(d => d.EventId)];
        await recorder.WaitForAsync(
            m => loggedIds.All(id => EventSchema.Events(m, device).Any(e => e.EventId == id)), "the killed daemon's events from the restarted one", Timeout);
        int exitCode = await restarted.WaitForExitAsync(Timeout);

        Assert.That(restarted.Detections(), Is.Empty, "the restarted daemon heard only silence: what arrived came from the outbox");
        BrokerOutageTests.AssertDeliveredExactly(recorder, device, logged);
        Assert.That(exitCode, Is.Zero, restarted.Error);
        Assert.That(OutboxFile.QueuedEventIds(first.OutboxPath, eventTopic), Is.Empty, "delivered events leave the outbox");
    }
}
