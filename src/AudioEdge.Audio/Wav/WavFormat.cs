namespace AudioEdge.Audio.Wav;

/// <summary>The format of a WAV file as its fmt chunk describes it, after validation.</summary>
public sealed record WavFormat
{
    /// <summary>The tag written in the fmt chunk: 0x0001 (PCM), 0x0003 (IEEE float) or 0xFFFE (extensible).</summary>
    public required int FormatTag { get; init; }

    /// <summary>The sample coding, taken from the sub-format GUID for extensible files.</summary>
    public required WavSampleEncoding Encoding { get; init; }

    /// <summary>Interleaved channels per frame (1..32).</summary>
    public required int Channels { get; init; }

    /// <summary>Frames per second.</summary>
    public required int SampleRate { get; init; }

    /// <summary>Bits of the container of one sample (8, 16, 24, 32 or 64), i.e. BlockAlign · 8 / Channels.</summary>
    public required int BitsPerSample { get; init; }

    /// <summary>Bits that carry signal, ≤ <see cref="BitsPerSample"/> (e.g. 20 for 20-bit audio in 24-bit containers).</summary>
    public required int ValidBitsPerSample { get; init; }

    /// <summary>Bytes per frame (all channels).</summary>
    public required int BlockAlign { get; init; }

    /// <summary>Speaker positions from an extensible header; 0 when absent.</summary>
    public uint ChannelMask { get; init; }

    /// <summary>True for a WAVE_FORMAT_EXTENSIBLE header.</summary>
    public bool IsExtensible => FormatTag == WavFormatTags.Extensible;
}
