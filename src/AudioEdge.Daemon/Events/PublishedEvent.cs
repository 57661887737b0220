namespace AudioEdge.Daemon.Events;

/// <summary>An event as the outside world sees it: a UUIDv7 id, wall-clock times, the device.</summary>
/// <param name="EventId">UUIDv7 (time-ordered), fixed when the event is decided so every retry carries the same id.</param>
/// <param name="DeviceId">The device.</param>
/// <param name="Label"><c>smoke_alarm</c>, <c>co_alarm</c> or <c>glass_break</c>.</param>
/// <param name="Start">When the sound began.</param>
/// <param name="End">When it stopped; null while it continues.</param>
/// <param name="DetectedAt">When the detector decided.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Model">id@version.</param>
/// <param name="Hushed">Decided during a hush: published, but the state did not go ON.</param>
public sealed record PublishedEvent(
    string EventId, string DeviceId, string Label, DateTimeOffset Start, DateTimeOffset? End, DateTimeOffset DetectedAt, double Confidence, string Model, bool Hushed);
