using AudioEdge.Audio.Wav;

namespace AudioEdge.Audio.Sources;

/// <summary>
/// A recording played through the <see cref="AudioSource"/> seam: decoded, downmixed to mono and resampled to
/// 16 kHz block by block, with sample n at time n / 16 000 s of the file. <see cref="Open"/> picks the decoder.
/// </summary>
public abstract class AudioFileSource : AudioSource
{
    /// <summary>16 kHz samples returned so far; sample n is at time n / 16 000 s into the file.</summary>
    public abstract long Position { get; }

    /// <summary>The length the file declares, in seconds, or null when it does not say (a streaming writer).</summary>
    public abstract double? DeclaredSeconds { get; }

    /// <summary>Problems in the file that the decoder worked around; complete once the end was reached.</summary>
    public abstract IReadOnlyList<string> Warnings { get; }

    /// <summary>Reads the rest of the recording into one array (16 kHz mono); for whole-file tools, not for streaming.</summary>
    /// <exception cref="InvalidAudioFileException">The decoder failed part way.</exception>
    public float[] ReadToEnd()
    {
        // Pre-size from the declared length (capped: a header may lie), grow when it was short.
        double declared = DeclaredSeconds ?? 0;
        var samples = new float[(int)Math.Clamp(declared * SampleRate + 1024, 4096, 1 << 26)];
        int count = 0;
        int read;
        while ((read = Read(samples.AsSpan(count))) > 0)
        {
            count += read;
            if (count == samples.Length)
            {
                Array.Resize(ref samples, checked(samples.Length * 2));
            }
        }

        Array.Resize(ref samples, count);
        return samples;
    }

    /// <summary>
    /// Opens a recording: a WAV file (by its RIFF header or its <c>.wav</c> name) with the project's own
    /// decoder, anything else (FLAC, Ogg Vorbis, AIFF, MP3 where libsox-fmt-mp3 is installed) through sox.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="realTime">Pace reads to the sample rate, as a live device would deliver them.</param>
    /// <param name="timeProvider">Clock for pacing; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="InvalidAudioFileException">The file cannot be decoded; the message is one line starting with the path.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static AudioFileSource Open(string path, bool realTime = false, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return IsWav(path)
            ? new WavFileSource(path, realTime, timeProvider)
            : new SoxFileSource(path, realTime, timeProvider);
    }

    /// <summary>True when <paramref name="path"/> is read by the project's WAV decoder rather than by sox.</summary>
    /// <remarks>
    /// The name decides for <c>.wav</c> files, so that a damaged WAV file gets the WAV decoder's precise message
    /// rather than sox's; otherwise the first four bytes do (a WAV file under another name is still a WAV file).
    /// </remarks>
    public static bool IsWav(string path)
    {
        if (path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".wave", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Span<byte> magic = stackalloc byte[4];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) == magic.Length
            && magic.SequenceEqual("RIFF"u8);
    }
}
