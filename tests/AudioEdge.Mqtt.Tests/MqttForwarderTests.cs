using System.Text.Json;
using AudioEdge.EventStore;
using AudioEdge.Testing;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Mqtt.Tests;

/// <summary>The forwarder against the real mosquitto: delivery, outages, last will, TLS, authentication, commands.</summary>
[TestFixture]
public sealed class MqttForwarderTests
{
    private const string EventTopic = "audioedge/kitchen-1/event";
    private const string AvailabilityTopic = "audioedge/kitchen-1/availability";

    [Test]
    public async Task Publishes_birth_and_retained_discovery_after_connecting()
    {
        using var broker = StartedBroker();
        await using var forwarder = ForwarderHarness.Start(ForwarderHarness.OptionsFor(broker));
        await forwarder.WaitUntilConnectedAsync();

        // Subscribing only now, like a Home Assistant that restarts later: everything must be there, retained.
        await using var homeAssistant = await MqttTestSubscriber.ConnectAsync(broker, "homeassistant/#", AvailabilityTopic);
        IReadOnlyList<MqttReceivedMessage> messages = await homeAssistant.WaitForAsync(
            m => m.Count(x => x.Topic.EndsWith("/config", StringComparison.Ordinal)) == 5 && m.Any(x => x.Topic == AvailabilityTopic),
            "availability and five discovery configs");

        List<MqttReceivedMessage> configs = [.. messages.Where(m => m.Topic.EndsWith("/config", StringComparison.Ordinal))];
        Assert.Multiple(() =>
        {
            Assert.That(messages.Single(m => m.Topic == AvailabilityTopic).Text, Is.EqualTo("online"));
            Assert.That(messages, Has.All.Matches<MqttReceivedMessage>(m => m.Retain), "birth and discovery are retained");
            Assert.That(configs.Select(c => c.Topic), Is.EquivalentTo(new[]
            {
                "homeassistant/binary_sensor/audioedge_kitchen-1/smoke_alarm/config",
                "homeassistant/binary_sensor/audioedge_kitchen-1/co_alarm/config",
                "homeassistant/binary_sensor/audioedge_kitchen-1/glass_break/config",
                "homeassistant/binary_sensor/audioedge_kitchen-1/connectivity/config",
                "homeassistant/binary_sensor/audioedge_kitchen-1/problem/config",
            }));
            Assert.That(
                configs.Select(c => JsonDocument.Parse(c.Payload).RootElement.GetProperty("device_class").GetString()),
                Is.EquivalentTo(new[] { "smoke", "carbon_monoxide", "safety", "connectivity", "problem" }));
            Assert.That(forwarder.Log.Contains(LogLevel.Information, $"Connected to MQTT broker 127.0.0.1:{broker.Port}"), Is.True);
        });
    }

    [Test]
    public async Task Delivers_enqueued_messages_in_order_and_removes_them_after_the_puback()
    {
        using var broker = StartedBroker();
        await using var consumer = await MqttTestSubscriber.ConnectAsync(broker, "audioedge/kitchen-1/#");
        await using var forwarder = ForwarderHarness.Start(ForwarderHarness.OptionsFor(broker));
        await forwarder.WaitUntilConnectedAsync();

        string[] ids = [forwarder.EnqueueEvent(), forwarder.EnqueueEvent(), forwarder.EnqueueEvent()];
        forwarder.Outbox.Enqueue(forwarder.Topics.State("smoke_alarm"), "ON"u8, retain: true, MessageClass.State);

        await consumer.WaitForAsync(m => m.Count(x => x.Topic == EventTopic) == 3 && m.Any(x => x.Topic.EndsWith("/state", StringComparison.Ordinal)), "three events and a state");
        await forwarder.WaitUntilOutboxEmptyAsync();

        // A consumer arriving later sees the retained state, and no event (events are not retained).
        await using var late = await MqttTestSubscriber.ConnectAsync(broker, "audioedge/kitchen-1/#");
        await late.WaitForAsync(m => m.Any(x => x.Topic.EndsWith("/state", StringComparison.Ordinal)), "the retained state");
        Assert.Multiple(() =>
        {
            Assert.That(consumer.On(EventTopic).Select(EventId), Is.EqualTo(ids), "events arrive in the order they were enqueued");
            Assert.That(forwarder.Forwarder.Statistics.Published, Is.EqualTo(4));
            Assert.That(forwarder.Forwarder.Statistics.PublishFailures, Is.Zero);
            Assert.That(late.On("audioedge/kitchen-1/smoke_alarm/state").Single().Text, Is.EqualTo("ON"));
            Assert.That(late.On("audioedge/kitchen-1/smoke_alarm/state").Single().Retain, Is.True);
            Assert.That(late.On(EventTopic), Is.Empty);
        });
    }

