namespace AudioEdge.Detection;

/// <summary>
/// One detected sound event. Reported twice through <see cref="IEventSink"/>: when it is decided (start known,
/// <see cref="End"/> null) and when it is complete (<see cref="End"/> set). Times are seconds of stream time
/// (sample n is at n / 16 000 s).
/// </summary>
/// <param name="Id">Unique per pipeline, increasing; pairs a start with its end.</param>
/// <param name="Label"><see cref="EventLabels.SmokeAlarm"/>, <see cref="EventLabels.CoAlarm"/> or <see cref="EventLabels.GlassBreak"/>.</param>
/// <param name="Start">When the sound began (the first beep's onset; the glass's impact).</param>
/// <param name="End">When it last sounded; null while the event is still open.</param>
/// <param name="Confidence">0..1: the model's score combined with how well the timing or physics fit.</param>
/// <param name="DetectedAt">When the detector decided: the start report's stream time, always ≥ <paramref name="Start"/>.</param>
/// <param name="Model">The model that scored it, <c>id@version</c>.</param>
public sealed record DetectionEvent(long Id, string Label, double Start, double? End, double Confidence, double DetectedAt, string Model);
