namespace AudioEdge.Detection;

/// <summary>Receives events as the pipeline decides them. Called synchronously on the thread that feeds audio.</summary>
public interface IEventSink
{
    /// <summary>An event was decided; <see cref="DetectionEvent.End"/> is null. The daemon raises its alarm here.</summary>
    void EventStarted(DetectionEvent detection);

    /// <summary>The same event (same <see cref="DetectionEvent.Id"/>) is over; <see cref="DetectionEvent.End"/> is set.</summary>
    void EventEnded(DetectionEvent detection);
}
