namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>An event as the daemon's log announced it: label, event id, and when the test read the line (UTC).</summary>
internal sealed record LoggedDetection(string Label, string EventId, DateTime LoggedAt);