    [Test]
    public async Task Events_during_a_broker_outage_are_all_delivered_after_it_restarts()
    {
        using var broker = StartedBroker();
        await using var consumer = await MqttTestSubscriber.ConnectAsync(broker, [EventTopic], persistent: true);
        await using var forwarder = ForwarderHarness.Start(ForwarderHarness.OptionsFor(broker));
        await forwarder.WaitUntilConnectedAsync();
        List<string> expected = [forwarder.EnqueueEvent(), forwarder.EnqueueEvent()];
        await consumer.WaitForAsync(m => m.Count == 2, "the events before the outage");

        broker.Stop();
        await forwarder.WaitUntilAsync(() => !forwarder.Forwarder.IsConnected, "the forwarder to notice the outage");
        for (int i = 0; i < 10; i++)
        {
            expected.Add(forwarder.EnqueueEvent());
        }

        Assert.That(forwarder.Outbox.Counts.Alarm, Is.EqualTo(10), "nothing leaves the outbox while the broker is down");

        broker.Start();
        await consumer.ReconnectAsync(); // persistent session: whatever the broker got meanwhile is queued for it
        await forwarder.WaitUntilOutboxEmptyAsync();
        IReadOnlyList<MqttReceivedMessage> received = await consumer.WaitForAsync(
            m => expected.All(id => m.Select(EventId).Contains(id)), "every event");

        Assert.Multiple(() =>
        {
            Assert.That(received.Select(EventId).Distinct(), Is.EquivalentTo(expected), "every event arrives, none is invented");
            Assert.That(forwarder.Forwarder.Statistics.ConnectionsLost, Is.GreaterThanOrEqualTo(1));
            Assert.That(forwarder.Log.Contains(LogLevel.Warning, $"Connection to MQTT broker 127.0.0.1:{broker.Port} lost"), Is.True);
        });
    }

    [Test]
    public async Task An_unreachable_broker_at_start_is_retried_until_it_appears()
    {
        using var broker = StartedBroker();
        await using var consumer = await MqttTestSubscriber.ConnectAsync(broker, [EventTopic], persistent: true);
        await consumer.DisconnectAsync();
        broker.Stop();

        await using var forwarder = ForwarderHarness.Start(ForwarderHarness.OptionsFor(broker));
        string[] ids = [forwarder.EnqueueEvent(), forwarder.EnqueueEvent(), forwarder.EnqueueEvent()];
        await forwarder.WaitUntilAsync(() => forwarder.Forwarder.Statistics.ConnectFailures >= 3, "three failed attempts");
        Assert.Multiple(() =>
        {
            Assert.That(forwarder.Forwarder.IsConnected, Is.False);
            Assert.That(forwarder.Outbox.Counts.Alarm, Is.EqualTo(3));
            Assert.That(forwarder.Log.Contains(LogLevel.Warning, $"Cannot connect to MQTT broker 127.0.0.1:{broker.Port} (attempt 3)"), Is.True, forwarder.Log.Text);
        });

        broker.Start();
        await forwarder.WaitUntilOutboxEmptyAsync();
        await consumer.ReconnectAsync();
        IReadOnlyList<MqttReceivedMessage> received = await consumer.WaitForAsync(m => m.Count >= 3, "the three events");
        Assert.That(received.Select(EventId).Distinct(), Is.EquivalentTo(ids));
    }

