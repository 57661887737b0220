namespace AudioEdge.Synthesis.Noise;

/// <summary>Spectral shapes of synthetic background noise.</summary>
public enum NoiseColour
{
    /// <summary>Flat spectrum (electronic hiss).</summary>
    White,

    /// <summary>-3 dB per octave (many natural and room noises).</summary>
    Pink,

    /// <summary>-6 dB per octave (rumble, traffic, wind).</summary>
    Brown,

    /// <summary>Mains hum (50 or 60 Hz and harmonics) over a little pink noise (fridges, transformers, fans).</summary>
    Hum,
}
