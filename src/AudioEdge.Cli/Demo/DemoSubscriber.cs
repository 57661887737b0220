using System.Collections.Concurrent;
using System.Text;
using MQTTnet;

namespace AudioEdge.Cli.Demo;

/// <summary>What a Home Assistant or any MQTT consumer would see: subscribed to everything, printing each message.</summary>
internal sealed class DemoSubscriber : IAsyncDisposable
{
    private const int MaxShown = 150;

    private readonly IMqttClient _client;
    private readonly TextWriter _output;
    private readonly Lock _writeLock = new();

    private DemoSubscriber(IMqttClient client, TextWriter output)
    {
        _client = client;
        _output = output;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            string topic = e.ApplicationMessage.Topic;
            string payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
            Messages.Enqueue((topic, payload));
            // Discovery configs are long and alike: their start is enough. Everything else is shown whole.
            bool discovery = topic.StartsWith("homeassistant/", StringComparison.Ordinal);
            string shown = discovery && payload.Length > MaxShown ? payload[..MaxShown] + $"… ({payload.Length} bytes)" : payload;
            lock (_writeLock)
            {
                _output.WriteLine($"  {topic}{(e.ApplicationMessage.Retain ? " (retained)" : string.Empty)}");
                _output.WriteLine($"      {shown}");
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Every message received, in order.</summary>
    public ConcurrentQueue<(string Topic, string Payload)> Messages { get; } = new();

    public static async Task<DemoSubscriber> ConnectAsync(int port, TextWriter output, CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        IMqttClient client = factory.CreateMqttClient();
        var subscriber = new DemoSubscriber(client, output);
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("audioedge-demo-subscriber").Build(), cancellationToken)
            .ConfigureAwait(false);
        await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter("#", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken)
            .ConfigureAwait(false);
        return subscriber;
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
