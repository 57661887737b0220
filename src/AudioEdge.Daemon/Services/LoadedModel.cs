using AudioEdge.Daemon.Configuration;
using AudioEdge.Inference;

namespace AudioEdge.Daemon.Services;

/// <summary>A verified model package and the options it was loaded with; scorers are created from it.</summary>
public sealed class LoadedModel
{
    private LoadedModel(ModelPackage package, ModelOptions options)
    {
        Package = package;
        Options = options;
    }

    /// <summary>The package (manifest, variant, thresholds).</summary>
    public ModelPackage Package { get; }

    /// <summary>The options it was loaded with.</summary>
    public ModelOptions Options { get; }

    /// <summary>Loads and verifies the package (checksums, front-end fingerprint) and that ONNX Runtime can run it.</summary>
    /// <exception cref="ModelLoadException">The package cannot be used; a one-line reason.</exception>
    public static LoadedModel Load(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = new LoadedModel(ModelPackage.Load(options.ManifestPath, options.Variant), options);

        // A matching checksum proves the file is the one the manifest names, not that it runs (a bad export, a graph
        // with other inputs). One session now makes that a load failure too (exit 78 at start, a refused reload),
        // not a detection thread dying on its first block.
        using (model.CreateScorer())
        {
        }

        return model;
    }

    /// <summary>A new ONNX Runtime session for this model (one per pipeline; the caller disposes it).</summary>
    public OnnxWindowScorer CreateScorer() => Package.CreateScorer(new OnnxScorerOptions { IntraOpNumThreads = Options.Threads });
}
