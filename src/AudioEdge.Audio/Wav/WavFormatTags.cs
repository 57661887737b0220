namespace AudioEdge.Audio.Wav;

/// <summary>The format tags this decoder knows by name, so errors can say what a file is instead of just a number.</summary>
internal static class WavFormatTags
{
    public const int Pcm = 0x0001;
    public const int IeeeFloat = 0x0003;
    public const int Extensible = 0xFFFE;

    public static string Describe(int tag) => tag switch
    {
        0x0001 => "PCM",
        0x0002 => "Microsoft ADPCM",
        0x0003 => "IEEE float",
        0x0006 => "A-law",
        0x0007 => "mu-law",
        0x0011 => "IMA ADPCM",
        0x0016 => "ITU G.723 ADPCM",
        0x0031 => "GSM 6.10",
        0x0040 => "ITU G.721 ADPCM",
        0x0050 => "MPEG",
        0x0055 => "MP3",
        0x00FF => "AAC",
        0x0161 => "WMA",
        0x1610 => "HE-AAC",
        0x2000 => "AC-3",
        0x2001 => "DTS",
        0x674F or 0x6750 or 0x6751 or 0x676F or 0x6770 or 0x6771 => "Ogg Vorbis",
        0xF1AC => "FLAC",
        0xFFFE => "extensible",
        _ => "unknown",
    };
}
