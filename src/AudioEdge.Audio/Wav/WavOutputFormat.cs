namespace AudioEdge.Audio.Wav;

/// <summary>Sample codings <see cref="WavWriter"/> can write.</summary>
public enum WavOutputFormat
{
    /// <summary>16-bit signed PCM; samples are clipped to [-1, 1) and rounded to the nearest step.</summary>
    Pcm16,

    /// <summary>32-bit IEEE float, written as is (lossless for float input).</summary>
    IeeeFloat32,
}
