using System.Text.Json;
using System.Text.Json.Serialization;

namespace AudioEdge.Inference;

/// <summary>
/// Source-generated (reflection-free, trimming-safe) JSON metadata for <see cref="ModelManifest"/>. Keys are
/// snake_case, as the Python training tools write them. Unknown keys are ignored so that a newer trainer can add
/// fields without breaking older runtimes; comments and trailing commas are accepted for hand-edited files.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ModelManifestJsonContext : JsonSerializerContext
{
}
