namespace AudioEdge.Detection.Tests;

/// <summary>Records what a pipeline reports.</summary>
internal sealed class EventLog : IEventSink, IWindowScoreObserver
{
    public List<DetectionEvent> Started { get; } = [];

    public List<DetectionEvent> Ended { get; } = [];

    public List<(double Time, float Alarm, float Glass)> Scores { get; } = [];

    public bool RecordScores { get; init; }

    public void EventStarted(DetectionEvent detection)
    {
        Assert.That(detection.End, Is.Null);
        Started.Add(detection);
    }

    public void EventEnded(DetectionEvent detection)
    {
        Assert.That(detection.End, Is.Not.Null);
        Assert.That(Started.Select(s => s.Id), Does.Contain(detection.Id), "an end follows its start");
        Ended.Add(detection);
    }

    public void WindowScored(double time, ReadOnlySpan<float> scores)
    {
        if (RecordScores)
        {
            Scores.Add((time, scores[0], scores[1]));
        }
    }

    public string Describe() => string.Join("; ", Ended.Select(e => $"{e.Label} {e.Start:F2}-{e.End:F2} at {e.DetectedAt:F2} c={e.Confidence}"))
        + $" (started: {string.Join(", ", Started.Select(e => $"{e.Label}@{e.DetectedAt:F2}"))})";
}
