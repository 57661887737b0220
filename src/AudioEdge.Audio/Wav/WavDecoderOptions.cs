namespace AudioEdge.Audio.Wav;

/// <summary>Limits for decoding a whole file into memory.</summary>
public sealed class WavDecoderOptions
{
    /// <summary>The defaults: at most <see cref="DefaultMaxFrames"/> frames.</summary>
    public static WavDecoderOptions Default { get; } = new();

    /// <summary>
    /// 2^26 frames: 256 MiB of mono floats, about 70 minutes at 16 kHz or 23 minutes at 48 kHz. Enough for test
    /// recordings; longer material should be streamed with <see cref="WavReader"/> or a WAV file source instead.
    /// </summary>
    public const long DefaultMaxFrames = 1L << 26;

    /// <summary>
    /// The most frames <see cref="WavDecoder.Decode(Stream, WavDecoderOptions?)"/> will hold in memory; a longer
    /// file fails with <see cref="InvalidAudioFileException"/> instead of exhausting the device's memory.
    /// </summary>
    public long MaxFrames { get; init; } = DefaultMaxFrames;
}
