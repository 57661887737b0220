using AudioEdge.Inference;

namespace AudioEdge.Detection;

/// <summary>What the pipeline needs to know about the model behind its <see cref="IWindowScorer"/>.</summary>
/// <param name="Name"><c>id@version</c>, carried by every event.</param>
/// <param name="HopFrames">Frames between scored windows.</param>
/// <param name="Thresholds">Per model label, the score at which it counts (from the manifest).</param>
public sealed record DetectionModel(string Name, int HopFrames, IReadOnlyDictionary<string, float> Thresholds)
{
    /// <summary>The package's name, hop and the thresholds of its loaded variant.</summary>
    public static DetectionModel FromPackage(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return new DetectionModel(package.Name, package.Manifest.HopFrames, package.Thresholds);
    }

    /// <summary>The manifest's name, hop and top-level thresholds.</summary>
    public static DetectionModel FromManifest(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new DetectionModel(manifest.Name, manifest.HopFrames, manifest.Thresholds);
    }
}
