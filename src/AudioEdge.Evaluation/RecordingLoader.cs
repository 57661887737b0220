using AudioEdge.Audio.Sources;

namespace AudioEdge.Evaluation;

/// <summary>
/// Reads a data-set recording as 16 kHz mono through <see cref="AudioFileSource"/>: WAV directly, anything else
/// (the FLAC files) decoded by sox — the same decoding, downmix and resampling as <c>audioedge classify</c> and
/// the daemon's file input. Debian's sox reads FLAC bit-exactly; the project's test command installs it.
/// </summary>
public static class RecordingLoader
{
    /// <exception cref="InvalidDataException">The file cannot be read or decoded; the message is one line naming it.</exception>
    public static float[] Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file");
        }

        try
        {
            using AudioFileSource source = AudioFileSource.Open(path);
            return source.ReadToEnd();
        }
        catch (AudioEdge.Audio.Wav.InvalidAudioFileException ex)
        {
            throw new InvalidDataException(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read: {ex.Message}");
        }
    }
}
