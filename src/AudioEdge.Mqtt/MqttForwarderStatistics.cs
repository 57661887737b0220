namespace AudioEdge.Mqtt;

/// <summary>Counters of one <see cref="MqttForwarder"/> since it was created (for metrics); safe to read from any thread.</summary>
public sealed class MqttForwarderStatistics
{
    private long _published;
    private long _publishFailures;
    private long _connects;
    private long _connectFailures;
    private long _connectionsLost;
    private long _commandsHandled;
    private long _commandsRejected;

    /// <summary>Outbox messages the broker acknowledged (PUBACK) and that were removed from the outbox.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Outbox publishes that failed (connection lost before PUBACK, or a refusing reason code); they stay queued.</summary>
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>Successful connections.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Connection attempts that failed (unreachable, refused, TLS or authentication failure).</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Established connections that ended other than by <see cref="MqttForwarder.StopAsync"/>.</summary>
    public long ConnectionsLost => Interlocked.Read(ref _connectionsLost);

    /// <summary>Valid commands passed to the handler.</summary>
    public long CommandsHandled => Interlocked.Read(ref _commandsHandled);

    /// <summary>Commands refused: unknown, malformed, retained, or dropped because too many were waiting.</summary>
    public long CommandsRejected => Interlocked.Read(ref _commandsRejected);

    internal void OnPublished() => Interlocked.Increment(ref _published);

    internal void OnPublishFailed() => Interlocked.Increment(ref _publishFailures);

    internal void OnConnected() => Interlocked.Increment(ref _connects);

    internal void OnConnectFailed() => Interlocked.Increment(ref _connectFailures);

    internal void OnConnectionLost() => Interlocked.Increment(ref _connectionsLost);

    internal void OnCommandHandled() => Interlocked.Increment(ref _commandsHandled);

    internal void OnCommandRejected() => Interlocked.Increment(ref _commandsRejected);
}
