namespace AudioEdge.Detection;

/// <summary>Event ids of one pipeline: 1, 2, 3, … shared by its alarm and glass detectors.</summary>
internal sealed class EventIdSequence
{
    private long _last;

    public long Next() => ++_last;
}
