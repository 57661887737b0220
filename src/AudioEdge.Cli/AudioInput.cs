using AudioEdge.Audio.Sources;
using AudioEdge.Audio.Wav;
using AudioEdge.Dsp;

namespace AudioEdge.Cli;

/// <summary>Reads an input file for a command, turning every way it can fail into a one-line <see cref="CliException"/>.</summary>
internal static class AudioInput
{
    /// <summary>
    /// The file as 16 kHz mono samples (WAV, or any format sox decodes); decoder warnings (e.g. a truncated data
    /// chunk) go to <paramref name="error"/>.
    /// </summary>
    public static float[] ReadMono16k(string path, TextWriter error)
    {
        if (Directory.Exists(path))
        {
            throw new CliException(ExitCodes.NoInput, $"{path}: is a directory, not a recording");
        }

        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.NoInput, $"{path}: no such file");
        }

        try
        {
            using AudioFileSource source = AudioFileSource.Open(path);
            float[] samples = source.ReadToEnd();
            foreach (string warning in source.Warnings)
            {
                error.WriteLine($"audioedge: warning: {path}: {warning}");
            }

            return samples;
        }
        catch (InvalidAudioFileException ex)
        {
            throw new CliException(ExitCodes.DataError, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.NoInput, $"{path}: cannot read: {ex.Message}");
        }
    }

    /// <summary>The file's log-mel frames (frame-major, product front end) and its length in seconds.</summary>
    public static (float[] Frames, double Seconds) ReadLogMel(string path, FrontEndOptions options, TextWriter error)
    {
        float[] samples = ReadMono16k(path, error);
        return (LogMelFrontEnd.ComputeAll(samples, options), samples.Length / (double)options.SampleRate);
    }
}
