using System.Diagnostics;

namespace AudioEdge.Testing;

/// <summary>Converts a test recording with the real sox (the test command installs it), e.g. WAV to FLAC.</summary>
internal static class SoxConvert
{
    /// <summary>sox <paramref name="input"/> <paramref name="output"/>: the formats follow the file names.</summary>
    public static void Run(string input, string output)
    {
        using Process sox = Process.Start(new ProcessStartInfo("sox", [input, output]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("sox did not start");
        string errors = sox.StandardError.ReadToEnd();
        sox.WaitForExit();
        if (sox.ExitCode != 0)
        {
            throw new InvalidOperationException($"sox {input} {output} failed (exit {sox.ExitCode}): {errors.Trim()}");
        }
    }
}
