namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>An event message as <see cref="EventSchema.AssertEvent"/> read it.</summary>
internal sealed record PublishedEvent(string EventId, string Label, DateTime Start, DateTime? End, DateTime DetectedAt, double Confidence);
