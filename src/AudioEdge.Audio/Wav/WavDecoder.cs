namespace AudioEdge.Audio.Wav;

/// <summary>Decodes a whole WAV file into memory as mono float samples at the file's own rate.</summary>
/// <remarks>
/// Built on <see cref="WavReader"/>, so it accepts the same formats and reports the same warnings. Memory grows
/// with the audio actually present, never with a size the header claims, and is capped by
/// <see cref="WavDecoderOptions.MaxFrames"/>.
/// </remarks>
public static class WavDecoder
{
    private const int InitialCapacity = 16 * 1024;

    /// <summary>Decodes <paramref name="stream"/> from its current position to the end of the audio. The stream is left open.</summary>
    /// <exception cref="InvalidAudioFileException">The content is not a supported WAV file, or exceeds <see cref="WavDecoderOptions.MaxFrames"/>.</exception>
    public static WavDecodeResult Decode(Stream stream, WavDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= WavDecoderOptions.Default;
        using var reader = new WavReader(stream, leaveOpen: true);
        return ReadAll(reader, options.MaxFrames);
    }

    /// <summary>Decodes a WAV file held in memory.</summary>
    /// <exception cref="InvalidAudioFileException">The content is not a supported WAV file.</exception>
    public static WavDecodeResult Decode(byte[] file, WavDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var stream = new MemoryStream(file, writable: false);
        return Decode(stream, options);
    }

    internal static WavDecodeResult ReadAll(WavReader reader, long maxFrames)
    {
        // Pre-size only from what is verifiably there (seekable streams); otherwise start small and double.
        long estimate = reader.EstimateRemainingFrames();
        long initial = estimate > 0 ? estimate : InitialCapacity;
        var samples = new float[(int)Math.Clamp(Math.Min(initial, maxFrames), 1, Array.MaxLength)];
        int count = 0;
        float probe = 0;
        while (true)
        {
            if (count == samples.Length)
            {
                // Full: read a single frame to learn whether the audio goes on before growing (or failing).
                if (reader.ReadMono(new Span<float>(ref probe)) == 0)
                {
                    break;
                }

                if (count >= maxFrames || count >= Array.MaxLength)
                {
                    throw new InvalidAudioFileException(
                        $"Invalid WAV file: the audio is longer than the limit of {maxFrames} frames (WavDecoderOptions.MaxFrames).");
                }

                long grown = Math.Max(InitialCapacity, (long)samples.Length * 2);
                Array.Resize(ref samples, (int)Math.Min(Math.Min(grown, maxFrames), Array.MaxLength));
                samples[count++] = probe;
            }

            int read = reader.ReadMono(samples.AsSpan(count));
            if (read == 0)
            {
                break;
            }

            count += read;
        }

        if (count != samples.Length)
        {
            Array.Resize(ref samples, count);
        }

        return new WavDecodeResult(reader.Format, reader.Format.SampleRate, samples, [.. reader.Warnings]);
    }
}
