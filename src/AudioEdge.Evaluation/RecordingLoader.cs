using System.Diagnostics;
using AudioEdge.Audio.Wav;

namespace AudioEdge.Evaluation;

/// <summary>
/// Reads a data-set recording as 16 kHz mono: WAV directly, anything else (the FLAC files) decoded by sox, which
/// streams a 16-bit WAV to us. Debian's sox reads FLAC bit-exactly; the project's test command installs it.
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
            if (path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
            {
                return WavFile.ReadMono16k(path).Samples;
            }

            var start = new ProcessStartInfo("sox") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in new[] { "-V1", path, "-t", "wav", "-b", "16", "-c", "1", "-r", "16000", "-" })
            {
                start.ArgumentList.Add(argument);
            }

            using Process sox = Process.Start(start) ?? throw new InvalidDataException("sox did not start");
            Task<string> stderr = sox.StandardError.ReadToEndAsync();
            using var buffer = new MemoryStream();
            sox.StandardOutput.BaseStream.CopyTo(buffer);
            sox.WaitForExit();
            if (sox.ExitCode != 0)
            {
                throw new InvalidDataException($"{path}: sox failed: {stderr.Result.Trim().ReplaceLineEndings(" ")}");
            }

            buffer.Position = 0;
            return WavFile.ReadMono16k(buffer).Samples;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidDataException($"{path}: cannot run sox to decode it ({ex.Message}); install the Debian package sox");
        }
        catch (InvalidAudioFileException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}");
        }
    }
}
