namespace AudioEdge.Audio.Wav;

/// <summary>How the samples in a WAV data chunk are coded.</summary>
public enum WavSampleEncoding
{
    /// <summary>Integer PCM: 8-bit unsigned, or 9..32-bit signed little-endian.</summary>
    Pcm,

    /// <summary>IEEE 754 float, 32 or 64 bits, nominal range [-1, 1].</summary>
    IeeeFloat,
}
