using AudioEdge.Testing;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// MQTT over TLS with a CA and certificates the test makes (server and client authentication), and the last will:
/// a daemon that dies without a word is reported offline by the broker.
/// </summary>
[TestFixture]
public sealed class TlsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Events_travel_over_mutual_tls_and_a_sigkill_leaves_the_retained_last_will_offline()
    {
        const string device = "e2e-tls";
        using var scratch = new ScratchDirectory();
        string demo = TestAudio.DemoWav(scratch.File("demo.wav"));
        using TestCertificates pki = TestCertificates.Create();
        using var broker = new MosquittoBroker(new MosquittoBrokerOptions { Tls = pki, RequireClientCertificate = true });
        broker.Start();
        // The test listens on the plain listener; the daemon may only use the TLS one.
        await using MqttTestSubscriber recorder = await MqttTestSubscriber.ConnectAsync(broker, [$"audioedge/{device}/#"]);

        DaemonSettings settings = DaemonSettings.ForFile(device, scratch.Folder("state"), broker, demo, exitAtEnd: false);
        settings["Mqtt:Port"] = broker.TlsPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Mqtt:Tls:Enabled"] = "true";
        settings["Mqtt:Tls:CaFile"] = pki.CaCertificateFile;
        settings["Mqtt:Tls:ClientCertificateFile"] = pki.ClientCertificateFile;
        settings["Mqtt:Tls:ClientKeyFile"] = pki.ClientKeyFile;
        using DaemonProcess daemon = DaemonProcess.Start(settings.RunArguments(), scratch.Path);

        IReadOnlyList<MqttReceivedMessage> messages = await recorder.WaitForAsync(
            m => EventSchema.EventLabels(m, device).Distinct().Count() == 2
                 && m.Any(x => x.Topic == $"audioedge/{device}/glass_break/state" && x.Text == "OFF"),
            "both events over TLS", Timeout);
        IReadOnlyList<PublishedEvent> events = EventSchema.Events(messages, device);
        Assert.That(events.Select(e => e.Label), Is.EquivalentTo(new[] { "smoke_alarm", "glass_break" }));
        Assert.That(daemon.Error, Does.Contain($"Connected to MQTT broker {broker.Host}:{broker.TlsPort}").And.Contain("over TLS"));
        Assert.That(broker.ReadLog(), Does.Contain(TestCertificates.ClientCommonName).Or.Contain("audioedge-" + device), "mosquitto saw the daemon connect");
        Assert.That(await MqttTestSubscriber.RetainedAsync(broker, $"audioedge/{device}/availability"), Is.EqualTo("online"));

        int messagesBeforeKill = recorder.Messages.Count;
        daemon.Kill();
        await recorder.WaitForAsync(
            m => m.Skip(messagesBeforeKill).Any(x => x.Topic == $"audioedge/{device}/availability" && x.Text == "offline"),
            "the broker publishing the last will", Timeout);
        Assert.That(await MqttTestSubscriber.RetainedAsync(broker, $"audioedge/{device}/availability"), Is.EqualTo("offline"), "the will is retained");
        Assert.That(daemon.Error, Does.Not.Contain("Disconnected from MQTT broker"), "no clean stop ran: the offline came from the will");
    }
}
