namespace AudioEdge.Audio;

/// <summary>What a source lost on the way: telemetry reports these, the detector never sees them.</summary>
/// <param name="DroppedSamples">Samples discarded because the reader fell behind (ring buffer full).</param>
/// <param name="Overruns">Capture overruns (ALSA xruns) the source recovered from.</param>
/// <param name="Reconnects">Times a live device was reopened after it failed or vanished.</param>
public readonly record struct AudioSourceStatistics(long DroppedSamples, long Overruns, long Reconnects);
