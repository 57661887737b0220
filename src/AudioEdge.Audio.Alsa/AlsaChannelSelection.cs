namespace AudioEdge.Audio.Alsa;

/// <summary>How interleaved frames become the single channel the detector uses.</summary>
/// <remarks>
/// Explicit rather than "always average": a single I2S MEMS mic delivers stereo frames with one empty slot
/// (its L/R pin picks which), and averaging would lose 6 dB for nothing. With two mics, averaging helps.
/// </remarks>
public enum AlsaChannelSelection
{
    /// <summary>Slot 0 of every frame (an I2S mic with L/R tied low).</summary>
    Left,

    /// <summary>Slot 1 of every frame (an I2S mic with L/R tied high); needs at least 2 channels.</summary>
    Right,

    /// <summary>The mean of all channels.</summary>
    Average,
}
