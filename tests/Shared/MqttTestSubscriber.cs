using System.Buffers;
using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AudioEdge.Testing;

/// <summary>
/// An MQTTnet client standing in for Home Assistant or any consumer: subscribes (QoS 1) to its filters, records every
/// message it receives (topic, payload, retain flag, arrival time), publishes commands, and lets a test wait (polling,
/// with a timeout) for a condition on what arrived. Optionally a persistent session, so QoS 1 messages published while
/// it is disconnected (or while the broker restarts) are queued for it by the broker.
/// Linked into test projects from tests/Shared; needs only the BCL, NUnit and MQTTnet.
/// </summary>
internal sealed class MqttTestSubscriber : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly List<MqttReceivedMessage> _messages = [];
    private readonly string _host;
    private readonly int _port;
    private readonly string _clientId = $"test-subscriber-{Guid.NewGuid():N}";
    private readonly bool _persistent;
    private readonly string? _username;
    private readonly string? _password;
    private readonly string[] _filters;
    private IMqttClient? _client;

    private MqttTestSubscriber(string host, int port, string[] filters, bool persistent, string? username, string? password)
    {
        _host = host;
        _port = port;
        _filters = filters;
        _persistent = persistent;
        _username = username;
        _password = password;
    }

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<MqttReceivedMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Connects (clean session) to the broker's plain listener and subscribes to <paramref name="filters"/>; retained messages arrive first.</summary>
    public static Task<MqttTestSubscriber> ConnectAsync(MosquittoBroker broker, params string[] filters) =>
        ConnectAsync(broker.Host, broker.Port, filters);

    /// <summary>Connects to the broker's plain listener and subscribes to <paramref name="filters"/>.</summary>
    public static Task<MqttTestSubscriber> ConnectAsync(
        MosquittoBroker broker, string[] filters, bool persistent, string? username = null, string? password = null) =>
        ConnectAsync(broker.Host, broker.Port, filters, persistent, username, password);

    /// <summary>Connects to the broker at <paramref name="host"/>:<paramref name="port"/> and subscribes to <paramref name="filters"/>.</summary>
    public static async Task<MqttTestSubscriber> ConnectAsync(
        string host, int port, string[] filters, bool persistent = false, string? username = null, string? password = null)
    {
        var subscriber = new MqttTestSubscriber(host, port, filters, persistent, username, password);
        await subscriber.ConnectAsync().ConfigureAwait(false);
        return subscriber;
    }

    /// <summary>
    /// The retained message on <paramref name="topic"/> as a new subscriber gets it now (a fresh connection, so it is
    /// what the broker holds, not what this test saw earlier). Fails if none arrives within the timeout.
    /// </summary>
    public static async Task<string> RetainedAsync(MosquittoBroker broker, string topic)
    {
        await using MqttTestSubscriber probe = await ConnectAsync(broker, topic).ConfigureAwait(false);
        MqttReceivedMessage retained = await probe.WaitForMessageAsync(topic, _ => true, $"the retained message on {topic}").ConfigureAwait(false);
        Assert.That(retained.Retain, Is.True, $"{topic} is delivered on subscription, so it must carry the retain flag");
        return retained.Text;
    }

    /// <summary>Connects again with the same client id; a persistent session receives what was queued meanwhile.</summary>
    public async Task ReconnectAsync()
    {
        _client?.Dispose();
        await ConnectAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the connection cleanly (a persistent session stays on the broker).</summary>
    public async Task DisconnectAsync()
    {
        if (_client is { IsConnected: true })
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Publishes (QoS 1) and checks the broker took it.</summary>
    public async Task PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        MqttClientPublishResult result = await _client!.PublishAsync(message).ConfigureAwait(false);
        Assert.That(result.IsSuccess, Is.True, $"the broker refused the test's publish on {topic}: {result.ReasonCode}");
    }

    /// <summary>Publishes UTF-8 text (QoS 1) and checks the broker took it.</summary>
    public Task PublishAsync(string topic, string payload, bool retain = false) => PublishAsync(topic, Encoding.UTF8.GetBytes(payload), retain);

    /// <summary>Messages on <paramref name="topic"/>, in arrival order.</summary>
    public IReadOnlyList<MqttReceivedMessage> On(string topic) => [.. Messages.Where(m => m.Topic == topic)];

    /// <summary>Forgets everything received so far.</summary>
    public void Clear()
    {
        lock (_messages)
        {
            _messages.Clear();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the messages received so far; fails the test on timeout.</summary>
    public async Task<IReadOnlyList<MqttReceivedMessage>> WaitForAsync(
        Func<IReadOnlyList<MqttReceivedMessage>, bool> condition, string what, TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? DefaultTimeout;
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            IReadOnlyList<MqttReceivedMessage> messages = Messages;
            if (condition(messages))
            {
                return messages;
            }

            if (elapsed.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds} s waiting for {what}; received {messages.Count}:\n{string.Join("\n", messages.TakeLast(30))}");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the first message on <paramref name="topic"/> that satisfies <paramref name="match"/>.</summary>
    public async Task<MqttReceivedMessage> WaitForMessageAsync(string topic, Func<MqttReceivedMessage, bool> match, string what, TimeSpan? timeout = null)
    {
        IReadOnlyList<MqttReceivedMessage> messages = await WaitForAsync(m => m.Any(x => x.Topic == topic && match(x)), what, timeout).ConfigureAwait(false);
        return messages.First(x => x.Topic == topic && match(x));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisconnectAsync().ConfigureAwait(false);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The broker is already gone.
        }

        _client?.Dispose();
    }

    public override string ToString() => $"subscriber to {string.Join(", ", _filters)}";

    private async Task ConnectAsync()
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var message = new MqttReceivedMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain, DateTime.UtcNow);
            lock (_messages)
            {
                _messages.Add(message);
            }

            return Task.CompletedTask;
        };
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder()
            .WithTcpServer(_host, _port)
            .WithClientId(_clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(5));
        options = _persistent ? options.WithCleanStart(false).WithSessionExpiryInterval(3600) : options.WithCleanStart(true);
        if (_username is not null)
        {
            options = options.WithCredentials(_username, _password);
        }

        await client.ConnectAsync(options.Build()).ConfigureAwait(false);
        _client = client;

        // Also on a reconnect of a persistent session (which keeps its subscriptions): harmless, and it does not
        // depend on the broker having kept the session.
        MqttClientSubscribeOptionsBuilder subscription = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        foreach (string filter in _filters)
        {
            subscription.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
        }

        await client.SubscribeAsync(subscription.Build()).ConfigureAwait(false);
    }
}
