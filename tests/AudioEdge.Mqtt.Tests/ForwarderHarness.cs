using System.Text;
using AudioEdge.EventStore;
using AudioEdge.Testing;

namespace AudioEdge.Mqtt.Tests;

/// <summary>
/// A forwarder over a fresh outbox in a temporary folder, running in the background, with its log captured and the
/// commands it received recorded. Disposing stops it (cleanly) and prints the log if the test failed.
/// </summary>
internal sealed class ForwarderHarness : IAsyncDisposable
{
    /// <summary>How long <see cref="WaitUntilAsync"/> waits by default.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);

    public static readonly DeviceIdentity Device = new("kitchen-1", "Kitchen", "audioedge-cnn@0.1.0", "0.1.0", "https://example.org/audioedge");

    private readonly string _directory;
    private readonly List<DeviceCommand> _commands = [];
    private readonly Func<DeviceCommand, CommandReply> _handler;
    private Task? _run;

    private ForwarderHarness(MqttOptions options, Func<DeviceCommand, CommandReply>? handler)
    {
        _directory = Directory.CreateTempSubdirectory("audioedge-forwarder-").FullName;
        Outbox = DurableOutbox.Open(new OutboxOptions { Path = Path.Combine(_directory, "outbox.db") });
        _handler = handler ?? (command => new CommandReply(true, $"{command.Name} done"));
        Forwarder = new MqttForwarder(options, Device, Outbox, HandleAsync, Log, timeProvider: null, random: new Random(4));
    }

    public DurableOutbox Outbox { get; }

    public MqttForwarder Forwarder { get; }

    public CapturingLogger Log { get; } = new();

    public MqttTopics Topics => Forwarder.Topics;

    public IReadOnlyList<DeviceCommand> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Options for a broker's plain listener with the short timings tests need.</summary>
    public static MqttOptions OptionsFor(MosquittoBroker broker, int? port = null) => new()
    {
        Host = broker.Host,
        Port = port ?? broker.Port,
        KeepAliveSeconds = 5,
        TimeoutSeconds = 5,
        ReconnectMinDelaySeconds = 0.05,
        ReconnectMaxDelaySeconds = 0.4,
    };

    public static ForwarderHarness Create(MqttOptions options, Func<DeviceCommand, CommandReply>? handler = null) => new(options, handler);

    public static ForwarderHarness Start(MqttOptions options, Func<DeviceCommand, CommandReply>? handler = null)
    {
        var harness = new ForwarderHarness(options, handler);
        harness.Run();
        return harness;
    }

    public void Run() => _run = Task.Run(() => Forwarder.RunAsync(CancellationToken.None));

    /// <summary>Enqueues an alarm event with a fresh id and returns the id.</summary>
    public string EnqueueEvent()
    {
        string id = Guid.CreateVersion7().ToString();
        Outbox.Enqueue(Topics.Event, Encoding.UTF8.GetBytes($"{{\"event_id\":\"{id}\"}}"), retain: false, MessageClass.Alarm);
        return id;
    }

    public Task WaitUntilConnectedAsync() => WaitUntilAsync(() => Forwarder.IsConnected, "the forwarder to connect");

    public Task WaitUntilOutboxEmptyAsync() => WaitUntilAsync(() => Outbox.Counts.Total == 0, "the outbox to empty");

    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? WaitTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}. Forwarder log:{Environment.NewLine}{Log.Text}");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Forwarder.DisposeAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        Outbox.Dispose();

        // Shown by the runner only for failing tests (and in the TRX), so a failure explains itself.
        await TestContext.Out.WriteLineAsync($"Forwarder log:{Environment.NewLine}{Log.Text}").ConfigureAwait(false);

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task<CommandReply> HandleAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        lock (_commands)
        {
            _commands.Add(command);
        }

        return Task.FromResult(_handler(command));
    }
}
