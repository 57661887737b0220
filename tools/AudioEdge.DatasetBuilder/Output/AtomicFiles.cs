using System.Globalization;

namespace AudioEdge.DatasetBuilder.Output;

/// <summary>
/// Writes files under a temporary name in the same directory and renames them into place, so readers never see a
/// half-written file. A group of files (one shard) is renamed only after all of them were written.
/// </summary>
internal static class AtomicFiles
{
    /// <summary>Runs each writer on a temporary path, then renames all of them; on any failure removes the temporaries and rethrows.</summary>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var temporaries = new List<(string Temporary, string Final)>(files.Count);
        try
        {
            foreach ((string path, Action<Stream> write) in files)
            {
                string temporary = TemporaryName(path);
                temporaries.Add((temporary, path));
                using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            foreach ((string temporary, string final) in temporaries)
            {
                File.Move(temporary, final, overwrite: true);
            }
        }
        catch
        {
            foreach ((string temporary, _) in temporaries)
            {
                TryDelete(temporary);
            }

            throw;
        }
    }

    public static void Write(string path, Action<Stream> write) => WriteAll([(path, write)]);

    /// <summary>A hidden sibling name that no reader looks for: ".&lt;name&gt;.tmp-&lt;pid&gt;".</summary>
    public static string TemporaryName(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "." + Path.GetFileName(path) + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

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