    [Test]
    public async Task A_connection_that_dies_without_disconnect_triggers_the_last_will_and_a_reconnect()
    {
        using var broker = StartedBroker();
        await using var network = new TcpRelay(broker.Port);
        await using var watcher = await MqttTestSubscriber.ConnectAsync(broker, AvailabilityTopic, EventTopic);
        await using var forwarder = ForwarderHarness.Start(ForwarderHarness.OptionsFor(broker, network.Port));
        await forwarder.WaitUntilConnectedAsync();
        await watcher.WaitForAsync(m => Availability(m).SequenceEqual(["online"]), "online");

        network.Cut();
        await watcher.WaitForAsync(m => Availability(m).SequenceEqual(["online", "offline"]), "the last will");
        await watcher.WaitForAsync(m => Availability(m).SequenceEqual(["online", "offline", "online"]), "online again after reconnecting");
        await forwarder.WaitUntilConnectedAsync();
        string id = forwarder.EnqueueEvent();
        await watcher.WaitForAsync(m => m.Any(x => x.Topic == EventTopic && EventId(x) == id), "an event on the new connection");

        Assert.Multiple(() =>
        {
            Assert.That(network.Connections, Is.EqualTo(2));
            Assert.That(forwarder.Forwarder.Statistics.ConnectionsLost, Is.EqualTo(1));
            Assert.That(forwarder.Forwarder.Statistics.Connects, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_silently_dead_link_is_detected_by_the_puback_timeout_and_the_event_delivered_later()
    {
        using var broker = StartedBroker();
        await using var network = new TcpRelay(broker.Port);
        await using var consumer = await MqttTestSubscriber.ConnectAsync(broker, EventTopic);
        MqttOptions options = ForwarderHarness.OptionsFor(broker, network.Port);
        options.TimeoutSeconds = 1;
        await using var forwarder = ForwarderHarness.Start(options);
        await forwarder.WaitUntilConnectedAsync();

        network.BlackHole = true;
        string id = forwarder.EnqueueEvent();
        await forwarder.WaitUntilAsync(() => forwarder.Forwarder.Statistics.PublishFailures >= 1, "the PUBACK timeout");
        Assert.Multiple(() =>
        {
            Assert.That(forwarder.Outbox.Counts.Alarm, Is.EqualTo(1), "no PUBACK, so the event stays queued");
            Assert.That(forwarder.Outbox.PeekOldest(1)[0].Attempts, Is.GreaterThanOrEqualTo(1));
        });

        network.BlackHole = false;
        await forwarder.WaitUntilOutboxEmptyAsync();
        await consumer.WaitForAsync(m => m.Any(x => EventId(x) == id), "the event after the link came back");
    }

    [Test]
    public async Task Large_messages_are_delivered()
    {
        using var broker = StartedBroker();
        await using var consumer = await MqttTestSubscriber.ConnectAsync(broker, "audioedge/kitchen-1/telemetry");
        await using var forwarder = ForwarderHarness.Start(ForwarderHarness.OptionsFor(broker));
        byte[] payload = new byte[200_000];
        Random.Shared.NextBytes(payload);
        forwarder.Outbox.Enqueue(forwarder.Topics.Telemetry, payload, retain: false, MessageClass.Telemetry);

        await consumer.WaitForAsync(m => m.Count == 1, "the telemetry message");
        Assert.That(consumer.Messages[0].Payload, Is.EqualTo(payload));
    }

    [Test]
    public async Task StopAsync_publishes_offline_and_disconnects_without_the_last_will()
    {
        using var broker = StartedBroker();
        await using var watcher = await MqttTestSubscriber.ConnectAsync(broker, AvailabilityTopic);
        await using var forwarder = ForwarderHarness.Start(ForwarderHarness.OptionsFor(broker));
        await watcher.WaitForAsync(m => Availability(m).SequenceEqual(["online"]), "online");

        await forwarder.Forwarder.StopAsync(CancellationToken.None);
        await watcher.WaitForAsync(m => Availability(m).SequenceEqual(["online", "offline"]), "offline");
        // The broker may relay "offline" before it has handled (and logged) the DISCONNECT that follows it.
        await forwarder.WaitUntilAsync(() => broker.ReadLog().Contains("Client audioedge-kitchen-1 disconnected.", StringComparison.Ordinal), "a clean DISCONNECT in the broker's log");
        await using var late = await MqttTestSubscriber.ConnectAsync(broker, AvailabilityTopic);
        await late.WaitForAsync(m => m.Count == 1, "the retained availability");

        Assert.Multiple(() =>
        {
            Assert.That(forwarder.Forwarder.IsConnected, Is.False);
            Assert.That(late.Messages.Single().Text, Is.EqualTo("offline"));
            Assert.That(late.Messages.Single().Retain, Is.True);
            Assert.That(broker.ReadLog(), Does.Contain("Client audioedge-kitchen-1 disconnected."), "a clean DISCONNECT, not a dropped socket");
            Assert.That(forwarder.Log.Contains(LogLevel.Information, "clean stop"), Is.True);
        });
    }

    [Test]
    public async Task Cancelling_RunAsync_returns_and_a_later_StopAsync_still_says_goodbye()
    {
        // The host's order: cancel the stopping token, wait for RunAsync, then StopAsync.
        using var broker = StartedBroker();
        await using var watcher = await MqttTestSubscriber.ConnectAsync(broker, AvailabilityTopic);
        await using var forwarder = ForwarderHarness.Create(ForwarderHarness.OptionsFor(broker));
        using var stopping = new CancellationTokenSource();
        Task run = forwarder.Forwarder.RunAsync(stopping.Token);
        await forwarder.WaitUntilConnectedAsync();

        await stopping.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        await forwarder.Forwarder.StopAsync(CancellationToken.None);

        await watcher.WaitForAsync(m => Availability(m).SequenceEqual(["online", "offline"]), "online then offline");
        // The broker may relay "offline" before it has handled (and logged) the DISCONNECT that follows it.
        await forwarder.WaitUntilAsync(() => broker.ReadLog().Contains("Client audioedge-kitchen-1 disconnected.", StringComparison.Ordinal), "a clean DISCONNECT in the broker's log");
        Assert.That(run.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public async Task Tls_with_the_test_ca_and_a_client_certificate_delivers()
    {
        using var pki = TestCertificates.Create();
        using var broker = StartedBroker(new MosquittoBrokerOptions { Tls = pki, RequireClientCertificate = true });
        await using var consumer = await MqttTestSubscriber.ConnectAsync(broker, EventTopic);
        MqttOptions options = ForwarderHarness.OptionsFor(broker, broker.TlsPort);
        options.Tls = new MqttTlsOptions
        {
            Enabled = true,
            CaFile = pki.CaCertificateFile,
            ClientCertificateFile = pki.ClientCertificateFile,
            ClientKeyFile = pki.ClientKeyFile,
        };
        await using var forwarder = ForwarderHarness.Start(options);
        await forwarder.WaitUntilConnectedAsync();
        string id = forwarder.EnqueueEvent();

        await consumer.WaitForAsync(m => m.Any(x => EventId(x) == id), "the event over TLS");
        Assert.That(forwarder.Log.Contains(LogLevel.Information, "MQTT 5 over TLS"), Is.True);
    }

    [Test]
    public async Task Tls_with_a_different_ca_is_refused_with_a_clear_log_line()
    {
        using var pki = TestCertificates.Create();
        using var otherPki = TestCertificates.Create("Some Other CA");
        using var broker = StartedBroker(new MosquittoBrokerOptions { Tls = pki });
        MqttOptions options = ForwarderHarness.OptionsFor(broker, broker.TlsPort);
        options.Tls = new MqttTlsOptions { Enabled = true, CaFile = otherPki.CaCertificateFile };
        await using var forwarder = ForwarderHarness.Start(options);
        forwarder.EnqueueEvent();

        await forwarder.WaitUntilAsync(() => forwarder.Forwarder.Statistics.ConnectFailures >= 2, "failed TLS attempts");
        Assert.Multiple(() =>
        {
            Assert.That(forwarder.Forwarder.Statistics.Connects, Is.Zero);
            Assert.That(forwarder.Outbox.Counts.Alarm, Is.EqualTo(1));
            Assert.That(
                forwarder.Log.Contains(LogLevel.Warning, "TLS: the broker's certificate is not issued by the CA in Mqtt:Tls:CaFile"),
                Is.True,
                forwarder.Log.Text);
        });
    }

    [Test]
    public async Task Tls_checks_the_host_name()
    {
        using var pki = TestCertificates.Create(serverNames: "DNS:broker.example.org");
        using var broker = StartedBroker(new MosquittoBrokerOptions { Tls = pki });
        MqttOptions options = ForwarderHarness.OptionsFor(broker, broker.TlsPort);
        options.Tls = new MqttTlsOptions { Enabled = true, CaFile = pki.CaCertificateFile };
        await using var forwarder = ForwarderHarness.Start(options);

        // The failure is counted before it is logged: wait for its warning, not only for the count (seen flaky in CI).
        await forwarder.WaitUntilAsync(
            () => forwarder.Forwarder.Statistics.ConnectFailures >= 1 && forwarder.Log.Lines.Any(l => l.Level == LogLevel.Warning),
            "a failed attempt and its warning");
        Assert.Multiple(() =>
        {
            Assert.That(forwarder.Forwarder.Statistics.Connects, Is.Zero);
            Assert.That(forwarder.Log.Contains(LogLevel.Warning, "TLS: the broker's certificate is not valid for host name '127.0.0.1'"), Is.True, forwarder.Log.Text);
        });
    }

    [Test]
    public async Task Tls_without_the_required_client_certificate_is_refused()
    {
        using var pki = TestCertificates.Create();
        using var broker = StartedBroker(new MosquittoBrokerOptions { Tls = pki, RequireClientCertificate = true });
        MqttOptions options = ForwarderHarness.OptionsFor(broker, broker.TlsPort);
        options.Tls = new MqttTlsOptions { Enabled = true, CaFile = pki.CaCertificateFile };
        await using var forwarder = ForwarderHarness.Start(options);

        await forwarder.WaitUntilAsync(() => forwarder.Forwarder.Statistics.ConnectFailures >= 2, "failed attempts");
        Assert.Multiple(() =>
        {
            Assert.That(forwarder.Forwarder.Statistics.Connects, Is.Zero);
            Assert.That(forwarder.Log.Contains(LogLevel.Warning, "if the broker requires client certificates, set Mqtt:Tls:ClientCertificateFile"), Is.True, forwarder.Log.Text);
        });
    }

    [Test]
    public async Task Username_and_password_are_accepted_and_a_wrong_password_is_refused_without_being_logged()
    {
        const string Password = "pa55-w0rd-kitchen";
        using var broker = StartedBroker(new MosquittoBrokerOptions
        {
            Users = new Dictionary<string, string> { ["audioedge"] = Password, ["watcher"] = "watcher-secret" },
        });
        await using var consumer = await MqttTestSubscriber.ConnectAsync(broker, [EventTopic], persistent: false, "watcher", "watcher-secret");

        MqttOptions good = ForwarderHarness.OptionsFor(broker);
        good.Username = "audioedge";
        good.Password = Password;
        await using (var forwarder = ForwarderHarness.Start(good))
        {
            string id = forwarder.EnqueueEvent();
            await consumer.WaitForAsync(m => m.Any(x => EventId(x) == id), "the event with credentials");
            Assert.That(forwarder.Log.Contains(LogLevel.Warning, "password crosses the network in clear text"), Is.True);
        }

        MqttOptions wrong = ForwarderHarness.OptionsFor(broker);
        wrong.Username = "audioedge";
        wrong.Password = "not-" + Password;
        await using var refused = ForwarderHarness.Start(wrong);
        await refused.WaitUntilAsync(() => refused.Forwarder.Statistics.ConnectFailures >= 2, "refused attempts");
        Assert.Multiple(() =>
        {
            Assert.That(refused.Forwarder.Statistics.Connects, Is.Zero);
            Assert.That(refused.Log.Lines.Any(l => l.Level == LogLevel.Warning && (l.Message.Contains("BadUserNameOrPassword", StringComparison.Ordinal) || l.Message.Contains("NotAuthorized", StringComparison.Ordinal))), Is.True, refused.Log.Text);
            Assert.That(refused.Log.Text, Does.Not.Contain(Password));
        });
    }

    [Test]
    public async Task Commands_are_validated_strictly_and_always_answered()
    {
        using var broker = StartedBroker();
        await using var client = await MqttTestSubscriber.ConnectAsync(broker, "audioedge/kitchen-1/cmd/+/response");
        await using var forwarder = ForwarderHarness.Start(
            ForwarderHarness.OptionsFor(broker),
            command => command is HushCommand hush ? new CommandReply(true, $"hushed for {hush.Minutes} min") : new CommandReply(true, "ok"));
        await forwarder.WaitUntilConnectedAsync();

        await client.PublishAsync("audioedge/kitchen-1/cmd/hush", """{"minutes": 30, "request_id": "r1"}""");
        await client.PublishAsync("audioedge/kitchen-1/cmd/hush", """{"minutes": 0, "request_id": "r2"}""");
        await client.PublishAsync("audioedge/kitchen-1/cmd/explode", """{"request_id": "r3"}""");
        await client.PublishAsync("audioedge/kitchen-1/cmd/self_test", "not json\n{\"forged\": \"log line\"}");
        IReadOnlyList<MqttReceivedMessage> responses = await client.WaitForAsync(m => m.Count == 4, "four responses");

        JsonElement[] replies = [.. responses.Select(r => JsonDocument.Parse(r.Payload).RootElement)];
        Assert.Multiple(() =>
        {
            Assert.That(responses.Select(r => r.Topic), Is.EqualTo(new[]
            {
                "audioedge/kitchen-1/cmd/hush/response",
                "audioedge/kitchen-1/cmd/hush/response",
                "audioedge/kitchen-1/cmd/explode/response",
                "audioedge/kitchen-1/cmd/self_test/response",
            }));
            Assert.That(replies.Select(r => r.GetProperty("ok").GetBoolean()), Is.EqualTo(new[] { true, false, false, false }));
            Assert.That(replies.Select(r => r.GetProperty("command").GetString()), Is.EqualTo(new[] { "hush", "hush", "explode", "self_test" }));
            Assert.That(replies.Select(r => r.GetProperty("request_id").ValueKind == JsonValueKind.Null ? null : r.GetProperty("request_id").GetString()), Is.EqualTo(new[] { "r1", "r2", "r3", null }));
            Assert.That(replies[0].GetProperty("message").GetString(), Is.EqualTo("hushed for 30 min"));
            Assert.That(replies[1].GetProperty("message").GetString(), Does.Contain("minutes must be 1..240"));
            Assert.That(replies[2].GetProperty("message").GetString(), Does.Contain("unknown command 'explode'"));
            Assert.That(replies[3].GetProperty("message").GetString(), Does.Contain("not valid JSON"));
            Assert.That(forwarder.Commands, Is.EqualTo(new DeviceCommand[] { new HushCommand(30, "r1") }));
            Assert.That(forwarder.Forwarder.Statistics.CommandsRejected, Is.EqualTo(3));
            Assert.That(forwarder.Forwarder.Statistics.CommandsHandled, Is.EqualTo(1));
            Assert.That(forwarder.Log.Contains(LogLevel.Warning, "payload \"not json?{\"forged\""), Is.True, "the newline is neutralised in the log");
            Assert.That(forwarder.Log.Lines.Select(l => l.Message), Has.None.Contains("\n"));
        });
    }

    [Test]
    public async Task A_retained_command_is_never_applied()
    {
        using var broker = StartedBroker();
        await using var client = await MqttTestSubscriber.ConnectAsync(broker, "audioedge/kitchen-1/cmd/+/response");
        await client.PublishAsync("audioedge/kitchen-1/cmd/hush", """{"minutes": 240}""", retain: true);

        await using var forwarder = ForwarderHarness.Start(ForwarderHarness.OptionsFor(broker));
        await forwarder.WaitUntilConnectedAsync();
        await client.PublishAsync("audioedge/kitchen-1/cmd/self_test", """{"request_id": "after"}""");
        await client.WaitForAsync(m => m.Any(x => x.Text.Contains("\"after\"", StringComparison.Ordinal)), "the self_test response");

        Assert.That(forwarder.Commands, Is.EqualTo(new DeviceCommand[] { new SelfTestCommand("after") }));
    }

    [Test]
    public async Task Home_assistant_coming_online_gets_the_discovery_again()
    {
        using var broker = StartedBroker();
        await using var homeAssistant = await MqttTestSubscriber.ConnectAsync(broker, "homeassistant/binary_sensor/#");
        await using var forwarder = ForwarderHarness.Start(ForwarderHarness.OptionsFor(broker));
        await homeAssistant.WaitForAsync(m => m.Count == 5, "the first discovery");
        homeAssistant.Clear();

        await homeAssistant.PublishAsync("homeassistant/status", "online");
        await homeAssistant.WaitForAsync(m => m.Count == 5, "the discovery again");
        Assert.That(forwarder.Log.Contains(LogLevel.Information, "Home Assistant announced online"), Is.True);
    }

    [Test]
    public async Task A_message_the_broker_refuses_stays_in_the_outbox()
    {
        // Anonymous clients may write everything of this device except its problem topic.
        using var broker = StartedBroker(new MosquittoBrokerOptions
        {
            AclFileContent = """
                topic readwrite homeassistant/#
                topic readwrite audioedge/kitchen-1/availability
                topic readwrite audioedge/kitchen-1/event
                topic readwrite audioedge/kitchen-1/cmd/#
                """,
        });
        await using var forwarder = ForwarderHarness.Start(ForwarderHarness.OptionsFor(broker));
        await forwarder.WaitUntilConnectedAsync();
        forwarder.Outbox.Enqueue(forwarder.Topics.Problem, "ON"u8, retain: true, MessageClass.State);

        await forwarder.WaitUntilAsync(() => forwarder.Forwarder.Statistics.PublishFailures >= 2, "refused publishes");
        IReadOnlyList<OutboxMessage> pending = forwarder.Outbox.PeekOldest(10);
        Assert.Multiple(() =>
        {
            Assert.That(pending.Select(m => m.Topic), Is.EqualTo(new[] { forwarder.Topics.Problem }));
            Assert.That(pending[0].Attempts, Is.GreaterThanOrEqualTo(1));
            Assert.That(forwarder.Forwarder.Statistics.Published, Is.Zero);
            Assert.That(forwarder.Log.Contains(LogLevel.Warning, "Broker refused outbox message"), Is.True, forwarder.Log.Text);
        });
    }

    private static MosquittoBroker StartedBroker(MosquittoBrokerOptions? options = null)
    {
        var broker = new MosquittoBroker(options);
        try
        {
            broker.Start();
            return broker;
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    private static string EventId(MqttReceivedMessage message) =>
        JsonDocument.Parse(message.Payload).RootElement.GetProperty("event_id").GetString()!;

    private static string[] Availability(IReadOnlyList<MqttReceivedMessage> messages) =>
        [.. messages.Where(m => m.Topic == AvailabilityTopic).Select(m => m.Text)];
}
