namespace AudioEdge.EventStore;

/// <summary>A message waiting in the <see cref="DurableOutbox"/> until the broker acknowledges it.</summary>
/// <param name="Sequence">Unique, increasing over the life of the database (never reused, also across restarts).</param>
/// <param name="Topic">The MQTT topic to publish to.</param>
/// <param name="Payload">The payload bytes, exactly as enqueued.</param>
/// <param name="Retain">Whether to publish with the retain flag.</param>
/// <param name="Class">Ordering and drop policy.</param>
/// <param name="EnqueuedAt">When it was enqueued (UTC, millisecond precision).</param>
/// <param name="Attempts">How many publish attempts were recorded with <see cref="DurableOutbox.RecordAttempt"/>.</param>
public sealed record OutboxMessage(
    long Sequence,
    string Topic,
    byte[] Payload,
    bool Retain,
    MessageClass Class,
    DateTimeOffset EnqueuedAt,
    int Attempts);
