using AudioEdge.Audio.Resampling;

namespace AudioEdge.Audio.Wav;

/// <summary>One-call helpers for files on disk: decode, downmix and bring to the product's 16 kHz.</summary>
public static class WavFile
{
    /// <summary>Reads a WAV file as mono samples at its own rate.</summary>
    /// <exception cref="InvalidAudioFileException">The file is not a supported WAV file; the message starts with the path.</exception>
    public static WavDecodeResult ReadMono(string path, WavDecoderOptions? options = null)
    {
        options ??= WavDecoderOptions.Default;
        using WavReader reader = WavReader.Open(path);
        try
        {
            return WavDecoder.ReadAll(reader, options.MaxFrames);
        }
        catch (InvalidAudioFileException e)
        {
            throw new InvalidAudioFileException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a WAV file as mono samples at <see cref="AudioSource.TargetSampleRate"/> (16 kHz).</summary>
    /// <exception cref="InvalidAudioFileException">The file is not a supported WAV file; the message starts with the path.</exception>
    public static WavDecodeResult ReadMono16k(string path, WavDecoderOptions? options = null)
    {
        WavDecodeResult decoded = ReadMono(path, options);
        try
        {
            return Resample(decoded, AudioSource.TargetSampleRate);
        }
        catch (InvalidAudioFileException e)
        {
            throw new InvalidAudioFileException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Decodes a WAV stream as mono samples at 16 kHz. The stream is left open.</summary>
    /// <exception cref="InvalidAudioFileException">The content is not a supported WAV file.</exception>
    public static WavDecodeResult ReadMono16k(Stream stream, WavDecoderOptions? options = null) =>
        Resample(WavDecoder.Decode(stream, options), AudioSource.TargetSampleRate);

    /// <summary>Resamples decoded audio to <paramref name="targetRate"/> with a <see cref="PolyphaseResampler"/>; timing is preserved.</summary>
    /// <exception cref="InvalidAudioFileException">No resampler of reasonable size converts the file's rate to the target.</exception>
    public static WavDecodeResult Resample(WavDecodeResult decoded, int targetRate)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        if (decoded.SampleRate == targetRate)
        {
            return decoded;
        }

        if (!PolyphaseResampler.IsSupported(decoded.SampleRate, targetRate))
        {
            throw new InvalidAudioFileException(
                $"Invalid WAV file: the sample rate {decoded.SampleRate} Hz cannot be converted to {targetRate} Hz (the rational ratio needs too large a filter).");
        }

        var resampler = new PolyphaseResampler(decoded.SampleRate, targetRate);
        var output = new float[resampler.MaxOutputLength(decoded.Samples.Length) + resampler.MaxFlushLength];
        int count = resampler.Process(decoded.Samples, output);
        count += resampler.Flush(output.AsSpan(count));
        Array.Resize(ref output, count);
        return new WavDecodeResult(decoded.Format, targetRate, output, decoded.Warnings);
    }
}
