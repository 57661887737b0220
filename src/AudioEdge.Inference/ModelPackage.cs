using System.Text.Json;
using AudioEdge.Dsp;

namespace AudioEdge.Inference;

/// <summary>
/// A verified model: its manifest, the chosen variant's .onnx file (checksum checked) and the guarantee that the
/// model was trained on the features this runtime computes. Create scorers from it with <see cref="CreateScorer"/>.
/// </summary>
public sealed class ModelPackage
{
    private ModelPackage(ModelManifest manifest, string manifestPath, string variant, string modelPath)
    {
        Manifest = manifest;
        ManifestPath = manifestPath;
        Variant = variant;
        ModelPath = modelPath;
    }

    /// <summary>The parsed, validated manifest.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Full path of manifest.json.</summary>
    public string ManifestPath { get; }

    /// <summary>The loaded variant's name (e.g. <c>int8</c>).</summary>
    public string Variant { get; }

    /// <summary>Full path of the verified .onnx file.</summary>
    public string ModelPath { get; }

    /// <summary><c>id@version</c>.</summary>
    public string Name => Manifest.Name;

    /// <summary>The thresholds for the loaded variant: its own where the manifest gives them, else the top-level ones.</summary>
    public IReadOnlyDictionary<string, float> Thresholds { get; private init; } = new Dictionary<string, float>();

    /// <summary>
    /// Reads and verifies <paramref name="manifestPath"/>: the manifest is valid, <paramref name="variant"/> (or
    /// the manifest's default) exists, its file's SHA-256 matches, and the manifest's front-end fingerprint equals
    /// that of <paramref name="frontEnd"/> (default: <see cref="FrontEndOptions.Default"/>).
    /// </summary>
    /// <exception cref="ModelLoadException">Any of these checks failed; the message is one line naming the file.</exception>
    public static ModelPackage Load(string manifestPath, string? variant = null, FrontEndOptions? frontEnd = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        frontEnd ??= FrontEndOptions.Default;

        if (Directory.Exists(manifestPath))
        {
            // A model directory is a natural thing to pass; its manifest has a fixed name.
            manifestPath = Path.Combine(manifestPath, "manifest.json");
        }

        string fullPath = Path.GetFullPath(manifestPath);
        if (!File.Exists(fullPath))
        {
            throw new ModelLoadException($"no model at {manifestPath} (no such manifest file)");
        }

        ModelManifest manifest;
        try
        {
            manifest = ModelManifest.Parse(File.ReadAllText(fullPath));
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{manifestPath}: not a valid model manifest: {FirstLine(ex.Message)}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"{manifestPath}: cannot read: {FirstLine(ex.Message)}", ex);
        }

        IReadOnlyList<string> errors = manifest.Validate();
        if (errors.Count > 0)
        {
            throw new ModelLoadException($"{manifestPath}: invalid model manifest: {string.Join(" ", errors)}");
        }

        string chosen = variant ?? manifest.DefaultVariant;
        if (!manifest.Variants.TryGetValue(chosen, out ModelVariantSpec? spec))
        {
            throw new ModelLoadException(
                $"{manifestPath}: model {manifest.Name} has no variant '{chosen}' (it has: {string.Join(", ", manifest.Variants.Keys.Order(StringComparer.Ordinal))})");
        }

        IReadOnlyList<string> differences = FrontEndFingerprint.Differences(manifest.FrontEnd, frontEnd.Fingerprint());
        if (differences.Count > 0)
        {
            throw new ModelLoadException(
                $"{manifestPath}: model {manifest.Name} was trained on other features than this front end computes ({string.Join("; ", differences)})");
        }

        string modelPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fullPath)!, spec.File));
        string actual;
        try
        {
            actual = ModelFileHash.Sha256Hex(modelPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelLoadException($"{modelPath}: model file missing (variant '{chosen}' of {manifestPath})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"{modelPath}: cannot read: {FirstLine(ex.Message)}", ex);
        }

        if (!string.Equals(actual, spec.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelLoadException(
                $"{modelPath}: checksum mismatch: the manifest says sha256 {spec.Sha256.ToLowerInvariant()}, the file has {actual} (a truncated, altered or wrong file)");
        }

        var thresholds = new Dictionary<string, float>(manifest.Thresholds, StringComparer.Ordinal);
        foreach ((string label, float value) in spec.Thresholds ?? new Dictionary<string, float>())
        {
            thresholds[label] = value;
        }

        return new ModelPackage(manifest, fullPath, chosen, modelPath) { Thresholds = thresholds };
    }

    /// <summary>The model's threshold for <paramref name="label"/>.</summary>
    public float Threshold(string label) => Thresholds.TryGetValue(label, out float value)
        ? value
        : throw new ArgumentException($"Model {Name} has no label '{label}'.", nameof(label));

    /// <summary>An ONNX Runtime scorer for the verified file; the caller disposes it.</summary>
    /// <exception cref="ModelLoadException">ORT refused the file, or its graph does not match the manifest.</exception>
    public OnnxWindowScorer CreateScorer(OnnxScorerOptions? options = null) => new(
        ModelPath, Manifest.Labels, Manifest.Input.Name, Manifest.Input.Frames, Manifest.Input.Bands, Manifest.Output.Name, options);

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
