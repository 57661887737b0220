using Microsoft.Extensions.Logging;

namespace AudioEdge.Mqtt;

/// <summary>
/// The forwarder's log lines: one line each, readable in journald without context, never containing a password,
/// key material or an unsanitized payload.
/// </summary>
internal static partial class MqttForwarderLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Connected to MQTT broker {Endpoint} as {ClientId} ({Transport}); {Pending} message(s) waiting in the outbox")]
    public static partial void Connected(ILogger logger, string endpoint, string clientId, string transport, int pending);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Cannot connect to MQTT broker {Endpoint} (attempt {Attempt}): {Reason}; retrying in {DelaySeconds:F1} s")]
    public static partial void ConnectFailed(ILogger logger, string endpoint, int attempt, string reason, double delaySeconds);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Connection to MQTT broker {Endpoint} lost: {Reason}; reconnecting in {DelaySeconds:F1} s ({Pending} message(s) waiting in the outbox)")]
    public static partial void ConnectionLost(ILogger logger, string endpoint, string reason, double delaySeconds, int pending);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Disconnected from MQTT broker {Endpoint} (clean stop, availability set to offline)")]
    public static partial void Stopped(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Clean disconnect from MQTT broker {Endpoint} failed: {Reason}; the broker will publish the last will instead")]
    public static partial void StopFailed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "Delivered outbox message {Sequence} to {Topic}")]
    public static partial void Delivered(ILogger logger, long sequence, string topic);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Outbox drained: {Count} queued message(s) delivered to the broker")]
    public static partial void Drained(ILogger logger, int count);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Broker refused outbox message {Sequence} on {Topic}: {ReasonCode}{ReasonString}; it stays in the outbox (attempt {Attempt})")]
    public static partial void PublishRefused(ILogger logger, long sequence, string topic, string reasonCode, string reasonString, int attempt);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "Publishing outbox message {Sequence} on {Topic} failed: {Reason}; it stays in the outbox (attempt {Attempt})")]
    public static partial void PublishFailed(ILogger logger, long sequence, string topic, string reason, int attempt);

    [LoggerMessage(EventId = 114, Level = LogLevel.Error, Message = "Outbox error while forwarding: {Reason}")]
    public static partial void OutboxFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Home Assistant announced online; republishing availability and discovery")]
    public static partial void HomeAssistantOnline(ILogger logger);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Subscription to {Filter} refused by the broker ({ResultCode}); {Consequence}")]
    public static partial void SubscriptionRefused(ILogger logger, string filter, string resultCode, string consequence);

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Command {Command} (request {RequestId}) done: ok={Ok}, {Reply}")]
    public static partial void CommandHandled(ILogger logger, string command, string requestId, bool ok, string reply);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "Rejected command on {Topic}: {Error}; payload {Payload}")]
    public static partial void CommandRejected(ILogger logger, string topic, string error, string payload);

    [LoggerMessage(EventId = 132, Level = LogLevel.Warning, Message = "Ignored retained command on {Topic}: commands must be published without the retain flag")]
    public static partial void RetainedCommandIgnored(ILogger logger, string topic);

    [LoggerMessage(EventId = 133, Level = LogLevel.Error, Message = "Command {Command} (request {RequestId}) failed in its handler: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string command, string requestId, string reason);

    [LoggerMessage(EventId = 134, Level = LogLevel.Warning, Message = "Dropped command on {Topic}: {Waiting} commands are already waiting")]
    public static partial void CommandDropped(ILogger logger, string topic, int waiting);

    [LoggerMessage(EventId = 135, Level = LogLevel.Warning, Message = "Could not publish the response on {Topic}: {Reason}")]
    public static partial void ResponseFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 140, Level = LogLevel.Warning, Message = "Mqtt:Tls:AllowUntrustedCertificates is on: the broker's certificate is not checked, so anyone on the network path can read alarms and send commands")]
    public static partial void UntrustedCertificatesAllowed(ILogger logger);

    [LoggerMessage(EventId = 141, Level = LogLevel.Warning, Message = "Mqtt:Username is set without TLS: the password crosses the network in clear text")]
    public static partial void CredentialsWithoutTls(ILogger logger);
}
