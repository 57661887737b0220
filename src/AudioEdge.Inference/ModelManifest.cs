using System.Globalization;
using System.Text.Json;

namespace AudioEdge.Inference;

/// <summary>
/// <c>manifest.json</c>: everything the runtime must know about a trained model besides its weights. It sits
/// beside the .onnx files it names; the trainer writes it, the runtime verifies it before it runs anything.
/// </summary>
/// <remarks>
/// <para>Format (JSON, snake_case keys; unknown keys are ignored):</para>
/// <code>
/// {
///   "id": "audioedge-cnn",                 // model family, [A-Za-z0-9._-]
///   "version": "1.0.0",                    // the trainer's version of it; events carry "id@version"
///   "labels": ["alarm", "glass_break"],    // output order of the scores
///   "input":  { "name": "logmel", "frames": 96, "bands": 64 },   // float32 [1, 1, frames, bands], raw log-mel
///   "output": { "name": "scores" },                              // float32 [1, len(labels)], probabilities
///   "hop_frames": 10,                      // score every 10 frames (100 ms) on the last `frames` frames
///   "front_end": "logmel/htk/hann-periodic sr=16000 win=400 hop=160 ...",  // FrontEndOptions.Fingerprint()
///   "variants": {                          // files relative to the manifest, with their SHA-256
///     "int8": { "file": "model.int8.onnx", "sha256": "…64 hex…", "thresholds": { … } },  // optional per-file thresholds
///     "fp32": { "file": "model.fp32.onnx", "sha256": "…64 hex…" }
///   },
///   "default_variant": "int8",             // used when the caller names none
///   "thresholds": { "alarm": 0.5, "glass_break": 0.7 },  // per label, in (0, 1): the detector's gate
///   "data":    { … },                      // free-form: datasets, seeds, counts (provenance; not interpreted)
///   "metrics": { … }                       // free-form: evaluation results (not interpreted)
/// }
/// </code>
/// <para>
/// Why these fields: the checksum catches a truncated or swapped file (a model is copied to devices by hand and
/// by packages); the front-end fingerprint catches a model trained on other features, which would run without
/// error and silently score garbage; the thresholds were chosen on the trainer's validation set and belong to
/// exactly this model version; an int8 and an fp32 file are both shipped because int8 is slower than fp32 on
/// Cortex-A72/A53 (no dot-product instructions) and faster on A76.
/// </para>
/// </remarks>
public sealed class ModelManifest
{
    /// <summary>The model family, e.g. <c>audioedge-cnn</c>: letters, digits, '.', '_' and '-'.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The trainer's version of the model, e.g. <c>1.0.0</c>.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>What each output score means, in output order.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The input tensor.</summary>
    public ModelInputSpec Input { get; init; } = new();

    /// <summary>The output tensor.</summary>
    public ModelOutputSpec Output { get; init; } = new();

    /// <summary>Frames between two scored windows (10 = every 100 ms).</summary>
    public int HopFrames { get; init; }

    /// <summary>The <see cref="Dsp.FrontEndOptions.Fingerprint"/> of the features the model was trained on.</summary>
    public string FrontEnd { get; init; } = string.Empty;

    /// <summary>The ONNX files of this model by variant name (<c>int8</c>, <c>fp32</c>).</summary>
    public IReadOnlyDictionary<string, ModelVariantSpec> Variants { get; init; } = new Dictionary<string, ModelVariantSpec>();

    /// <summary>The variant loaded when the caller names none.</summary>
    public string DefaultVariant { get; init; } = string.Empty;

    /// <summary>Per-label score threshold in (0, 1), one for every label.</summary>
    public IReadOnlyDictionary<string, float> Thresholds { get; init; } = new Dictionary<string, float>();

    /// <summary>Training-data provenance, free-form; carried, never interpreted.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Data { get; init; }

    /// <summary>Evaluation results, free-form; carried, never interpreted.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metrics { get; init; }

    /// <summary><c>id@version</c>, the name that events carry.</summary>
    public string Name => $"{Id}@{Version}";

    /// <summary>Parses manifest JSON. Does not validate: see <see cref="Validate"/>.</summary>
    /// <exception cref="JsonException">Not JSON, or a value of the wrong type.</exception>
    public static ModelManifest Parse(string json) =>
        JsonSerializer.Deserialize(json, ModelManifestJsonContext.Default.ModelManifest)
        ?? throw new JsonException("The manifest is the JSON value null.");

