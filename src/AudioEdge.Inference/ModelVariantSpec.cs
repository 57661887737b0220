namespace AudioEdge.Inference;

/// <summary>One ONNX file of a model (e.g. the int8 QDQ export or the fp32 one) and its checksum.</summary>
public sealed class ModelVariantSpec
{
    /// <summary>Path of the .onnx file relative to the manifest's directory.</summary>
    public string File { get; init; } = string.Empty;

    /// <summary>SHA-256 of the file as 64 hexadecimal digits; the loader refuses a file that does not match.</summary>
    public string Sha256 { get; init; } = string.Empty;

    /// <summary>
    /// Optional thresholds chosen for this file (int8 and fp32 scores differ slightly); where present they take
    /// precedence over the manifest's top-level thresholds, which belong to the default variant.
    /// </summary>
    public IReadOnlyDictionary<string, float>? Thresholds { get; init; }
}
