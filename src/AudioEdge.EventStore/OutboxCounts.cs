namespace AudioEdge.EventStore;

/// <summary>What the outbox holds right now, per class, and how much telemetry it has ever dropped.</summary>
/// <param name="Alarm">Pending alarm messages.</param>
/// <param name="State">Pending state messages (at most one per topic).</param>
/// <param name="Telemetry">Pending telemetry messages.</param>
/// <param name="DroppedTelemetry">Telemetry messages dropped to respect the bound, since the database was created (survives restarts).</param>
public readonly record struct OutboxCounts(int Alarm, int State, int Telemetry, long DroppedTelemetry)
{
    /// <summary>All pending messages.</summary>
    public int Total => Alarm + State + Telemetry;
}
