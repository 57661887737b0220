using System.Buffers;
using AudioEdge.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AudioEdge.Mqtt.Tests;

/// <summary>
/// An MQTTnet client standing in for Home Assistant or any consumer: records everything it receives and lets a test
/// wait for a condition. Optionally a persistent session, so QoS 1 messages published while it is away (or while the
/// broker restarts) are queued for it.
/// </summary>
internal sealed class TestSubscriber : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly List<ReceivedMessage> _messages = [];
    private readonly MosquittoBroker _broker;
    private readonly string _clientId;
    private readonly bool _persistent;
    private readonly string? _username;
    private readonly string? _password;
    private readonly string[] _filters;
    private IMqttClient? _client;

    private TestSubscriber(MosquittoBroker broker, string clientId, bool persistent, string? username, string? password, string[] filters)
    {
        _broker = broker;
        _clientId = clientId;
        _persistent = persistent;
        _username = username;
        _password = password;
        _filters = filters;
    }

    public static async Task<TestSubscriber> ConnectAsync(MosquittoBroker broker, params string[] filters) =>
        await ConnectAsync(broker, filters, persistent: false).ConfigureAwait(false);

    public static async Task<TestSubscriber> ConnectAsync(
        MosquittoBroker broker, string[] filters, bool persistent, string? username = null, string? password = null)
    {
        var subscriber = new TestSubscriber(broker, $"test-subscriber-{Guid.NewGuid():N}", persistent, username, password, filters);
        await subscriber.ReconnectAsync().ConfigureAwait(false);
        MqttClientSubscribeOptionsBuilder subscription = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        foreach (string filter in filters)
        {
            subscription.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
        }

        await subscriber._client!.SubscribeAsync(subscription.Build()).ConfigureAwait(false);
        return subscriber;
    }

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Connects again (same client id); a persistent session gets what was queued meanwhile.</summary>
    public async Task ReconnectAsync()
    {
        _client?.Dispose();
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_messages)
            {
                _messages.Add(new ReceivedMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            }

            return Task.CompletedTask;
        };
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithClientId(_clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(5));
        options = _persistent
            ? options.WithCleanStart(false).WithSessionExpiryInterval(3600)
            : options.WithCleanStart(true);
        if (_username is not null)
        {
            options.WithCredentials(_username, _password);
        }

        await client.ConnectAsync(options.Build()).ConfigureAwait(false);
        _client = client;
    }

    /// <summary>Drops the connection cleanly (a persistent session stays on the broker).</summary>
    public async Task DisconnectAsync()
    {
        if (_client is { IsConnected: true })
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }
    }

    public async Task PublishAsync(string topic, string payload, bool retain = false)
    {
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        MqttClientPublishResult result = await _client!.PublishAsync(message).ConfigureAwait(false);
        Assert.That(result.IsSuccess, Is.True, $"test publish on {topic} refused: {result.ReasonCode}");
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the messages received so far; fails the test on timeout.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> WaitForAsync(
        Func<IReadOnlyList<ReceivedMessage>, bool> condition, string what, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            IReadOnlyList<ReceivedMessage> messages = Messages;
            if (condition(messages))
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}; received {messages.Count}: {string.Join(" | ", messages.TakeLast(10))}");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Messages on <paramref name="topic"/>.</summary>
    public IReadOnlyList<ReceivedMessage> On(string topic) => [.. Messages.Where(m => m.Topic == topic)];

    public void Clear()
    {
        lock (_messages)
        {
            _messages.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        _client?.Dispose();
    }

    public override string ToString() => $"subscriber to {string.Join(", ", _filters)}";
}
