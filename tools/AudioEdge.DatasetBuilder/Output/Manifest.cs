using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AudioEdge.DatasetBuilder.Output;

/// <summary>
/// <c>manifest.json</c>: the contract with the Python trainer (see the tool's README). Written last, atomically:
/// a directory holds a complete dataset exactly when it holds a manifest.
/// </summary>
internal sealed class Manifest
{
    public const string FormatName = "audioedge-shards/1";
    public const string FileName = "manifest.json";

    public static readonly string[] LabelNames = ["alarm", "glass_break"];

    // Relaxed escaping keeps quotes and '>' readable in the notes; the file is read by json.load, never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [JsonPropertyName("format")]
    public string Format { get; init; } = FormatName;

    /// <summary>FrontEndOptions.Default.Fingerprint(): a model trained on these features runs only on this front end.</summary>
    [JsonPropertyName("front_end")]
    public required string FrontEnd { get; init; }

    [JsonPropertyName("window_frames")]
    public required int WindowFrames { get; init; }

    [JsonPropertyName("bands")]
    public required int Bands { get; init; }

    [JsonPropertyName("labels")]
    public IReadOnlyList<string> Labels { get; init; } = LabelNames;

    [JsonPropertyName("seed")]
    public required int Seed { get; init; }

    [JsonPropertyName("shards")]
    public required IReadOnlyList<ShardInfo> Shards { get; init; }

    [JsonPropertyName("summary")]
    public required IReadOnlyDictionary<string, SplitSummary> Summary { get; init; }

    /// <summary>How the build was made, for people: tool, options, weak-label and split policies, skipped parts.</summary>
    [JsonPropertyName("build")]
    public required IReadOnlyDictionary<string, string> Build { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
