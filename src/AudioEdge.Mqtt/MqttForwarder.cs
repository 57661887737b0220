using System.Buffers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using AudioEdge.EventStore;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AudioEdge.Mqtt;

/// <summary>
/// Moves the durable outbox to the broker and answers commands. One connection at a time (MQTT 5, QoS 1):
/// connect with last will <c>offline</c> (retained), publish <c>online</c> (retained) and the Home Assistant discovery,
/// subscribe to <c>homeassistant/status</c> and the command topics, then drain the outbox oldest first and wait for new
/// messages. A message leaves the outbox only after the broker's PUBACK reported success; anything else leaves it
/// queued, counts an attempt and reconnects after an exponential backoff with jitter. An unreachable broker is never
/// fatal: the forwarder keeps trying until stopped, and everything enqueued meanwhile is delivered once it answers.
/// </summary>
public sealed class MqttForwarder : IAsyncDisposable
{
    private const int DrainBatchSize = 32;
    private const int MaxWaitingInbound = 16;

    // Asks the broker (MQTT 5 Maximum Packet Size) not to send anything bigger, so a huge message on a command topic
    // costs the device nothing; commands are at most 1 KiB anyway.
    private const int MaxIncomingPacketBytes = 64 * 1024;

    // A connection that dies sooner than this does not reset the backoff: two devices sharing a client id, or a broker
    // that drops us right after CONNACK, must not turn into a reconnect loop at the minimum delay.
    private static readonly TimeSpan StableConnectionTime = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan DisposeStopTimeout = TimeSpan.FromSeconds(5);
    private static readonly byte[] OnlinePayload = "online"u8.ToArray();
    private static readonly byte[] OfflinePayload = "offline"u8.ToArray();
    private static readonly JsonWriterOptions ResponseWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly MqttOptions _options;
    private readonly DurableOutbox _outbox;
    private readonly Func<DeviceCommand, CancellationToken, Task<CommandReply>> _commandHandler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly MqttTopics _topics;
    private readonly IReadOnlyList<DiscoveryMessage> _discovery;
    private readonly string _statusTopic;
    private readonly string _clientId;
    private readonly string _endpoint;
    private readonly ReconnectBackoff _backoff;
    private readonly Channel<bool> _wake;
    private readonly CancellationTokenSource _stopping = new();
    private readonly MqttClientFactory _factory = new();
    private readonly MqttForwarderStatistics _statistics = new();

    private int _runStarted;
    private TaskCompletionSource? _runCompletion;
    private IMqttClient? _client;
    private ServerCertificateValidator? _certificateValidator;
    private X509Certificate2? _clientCertificate;
    private volatile bool _ready;
    private bool _disposed;
    private bool _stoppingDisposed;

    /// <summary>Creates a forwarder; nothing connects until <see cref="RunAsync"/>.</summary>
    /// <param name="options">Broker and topics; must pass <see cref="MqttOptions.Validate"/>.</param>
    /// <param name="device">Identity for topics and discovery.</param>
    /// <param name="outbox">The queue to drain; the forwarder never disposes it.</param>
    /// <param name="commandHandler">Carries out a valid command; its reply is published on the command's response topic.</param>
    /// <param name="logger">Where connection changes, refusals and commands are logged.</param>
    /// <param name="timeProvider">Clock for backoff delays; null: the system clock.</param>
    /// <exception cref="ArgumentException">The options or the device id are invalid.</exception>
    public MqttForwarder(
        MqttOptions options,
        DeviceIdentity device,
        DurableOutbox outbox,
        Func<DeviceCommand, CancellationToken, Task<CommandReply>> commandHandler,
        ILogger<MqttForwarder> logger,
        TimeProvider? timeProvider = null)
        : this(options, device, outbox, commandHandler, logger, timeProvider, random: null)
    {
    }

    internal MqttForwarder(
        MqttOptions options,
        DeviceIdentity device,
        DurableOutbox outbox,
        Func<DeviceCommand, CancellationToken, Task<CommandReply>> commandHandler,
        ILogger logger,
        TimeProvider? timeProvider,
        Random? random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(commandHandler);
        ArgumentNullException.ThrowIfNull(logger);
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid MQTT options: {string.Join(" ", problems)}", nameof(options));
        }

