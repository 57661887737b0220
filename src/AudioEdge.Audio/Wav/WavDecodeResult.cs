namespace AudioEdge.Audio.Wav;

/// <summary>A whole decoded file: mono samples plus what the file said about itself and what was worked around.</summary>
public sealed class WavDecodeResult
{
    public WavDecodeResult(WavFormat format, int sampleRate, float[] samples, IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        Format = format;
        SampleRate = sampleRate;
        Samples = samples;
        Warnings = warnings;
    }

    /// <summary>The format of the file as stored (channels, rate, coding), before downmix and resampling.</summary>
    public WavFormat Format { get; }

    /// <summary>Samples per second of <see cref="Samples"/>: the file's rate, or 16 000 after <see cref="WavFile.ReadMono16k(string, WavDecoderOptions?)"/>.</summary>
    public int SampleRate { get; }

    /// <summary>Mono samples (the average of all channels), nominally in [-1, 1].</summary>
    public float[] Samples { get; }

    /// <summary>Problems that were worked around (empty for a clean file).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Length of the audio.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / (double)SampleRate);
}
