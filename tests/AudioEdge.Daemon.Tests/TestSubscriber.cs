using System.Buffers;
using AudioEdge.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AudioEdge.Daemon.Tests;

/// <summary>
/// An MQTTnet client standing in for Home Assistant: records everything it receives on its filters, publishes
/// commands, and lets a test wait (polling, with a timeout) for a condition on what arrived.
/// </summary>
internal sealed class TestSubscriber : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly List<ReceivedMessage> _messages = [];
    private readonly IMqttClient _client;

    private TestSubscriber(IMqttClient client) => _client = client;

    /// <summary>Connects to the broker and subscribes (QoS 1) to <paramref name="filters"/>; retained messages arrive first.</summary>
    public static async Task<TestSubscriber> ConnectAsync(MosquittoBroker broker, params string[] filters)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var subscriber = new TestSubscriber(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (subscriber._messages)
            {
                subscriber._messages.Add(new ReceivedMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            }

            return Task.CompletedTask;
        };
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId($"daemon-test-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        await client.ConnectAsync(options).ConfigureAwait(false);
        MqttClientSubscribeOptionsBuilder subscription = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        foreach (string filter in filters)
        {
            subscription.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
        }

        await client.SubscribeAsync(subscription.Build()).ConfigureAwait(false);
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

    /// <summary>Messages on <paramref name="topic"/>, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> On(string topic) => [.. Messages.Where(m => m.Topic == topic)];

    public async Task PublishAsync(string topic, string payload)
    {
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        MqttClientPublishResult result = await _client.PublishAsync(message).ConfigureAwait(false);
        Assert.That(result.IsSuccess, Is.True, $"test publish on {topic} refused: {result.ReasonCode}");
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the messages so far; fails the test on timeout.</summary>
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
                Assert.Fail($"timed out waiting for {what}; received {messages.Count}: {string.Join(" | ", messages.TakeLast(12))}");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the first message on <paramref name="topic"/> that satisfies <paramref name="match"/>.</summary>
    public async Task<ReceivedMessage> WaitForMessageAsync(string topic, Func<ReceivedMessage, bool> match, string what, TimeSpan? timeout = null)
    {
        IReadOnlyList<ReceivedMessage> messages = await WaitForAsync(m => m.Any(x => x.Topic == topic && match(x)), what, timeout).ConfigureAwait(false);
        return messages.First(x => x.Topic == topic && match(x));
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }

        _client.Dispose();
    }
}
