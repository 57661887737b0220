namespace AudioEdge.Detection;

/// <summary>
/// The beep <see cref="AlarmCadenceDecoder"/> is still assembling (sounding, or in a gap it may yet bridge), as
/// <see cref="ContinuousBeepingTracker"/> sees it: a steady tone is continuous long before it ends, so the run
/// cannot wait for the beep to reach the <see cref="BeepHistory"/>.
/// </summary>
/// <param name="Start">Its onset, seconds.</param>
/// <param name="HeardUntil">When it was last heard: now, or where its gap began while one is pending.</param>
/// <param name="Band">The mel band of its peak.</param>
/// <param name="Level">Its mean level past the onset, dB; NaN when unknown.</param>
internal readonly record struct SoundingBeep(double Start, double HeardUntil, int Band, double Level);