        _options = options;
        _outbox = outbox;
        _commandHandler = commandHandler;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _topics = new MqttTopics(options.TopicPrefix, device.DeviceId);
        _discovery = options.DiscoveryEnabled ? HomeAssistantDiscovery.Build(device, _topics, options.DiscoveryPrefix) : [];
        _statusTopic = HomeAssistantDiscovery.StatusTopic(options.DiscoveryPrefix);
        _clientId = options.EffectiveClientId(device.DeviceId);
        _endpoint = $"{options.Host}:{options.Port}";
        _backoff = new ReconnectBackoff(options.ReconnectMinDelaySeconds, options.ReconnectMaxDelaySeconds, random);
        _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        _outbox.MessageEnqueued += OnMessageEnqueued;
    }

    /// <summary>True while connected with birth, discovery and subscriptions done (messages are being forwarded).</summary>
    public bool IsConnected => _ready;

    /// <summary>Counters since creation.</summary>
    public MqttForwarderStatistics Statistics => _statistics;

    /// <summary>The topics of this device.</summary>
    public MqttTopics Topics => _topics;

    /// <summary>
    /// Connects, forwards and reconnects until <paramref name="cancellationToken"/> is cancelled or
    /// <see cref="StopAsync"/> is called; then returns (without throwing) and leaves the connection, if any, for
    /// <see cref="StopAsync"/> to close cleanly. Can be called once.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _runStarted, 1) != 0)
        {
            throw new InvalidOperationException("RunAsync can be called only once per MqttForwarder.");
        }

        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runCompletion = completion;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        CancellationToken token = run.Token;
        try
        {
            WarnAboutInsecureSettings();
            int failures = 0;
            while (!token.IsCancellationRequested)
            {
                ConnectionOutcome outcome = await ConnectAndServeAsync(token).ConfigureAwait(false);
                if (token.IsCancellationRequested)
                {
                    break;
                }

                TimeSpan delay;
                if (outcome.WasConnected)
                {
                    failures = outcome.Healthy ? 0 : failures + 1;
                    delay = _backoff.Delay(failures);
                    MqttForwarderLog.ConnectionLost(_logger, _endpoint, outcome.Reason, delay.TotalSeconds, PendingCount());
                }
                else
                {
                    delay = _backoff.Delay(failures);
                    failures++;
                    MqttForwarderLog.ConnectFailed(_logger, _endpoint, failures, outcome.Reason, delay.TotalSeconds);
                }

                try
                {
                    await Task.Delay(delay, _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        finally
        {
            completion.TrySetResult();
        }
    }

    /// <summary>
    /// Ends <see cref="RunAsync"/>, then publishes <c>offline</c> (retained) and disconnects with a normal DISCONNECT,
    /// so the broker does not publish the last will. Messages still queued stay in the outbox for the next start.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stoppingDisposed)
        {
            return; // disposed: already stopped
        }

        bool wasConnected = _client is { IsConnected: true };
        await _stopping.CancelAsync().ConfigureAwait(false);
        TaskCompletionSource? run = _runCompletion;
        if (run is not null)
        {
            await run.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        IMqttClient? client = _client;
        if (wasConnected && client is not { IsConnected: true })
        {
            // Cancelling the run loop in the middle of an MQTT operation (e.g. discovery right after connecting) can
            // close the connection under it; a short connection of our own still says goodbye, so a clean stop
            // never looks like a crash (retained "online" left behind, or the last will's "offline" only after
            // the keep-alive runs out).
            client = await ReconnectToSayGoodbyeAsync(cancellationToken).ConfigureAwait(false);
        }

        if (client is { IsConnected: true })
        {
            try
            {
                await PublishAsync(client, _topics.Availability, OfflinePayload, retain: true, cancellationToken).ConfigureAwait(false);
                await client.DisconnectAsync(
                    new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(),
                    cancellationToken).ConfigureAwait(false);
                MqttForwarderLog.Stopped(_logger, _endpoint);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                MqttForwarderLog.StopFailed(_logger, _endpoint, LogText.Exception(ex));
            }
        }

        DisposeConnection();
    }

    private async Task<IMqttClient?> ReconnectToSayGoodbyeAsync(CancellationToken cancellationToken)
    {
        DisposeConnection();
        IMqttClient client = _factory.CreateMqttClient();
        _client = client;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            MqttClientConnectResult result = await client.ConnectAsync(BuildClientOptions(), timeout.Token).ConfigureAwait(false);
            return result.ResultCode == MqttClientConnectResultCode.Success ? client : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            MqttForwarderLog.StopFailed(_logger, _endpoint, LogText.Exception(ex));
            return null;
        }
    }

    /// <summary>Stops as <see cref="StopAsync"/> would (within a few seconds) and releases everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _outbox.MessageEnqueued -= OnMessageEnqueued;
        using (var timeout = new CancellationTokenSource(DisposeStopTimeout))
        {
            try
            {
                await StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                DisposeConnection();
            }
        }

        _stoppingDisposed = true;
        _stopping.Dispose();
    }

    private async Task<ConnectionOutcome> ConnectAndServeAsync(CancellationToken token)
    {
        DisposeConnection();
        IMqttClient client = _factory.CreateMqttClient();
        var inbound = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(MaxWaitingInbound)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        // Not disposed: MQTTnet may raise DisconnectedAsync after this method returned (on StopAsync's disconnect).
        var lost = new CancellationTokenSource();
        var lostReason = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e => OnMessageReceived(e, inbound.Writer);
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                // Only note it here: reconnecting from inside MQTTnet's event would race its own cleanup.
                lostReason.TrySetResult(DescribeDisconnect(e));
                _ready = false;
                try
                {
                    lost.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // This connection is long over.
                }
            }

            return Task.CompletedTask;
        };
        _client = client;

        long connectedAt = 0;
        try
        {
            MqttClientOptions clientOptions = BuildClientOptions();
            MqttClientConnectResult result = await client.ConnectAsync(clientOptions, token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                _statistics.OnConnectFailed();
                return ConnectionOutcome.Failed($"the broker refused the connection ({result.ResultCode})");
            }

            connectedAt = _time.GetTimestamp();
            _statistics.OnConnected();
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(token, lost.Token);
            string refusal = await ServeAsync(client, inbound.Reader, connection.Token, token).ConfigureAwait(false);

            // The broker answered but refused a message: start over on a fresh connection after a backoff, as the
            // refusal may be a transient quota or an ACL an operator is about to fix.
            await DisconnectQuietlyAsync(client).ConfigureAwait(false);
            _statistics.OnConnectionLost();
            return ConnectionOutcome.Lost(refusal, healthy: false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return ConnectionOutcome.Cancelled;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (connectedAt == 0)
            {
                _statistics.OnConnectFailed();
                return ConnectionOutcome.Failed(DescribeConnectFailure(ex));
            }

            _statistics.OnConnectionLost();
            string reason = await LostReasonAsync(client, lostReason.Task, ex).ConfigureAwait(false);
            if (ex is OutboxException)
            {
                MqttForwarderLog.OutboxFailed(_logger, reason);
                reason = "outbox error (see above)";
            }

            bool healthy = _time.GetElapsedTime(connectedAt) >= StableConnectionTime;
            if (client.IsConnected)
            {
                // An outbox error or a timed-out PUBACK on a connection that still looks open: drop it for a fresh one.
                await DisconnectQuietlyAsync(client).ConfigureAwait(false);
            }

            return ConnectionOutcome.Lost(reason, healthy);
        }
        finally
        {
            _ready = false;
        }
    }

    /// <summary>Birth, discovery, subscriptions, then forwarding until the connection ends; returns only when the broker refused a message.</summary>
    private async Task<string> ServeAsync(IMqttClient client, ChannelReader<InboundMessage> inbound, CancellationToken connectionToken, CancellationToken runToken)
    {
        await PublishAsync(client, _topics.Availability, OnlinePayload, retain: true, connectionToken).ConfigureAwait(false);
        await PublishDiscoveryAsync(client, connectionToken).ConfigureAwait(false);
        await SubscribeAsync(client, connectionToken).ConfigureAwait(false);
        _ready = true;
        int pending = PendingCount();
        MqttForwarderLog.Connected(_logger, _endpoint, _clientId, _options.Tls.Enabled ? "MQTT 5 over TLS" : "MQTT 5 over plain TCP", pending);

        using var serving = CancellationTokenSource.CreateLinkedTokenSource(connectionToken);
        Task commands = ProcessInboundAsync(client, inbound, serving.Token, runToken);
        try
        {
            return await DrainAsync(client, connectionToken).ConfigureAwait(false);
        }
        finally
        {
            await serving.CancelAsync().ConfigureAwait(false);
            try
            {
                await commands.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The command loop ends with the connection.
            }
        }
    }

    private async Task<string> DrainAsync(IMqttClient client, CancellationToken token)
    {
        int delivered = 0;
        while (true)
        {
            token.ThrowIfCancellationRequested();

            // Consume the wake-up before looking: an Enqueue after this point leaves a fresh signal, so nothing is missed.
            _wake.Reader.TryRead(out _);
            IReadOnlyList<OutboxMessage> batch = _outbox.PeekOldest(DrainBatchSize);
            if (batch.Count == 0)
            {
                if (delivered > 1)
                {
                    MqttForwarderLog.Drained(_logger, delivered);
                }

                delivered = 0;
                await _wake.Reader.WaitToReadAsync(token).ConfigureAwait(false);
                continue;
            }

            foreach (OutboxMessage message in batch)
            {
                string? refusal = await ForwardAsync(client, message, token).ConfigureAwait(false);
                if (refusal is not null)
                {
                    return refusal;
                }

                delivered++;
                if (message.Class == MessageClass.Telemetry && _wake.Reader.TryPeek(out _))
                {
                    // Something was enqueued meanwhile: look again, so a new alarm overtakes a telemetry backlog.
                    break;
                }
            }
        }
    }

    /// <summary>Publishes one outbox message; acknowledges it in the outbox only on a successful PUBACK. Returns a refusal reason or null.</summary>
    private async Task<string?> ForwardAsync(IMqttClient client, OutboxMessage message, CancellationToken token)
    {
        MqttApplicationMessage packet = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(message.Retain)
            .Build();

        MqttClientPublishResult result;
        try
        {
            result = await PublishWithTimeoutAsync(client, packet, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The broker may or may not have the message; it stays queued and is sent again (at least once).
            _statistics.OnPublishFailed();
            _outbox.RecordAttempt(message.Sequence);
            if (!token.IsCancellationRequested)
            {
                MqttForwarderLog.PublishFailed(_logger, message.Sequence, message.Topic, LogText.Exception(ex), message.Attempts + 1);
            }

            throw;
        }

        // With QoS 1 the result carries the PUBACK. NoMatchingSubscribers still means the broker took the message.
        if (result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
        {
            _outbox.Acknowledge(message.Sequence);
            _statistics.OnPublished();
            MqttForwarderLog.Delivered(_logger, message.Sequence, message.Topic);
            return null;
        }

        _statistics.OnPublishFailed();
        _outbox.RecordAttempt(message.Sequence);
        string reasonString = string.IsNullOrEmpty(result.ReasonString) ? string.Empty : $" ({LogText.Sanitize(result.ReasonString, 200)})";
        MqttForwarderLog.PublishRefused(_logger, message.Sequence, message.Topic, result.ReasonCode.ToString(), reasonString, message.Attempts + 1);
        return $"the broker refused outbox message {message.Sequence} on {message.Topic} ({result.ReasonCode})";
    }

    private async Task PublishDiscoveryAsync(IMqttClient client, CancellationToken token)
    {
        foreach (DiscoveryMessage message in _discovery)
        {
            await PublishAsync(client, message.Topic, message.Payload, retain: true, token).ConfigureAwait(false);
        }
    }

    private async Task SubscribeAsync(IMqttClient client, CancellationToken token)
    {
        // DoNotSendOnSubscribe: a retained command (or a retained Home Assistant status) is not replayed at every
        // reconnect. NoLocal: our own responses and availability never come back to us.
        MqttClientSubscribeOptions subscription = _factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(_topics.CommandFilter).WithAtLeastOnceQoS().WithNoLocal(true)
                .WithRetainHandling(MqttRetainHandling.DoNotSendOnSubscribe))
            .WithTopicFilter(f => f.WithTopic(_statusTopic).WithAtLeastOnceQoS().WithNoLocal(true)
                .WithRetainHandling(MqttRetainHandling.DoNotSendOnSubscribe))
            .Build();
        MqttClientSubscribeResult result;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(token))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            try
            {
                result = await client.SubscribeAsync(subscription, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (timeout.IsCancellationRequested && !token.IsCancellationRequested)
            {
                throw new TimeoutException($"no SUBACK within {_options.TimeoutSeconds} s", ex);
            }
        }

        foreach (MqttClientSubscribeResultItem item in result.Items)
        {
            if (item.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
            {
                string consequence = item.TopicFilter.Topic == _statusTopic
                    ? "discovery is not republished when Home Assistant restarts"
                    : "commands will not be received";
                MqttForwarderLog.SubscriptionRefused(_logger, item.TopicFilter.Topic, item.ResultCode.ToString(), consequence);
            }
        }
    }

    private Task OnMessageReceived(MqttApplicationMessageReceivedEventArgs e, ChannelWriter<InboundMessage> inbound)
    {
        // Runs on MQTTnet's receive loop: hand over and return at once. Publishing from here (the command's
        // response, with QoS 1) would wait for a PUBACK that this very loop has to read.
        MqttApplicationMessage message = e.ApplicationMessage;
        var copy = new InboundMessage(message.Topic, message.Payload.ToArray(), message.Retain);
        if (!inbound.TryWrite(copy))
        {
            _statistics.OnCommandRejected();
            MqttForwarderLog.CommandDropped(_logger, LogText.Sanitize(message.Topic, 200), MaxWaitingInbound);
        }

        return Task.CompletedTask;
    }

    private async Task ProcessInboundAsync(IMqttClient client, ChannelReader<InboundMessage> inbound, CancellationToken connectionToken, CancellationToken runToken)
    {
        // Commands are handled one at a time, in order; a flood waits in a small bounded queue and the excess is dropped.
        await foreach (InboundMessage message in inbound.ReadAllAsync(connectionToken).ConfigureAwait(false))
        {
            if (message.Topic == _statusTopic)
            {
                if (message.Payload.AsSpan().SequenceEqual(OnlinePayload))
                {
                    MqttForwarderLog.HomeAssistantOnline(_logger);
                    try
                    {
                        await PublishAsync(client, _topics.Availability, OnlinePayload, retain: true, connectionToken).ConfigureAwait(false);
                        await PublishDiscoveryAsync(client, connectionToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                    {
                        MqttForwarderLog.ResponseFailed(_logger, _statusTopic, LogText.Exception(ex));
                    }
                }

                continue;
            }

            string? name = _topics.TryGetCommandName(message.Topic);
            if (name is null)
            {
                continue;
            }

            try
            {
                await HandleCommandAsync(client, name, message, connectionToken, runToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException && !connectionToken.IsCancellationRequested)
            {
                // One bad command must not end command handling for the rest of the connection.
                MqttForwarderLog.CommandFailed(_logger, LogText.Sanitize(name, 64), "-", LogText.Exception(ex));
            }
        }
    }

    private async Task HandleCommandAsync(IMqttClient client, string name, InboundMessage message, CancellationToken connectionToken, CancellationToken runToken)
    {
        string topic = LogText.Sanitize(message.Topic, 200);
        if (message.Retain)
        {
            // A retained command is stored by the broker and delivered again on every subscription: a retained hush
            // would silence the device anew after each reconnect, indefinitely. Commands must be one-shot, so a
            // retained one is refused (without a reply, which would repeat at every reconnect too).
            _statistics.OnCommandRejected();
            MqttForwarderLog.RetainedCommandIgnored(_logger, topic);
            return;
        }

        CommandParseResult parsed = CommandParser.Parse(name, message.Payload);
        CommandReply reply;
        if (!parsed.IsValid)
        {
            _statistics.OnCommandRejected();
            MqttForwarderLog.CommandRejected(_logger, topic, parsed.Error, LogText.Payload(message.Payload));
            reply = new CommandReply(false, parsed.Error);
        }
        else
        {
            string requestId = parsed.RequestId ?? "-";
            try
            {
                // The run token, not the connection's: a hush must take effect even if the connection drops meanwhile.
                reply = await _commandHandler(parsed.Command, runToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException && !(ex is OperationCanceledException && runToken.IsCancellationRequested))
            {
                MqttForwarderLog.CommandFailed(_logger, parsed.Command.Name, requestId, LogText.Exception(ex));
                reply = new CommandReply(false, $"{parsed.Command.Name} failed: {LogText.Exception(ex)}");
            }

            _statistics.OnCommandHandled();
            string replyText = LogText.Sanitize(reply.Message, 200);
            MqttForwarderLog.CommandHandled(_logger, parsed.Command.Name, requestId, reply.Ok, replyText);
        }

        string responseTopic = message.Topic + "/response";
        try
        {
            byte[] payload = ResponsePayload(LogText.Sanitize(name, 64), parsed.RequestId, reply);
            await PublishAsync(client, responseTopic, payload, retain: false, connectionToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            MqttForwarderLog.ResponseFailed(_logger, LogText.Sanitize(responseTopic, 200), LogText.Exception(ex));
        }
    }

    private static byte[] ResponsePayload(string command, string? requestId, CommandReply reply)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ResponseWriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("command", command);
            if (requestId is null)
            {
                json.WriteNull("request_id");
            }
            else
            {
                json.WriteString("request_id", requestId);
            }

            json.WriteBoolean("ok", reply.Ok);
            json.WriteString("message", LogText.Sanitize(reply.Message, 500));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>QoS 1 publish that throws unless the broker acknowledged it.</summary>
    private async Task PublishAsync(IMqttClient client, string topic, byte[] payload, bool retain, CancellationToken token)
    {
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        MqttClientPublishResult result = await PublishWithTimeoutAsync(client, message, token).ConfigureAwait(false);
        if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
        {
            throw new InvalidOperationException($"the broker refused a message on {topic} ({result.ReasonCode})");
        }
    }

    /// <summary>
    /// Publishes and waits for the PUBACK at most <see cref="MqttOptions.TimeoutSeconds"/>. MQTTnet itself waits until
    /// the keep-alive notices a dead link (up to 1.5 keep-alive periods); a half-open Wi-Fi link should cost less.
    /// </summary>
    private async Task<MqttClientPublishResult> PublishWithTimeoutAsync(IMqttClient client, MqttApplicationMessage message, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            return await client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !token.IsCancellationRequested)
        {
            // MQTTnet reports the cancellation as its own timeout or as an OperationCanceledException.
            throw new TimeoutException($"no PUBACK within {_options.TimeoutSeconds} s", ex);
        }
    }

    private MqttClientOptions BuildClientOptions()
    {
        MqttClientOptionsBuilder builder = _factory.CreateClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true) // the outbox is the persistence; a broker session would only replay stale commands
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(_options.TimeoutSeconds))
            .WithMaximumPacketSize(MaxIncomingPacketBytes)
            .WithWillTopic(_topics.Availability)
            .WithWillPayload(OfflinePayload)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.Username is not null)
        {
            builder.WithCredentials(_options.Username, _options.Password is null ? null : Encoding.UTF8.GetBytes(_options.Password));
        }

        if (_options.Tls.Enabled)
        {
            MqttTlsOptions tls = _options.Tls;
            X509Certificate2Collection? roots = tls.CaFile is null ? null : LoadTlsFile("Mqtt:Tls:CaFile", () => ServerCertificateValidator.LoadRoots(tls.CaFile));
            _certificateValidator = new ServerCertificateValidator(_options.Host, roots, tls.AllowUntrustedCertificates);
            if (tls.ClientCertificateFile is not null && tls.ClientKeyFile is not null)
            {
                _clientCertificate = LoadTlsFile(
                    "Mqtt:Tls:ClientCertificateFile/ClientKeyFile",
                    () => X509Certificate2.CreateFromPemFile(tls.ClientCertificateFile, tls.ClientKeyFile));
            }

            ServerCertificateValidator validator = _certificateValidator;
            X509Certificate2? clientCertificate = _clientCertificate;
            builder.WithTlsOptions(o =>
            {
                o.UseTls(true);
                o.WithTargetHost(_options.Host);
                o.WithCertificateValidationHandler(e => validator.Validate(e.Certificate, e.Chain, e.SslPolicyErrors));
                if (clientCertificate is not null)
                {
                    o.WithClientCertificates([clientCertificate]);
                }

                if (roots is not null)
                {
                    o.WithRevocationMode(X509RevocationMode.NoCheck);
                }
            });
        }

        return builder.Build();
    }

    private static T LoadTlsFile<T>(string key, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // The messages name the file and the problem, never key material.
            throw new TlsSetupException($"cannot load {key}: {LogText.Exception(ex)}", ex);
        }
    }

    private string DescribeConnectFailure(Exception ex)
    {
        if (_certificateValidator?.LastFailure is string tls)
        {
            return $"TLS: {tls}";
        }

        if (ex is TlsSetupException)
        {
            return ex.Message;
        }

        string reason = LogText.Exception(ex);
        if (_options.Tls.Enabled && _options.Tls.ClientCertificateFile is null && DroppedAfterAccepting(ex))
        {
            // With TLS 1.3 a broker that demands a client certificate lets the handshake finish and then drops the
            // connection, which surfaces as a bare socket error; say what it most likely means.
            reason += "; if the broker requires client certificates, set Mqtt:Tls:ClientCertificateFile and ClientKeyFile";
        }

        return reason;
    }

    /// <summary>
    /// Why a working connection ended. A publish failing because the socket closed races MQTTnet's disconnect event;
    /// the event knows the real cause (reset, keep-alive timeout, the broker's DISCONNECT reason), so give it a moment.
    /// </summary>
    private static async Task<string> LostReasonAsync(IMqttClient client, Task<string> disconnected, Exception exception)
    {
        if (!disconnected.IsCompleted && !client.IsConnected)
        {
            await Task.WhenAny(disconnected, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        }

        return disconnected.IsCompletedSuccessfully ? disconnected.Result : LogText.Exception(exception);
    }

    /// <summary>True when the broker accepted the TCP connection and then dropped or reset it.</summary>
    private static bool DroppedAfterAccepting(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            // OpenSSL may also report the broker's TLS 1.3 "certificate required" alert while reading the first
            // record after the handshake ("... tlsv13 alert certificate required", in an inner OpenSSL exception).
            if (current is SocketException { SocketErrorCode: SocketError.NotConnected or SocketError.ConnectionReset or SocketError.ConnectionAborted }
                or AuthenticationException
                || current.Message.Contains("certificate required", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string DescribeDisconnect(MqttClientDisconnectedEventArgs e)
    {
        if (e.Reason == MqttClientDisconnectReason.NormalDisconnection && e.Exception is null && string.IsNullOrEmpty(e.ReasonString))
        {
            // MQTTnet reports a socket that simply closed (broker stopped, network cut) as a normal disconnection.
            return "the connection was closed by the broker or the network";
        }

        string reason = e.Reason.ToString();
        if (!string.IsNullOrEmpty(e.ReasonString))
        {
            reason += $" ({LogText.Sanitize(e.ReasonString, 200)})";
        }

        return e.Exception is null ? reason : $"{reason}: {LogText.Exception(e.Exception)}";
    }

    private static async Task DisconnectQuietlyAsync(IMqttClient client)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.DisconnectAsync(
                new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build(),
                timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Already gone; the client is disposed before the next attempt either way.
        }
    }

    private void DisposeConnection()
    {
        IMqttClient? client = Interlocked.Exchange(ref _client, null);
        client?.Dispose();
        _certificateValidator?.Dispose();
        _certificateValidator = null;
        _clientCertificate?.Dispose();
        _clientCertificate = null;
    }

    private void WarnAboutInsecureSettings()
    {
        if (_options.Tls.Enabled && _options.Tls.AllowUntrustedCertificates)
        {
            MqttForwarderLog.UntrustedCertificatesAllowed(_logger);
        }

        if (!_options.Tls.Enabled && _options.Username is not null)
        {
            MqttForwarderLog.CredentialsWithoutTls(_logger);
        }
    }

    private int PendingCount()
    {
        try
        {
            return _outbox.Counts.Total;
        }
        catch (OutboxException)
        {
            return -1;
        }
    }

    private void OnMessageEnqueued(object? sender, EventArgs e) => _wake.Writer.TryWrite(true);

    private sealed record InboundMessage(string Topic, byte[] Payload, bool Retain);

    private sealed record ConnectionOutcome(bool WasConnected, bool Healthy, string Reason)
    {
        public static ConnectionOutcome Cancelled { get; } = new(false, false, "stopped");

        public static ConnectionOutcome Failed(string reason) => new(false, false, reason);

        public static ConnectionOutcome Lost(string reason, bool healthy) => new(true, healthy, reason);
    }

    private sealed class TlsSetupException(string message, Exception inner) : Exception(message, inner);
}