    /// <summary>The manifest as indented JSON (what the trainer writes).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ModelManifestJsonContext.Default.ModelManifest);

    /// <summary>Every problem with this manifest, one sentence each; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var invariant = CultureInfo.InvariantCulture;

        if (string.IsNullOrWhiteSpace(Id) || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            errors.Add($"id must be non-empty letters, digits, '.', '_' or '-' (got \"{Id}\").");
        }

        if (string.IsNullOrWhiteSpace(Version))
        {
            errors.Add("version is missing.");
        }

        IReadOnlyList<string> labels = Labels ?? [];
        if (labels.Count == 0)
        {
            errors.Add("labels is missing or empty.");
        }
        else if (labels.Any(string.IsNullOrWhiteSpace) || labels.Distinct(StringComparer.Ordinal).Count() != labels.Count)
        {
            errors.Add($"labels must be distinct non-empty names (got [{string.Join(", ", labels)}]).");
        }

        if (Input is null || string.IsNullOrWhiteSpace(Input.Name))
        {
            errors.Add("input.name is missing.");
        }

        if (Input is not null && (Input.Frames < 1 || Input.Frames > 10_000))
        {
            errors.Add(string.Create(invariant, $"input.frames must be 1..10000 (got {Input.Frames})."));
        }

        if (Input is not null && (Input.Bands < 1 || Input.Bands > 512))
        {
            errors.Add(string.Create(invariant, $"input.bands must be 1..512 (got {Input.Bands})."));
        }

        if (Output is null || string.IsNullOrWhiteSpace(Output.Name))
        {
            errors.Add("output.name is missing.");
        }

        if (HopFrames < 1 || (Input is not null && Input.Frames > 0 && HopFrames > Input.Frames))
        {
            errors.Add(string.Create(invariant, $"hop_frames must be 1..input.frames (got {HopFrames})."));
        }

        if (string.IsNullOrWhiteSpace(FrontEnd))
        {
            errors.Add("front_end (the front end's fingerprint) is missing.");
        }

        IReadOnlyDictionary<string, ModelVariantSpec> variants = Variants ?? new Dictionary<string, ModelVariantSpec>();
        if (variants.Count == 0)
        {
            errors.Add("variants is missing or empty.");
        }

        foreach ((string name, ModelVariantSpec? variant) in variants.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (variant is null || string.IsNullOrWhiteSpace(variant.File))
            {
                errors.Add($"variants.{name}.file is missing.");
            }
            else if (Path.IsPathRooted(variant.File) || variant.File.Split('/', '\\').Contains(".."))
            {
                errors.Add($"variants.{name}.file must be a path inside the manifest's directory (got \"{variant.File}\").");
            }

            if (variant is null || variant.Sha256 is null || variant.Sha256.Length != 64 || !variant.Sha256.All(char.IsAsciiHexDigit))
            {
                errors.Add($"variants.{name}.sha256 must be 64 hexadecimal digits.");
            }

            foreach ((string label, float value) in (variant?.Thresholds ?? new Dictionary<string, float>()).OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                if (!labels.Contains(label) || !(value > 0 && value < 1))
                {
                    errors.Add(string.Create(invariant, $"variants.{name}.thresholds.{label} must be a label's threshold within (0, 1) (got {value})."));
                }
            }
        }

        if (string.IsNullOrWhiteSpace(DefaultVariant) || !variants.ContainsKey(DefaultVariant))
        {
            errors.Add($"default_variant \"{DefaultVariant}\" must name one of the variants ({string.Join(", ", variants.Keys)}).");
        }

        IReadOnlyDictionary<string, float> thresholds = Thresholds ?? new Dictionary<string, float>();
        foreach (string label in labels.Where(l => !string.IsNullOrWhiteSpace(l) && !thresholds.ContainsKey(l)))
        {
            errors.Add($"thresholds has no value for label \"{label}\".");
        }

        foreach ((string label, float value) in thresholds.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!labels.Contains(label))
            {
                errors.Add($"thresholds names \"{label}\", which is not a label.");
            }

            if (!(value > 0 && value < 1))
            {
                errors.Add(string.Create(invariant, $"thresholds.{label} must be within (0, 1) (got {value})."));
            }
        }

        return errors;
    }
}
