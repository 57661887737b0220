using System.Globalization;

namespace AudioEdge.Inference;

/// <summary>How <see cref="OnnxWindowScorer"/> configures its ONNX Runtime session.</summary>
public sealed class OnnxScorerOptions
{
    /// <summary>
    /// Threads for one inference. Default 1: a window is scored every 100 ms and takes a few milliseconds, so
    /// one core is plenty, and ORT's default (one thread per core, spinning) would steal the Pi's cores from
    /// capture and the front end for no gain in throughput.
    /// </summary>
    public int IntraOpNumThreads { get; init; } = 1;

    /// <summary>
    /// If set, ORT writes the graph it actually runs (after fusions such as QDQ → QLinearConv) to this .onnx
    /// path when the session is created. For inspection with <see cref="OnnxModelInspector"/>; off in production.
    /// </summary>
    public string? OptimizedModelFilePath { get; init; }

    /// <summary>The defaults.</summary>
    public static OnnxScorerOptions Default { get; } = new();

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (IntraOpNumThreads is < 1 or > 64)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"IntraOpNumThreads must be 1..64 (got {IntraOpNumThreads})."));
        }

        if (OptimizedModelFilePath is not null)
        {
            string? directory = Path.GetDirectoryName(Path.GetFullPath(OptimizedModelFilePath));
            if (directory is null || !Directory.Exists(directory))
            {
                errors.Add($"OptimizedModelFilePath's directory does not exist ({OptimizedModelFilePath}).");
            }
        }

        return errors;
    }
}
