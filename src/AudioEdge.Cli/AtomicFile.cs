using System.Globalization;

namespace AudioEdge.Cli;

/// <summary>Writes an output file under a temporary name beside it and renames it into place, so no half-written file is ever left.</summary>
internal static class AtomicFile
{
    /// <summary>Checks up front that <paramref name="path"/> can be created, so that a long computation does not end in a failed write.</summary>
    public static string CheckWritable(string path)
    {
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new CliException(ExitCodes.CannotCreate, $"cannot write {path}: directory {directory} does not exist");
        }

        if (Directory.Exists(full))
        {
            throw new CliException(ExitCodes.CannotCreate, $"cannot write {path}: it is a directory");
        }

        return full;
    }

    /// <summary>Calls <paramref name="write"/> with a temporary path (same directory and extension), then moves it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        string full = CheckWritable(path);
        string temporary = Path.Combine(
            Path.GetDirectoryName(full)!,
            "." + Path.GetFileNameWithoutExtension(full) + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + Path.GetExtension(full));
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new CliException(ExitCodes.CannotCreate, $"cannot write {path}: {ex.Message}");
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error is the one worth reporting.
        }
    }
}
