namespace AudioEdge.EventStore;

/// <summary>How a queued message is treated when the outbox is full or ordered for sending.</summary>
public enum MessageClass
{
    /// <summary>
    /// An alarm event, or an alarm state's ON/OFF transition (each one must be seen, even when both happened during
    /// an outage). Never dropped, never coalesced; sent before telemetry.
    /// </summary>
    Alarm = 0,

    /// <summary>
    /// A retained state value (attributes, problem). Never dropped; a newer message for the same topic replaces
    /// the pending one, because only the latest retained value matters. Sent before telemetry.
    /// </summary>
    State = 1,

    /// <summary>Periodic telemetry. Bounded by <see cref="OutboxOptions.MaxTelemetryMessages"/>: the oldest is dropped first.</summary>
    Telemetry = 2,
}
