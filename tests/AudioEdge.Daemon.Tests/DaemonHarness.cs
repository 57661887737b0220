using System.Text.Json.Nodes;
using AudioEdge.Daemon.Configuration;
using AudioEdge.Mqtt;
using AudioEdge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Daemon.Tests;

/// <summary>
/// One in-process daemon for a test: options pointing at the shared mosquitto and a temporary outbox, the host
/// built by <see cref="DaemonHost.Build"/> with its log captured, and a subscriber to everything it publishes.
/// </summary>
internal sealed class DaemonHarness : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private bool _started;
    private bool _stopped;

    private DaemonHarness(DaemonOptions options)
    {
        Options = options;
        Topics = new MqttTopics(options.Mqtt.TopicPrefix, options.Device.Id);
    }

    public DaemonOptions Options { get; }

    public MqttTopics Topics { get; }

    public CapturedLog Log { get; } = new();

    public IHost Host { get; private set; } = null!;

    public MqttTestSubscriber Subscriber { get; private set; } = null!;

    public string DirectoryPath => _directory.Path;

    /// <summary>The discovery topics of this device: <c>homeassistant/binary_sensor/audioedge_&lt;id&gt;/+/config</c>.</summary>
    public string DiscoveryFilter => $"homeassistant/binary_sensor/audioedge_{Options.Device.Id}/+/config";

    /// <summary>Options for a daemon reading <paramref name="wav"/> (as fast as it goes unless <paramref name="realTime"/>).</summary>
    public static DaemonOptions CreateOptions(string wav, bool realTime = false)
    {
        var options = new DaemonOptions();
        options.Device.Id = "test-" + Guid.NewGuid().ToString("N")[..12];
        options.Audio.Source = AudioSourceKind.File;
        options.Audio.File = wav;
        options.Audio.RealTime = realTime;
        MosquittoBroker broker = SharedBroker.Broker;
        options.Mqtt.Host = broker.Host;
        options.Mqtt.Port = broker.Port;
        options.Mqtt.ReconnectMinDelaySeconds = 1;
        return options;
    }

    /// <summary>
    /// Builds the host (outbox in a temporary folder unless <paramref name="configure"/> sets one), connects the
    /// subscriber, then starts the host.
    /// </summary>
    public static async Task<DaemonHarness> StartAsync(
        DaemonOptions options, Action<IServiceCollection>? configureServices = null, Action<DaemonHarness>? configure = null)
    {
        var harness = new DaemonHarness(options);
        try
        {
            options.Outbox.Path = Path.Combine(harness._directory.Path, "outbox.db");
            configure?.Invoke(harness);
            Assert.That(options.Validate(), Is.Empty, "test options");
            harness.Host = DaemonHost.Build(
                options,
                logging =>
                {
                    logging.ClearProviders();
                    logging.AddProvider(harness.Log);
                    logging.SetMinimumLevel(LogLevel.Debug);
                },
                configureServices);
            harness.Subscriber = await MqttTestSubscriber.ConnectAsync(SharedBroker.Broker, $"{options.Mqtt.TopicPrefix}/{options.Device.Id}/#", harness.DiscoveryFilter)
                .ConfigureAwait(false);
            await harness.Host.StartAsync().ConfigureAwait(false);
            harness._started = true;
            return harness;
        }
        catch
        {
            await harness.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>Sends a command as Home Assistant would and waits for the reply on its response topic.</summary>
    public async Task<CommandResponse> CommandAsync(string name, string payload, TimeSpan? timeout = null)
    {
        string requestId = Guid.NewGuid().ToString("N");
        JsonObject json = JsonNode.Parse(payload)!.AsObject();
        json["request_id"] = requestId;
        string body = json.ToJsonString();
        await Subscriber.PublishAsync(Topics.Command(name), body).ConfigureAwait(false);
        MqttReceivedMessage reply = await Subscriber.WaitForMessageAsync(
            Topics.Response(name), m => m.Text.Contains(requestId, StringComparison.Ordinal), $"the reply to {name} {body}", timeout ?? TimeSpan.FromSeconds(30))
            .ConfigureAwait(false);
        return CommandResponse.Parse(reply.Text);
    }

    public async Task StopAsync()
    {
        if (_started && !_stopped)
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await Host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            if (Subscriber is not null)
            {
                await Subscriber.DisposeAsync().ConfigureAwait(false);
            }

            Host?.Dispose();
            _directory.Dispose();
        }
    }
}
