namespace AudioEdge.Detection;

/// <summary>Which alarm-sounder frequency region a <see cref="ToneActivityDetector"/> watches.</summary>
public enum ToneRegion
{
    /// <summary>Both regions; the more prominent peak of the two decides each frame.</summary>
    Both = 0,

    /// <summary>Piezo sounders, 2.7–4 kHz by default.</summary>
    Piezo = 1,

    /// <summary>Low-frequency (520 Hz square-wave) sounders.</summary>
    LowFrequency = 2,
}
