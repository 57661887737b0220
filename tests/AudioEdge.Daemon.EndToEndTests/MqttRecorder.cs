using System.Buffers;
using System.Diagnostics;
using System.Text;
using AudioEdge.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// An MQTTnet client standing in for Home Assistant: subscribes (QoS 1), records every message it receives with its
/// retain flag, and lets a test wait for a condition. Optionally a persistent session, so QoS 1 messages published
/// while it is disconnected (a broker restart) are queued for it by the broker.
/// </summary>
internal sealed class MqttRecorder : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly List<ReceivedMessage> _messages = [];
    private readonly MosquittoBroker _broker;
    private readonly string _clientId = $"e2e-recorder-{Guid.NewGuid():N}";
    private readonly bool _persistent;
    private readonly string[] _filters;
    private IMqttClient? _client;

    private MqttRecorder(MosquittoBroker broker, string[] filters, bool persistent)
    {
        _broker = broker;
        _filters = filters;
        _persistent = persistent;
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

    /// <summary>Connects to the broker's plain listener and subscribes to <paramref name="filters"/>.</summary>
    public static async Task<MqttRecorder> ConnectAsync(MosquittoBroker broker, string[] filters, bool persistent = false)
    {
        var recorder = new MqttRecorder(broker, filters, persistent);
        await recorder.ConnectAsync().ConfigureAwait(false);
        return recorder;
    }

    /// <summary>
    /// The retained message on <paramref name="topic"/> as a new subscriber gets it now (a fresh connection, so it is
    /// what the broker holds, not what this test saw earlier). Fails if none arrives within the timeout.
    /// </summary>
    public static async Task<string> RetainedAsync(MosquittoBroker broker, string topic)
    {
        await using MqttRecorder probe = await ConnectAsync(broker, [topic]).ConfigureAwait(false);
        IReadOnlyList<ReceivedMessage> messages = await probe.WaitForAsync(m => m.Any(x => x.Topic == topic), $"the retained message on {topic}").ConfigureAwait(false);
        ReceivedMessage retained = messages.First(x => x.Topic == topic);
        Assert.That(retained.Retain, Is.True, $"{topic} is delivered on subscription, so it must carry the retain flag");
        return retained.Text;
    }

    /// <summary>Connects again with the same client id; a persistent session receives what was queued meanwhile.</summary>
    public async Task ReconnectAsync()
    {
        _client?.Dispose();
        await ConnectAsync().ConfigureAwait(false);
    }

    /// <summary>Publishes a command (QoS 1, not retained) and checks the broker took it.</summary>
    public async Task PublishAsync(string topic, byte[] payload)
    {
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        MqttClientPublishResult result = await _client!.PublishAsync(message).ConfigureAwait(false);
        Assert.That(result.IsSuccess, Is.True, $"the broker refused the test's publish on {topic}: {result.ReasonCode}");
    }

    /// <summary>Publishes UTF-8 text.</summary>
    public Task PublishAsync(string topic, string payload) => PublishAsync(topic, Encoding.UTF8.GetBytes(payload));

    /// <summary>Messages on <paramref name="topic"/>, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> On(string topic) => [.. Messages.Where(m => m.Topic == topic)];

    /// <summary>Waits until <paramref name="condition"/> holds for the messages received so far; fails the test on timeout.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> WaitForAsync(
        Func<IReadOnlyList<ReceivedMessage>, bool> condition, string what, TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? DefaultTimeout;
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            IReadOnlyList<ReceivedMessage> messages = Messages;
            if (condition(messages))
            {
                return messages;
            }

            if (elapsed.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds} s waiting for {what}; received {messages.Count}:\n{string.Join("\n", messages.TakeLast(30))}");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true })
        {
            try
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The broker is already gone.
            }
        }

        _client?.Dispose();
    }

    public override string ToString() => $"recorder of {string.Join(", ", _filters)}";

    private async Task ConnectAsync()
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_messages)
            {
                _messages.Add(new ReceivedMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain, DateTime.UtcNow));
            }

            return Task.CompletedTask;
        };
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithClientId(_clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(5));
        options = _persistent ? options.WithCleanStart(false).WithSessionExpiryInterval(3600) : options.WithCleanStart(true);
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
