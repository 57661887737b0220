namespace AudioEdge.Daemon.Configuration;

/// <summary>The <c>Model</c> section: which model package and variant to run, on how many threads.</summary>
public sealed class ModelOptions
{
    /// <summary>The model package's manifest.json. Default: <c>models/manifest.json</c> beside the program.</summary>
    public string? Manifest { get; set; }

    /// <summary>
    /// <c>int8</c> or <c>fp32</c>; default: the manifest's default variant. On ARM cores without the dot-product
    /// extension (Pi 3/4) fp32 can be the faster one: measure with <c>audioedge bench</c>.
    /// </summary>
    public string? Variant { get; set; }

    /// <summary>ONNX Runtime intra-op threads (default 1: the model is small; a second core serves capture and MQTT).</summary>
    public int Threads { get; set; } = 1;

    /// <summary>The manifest path to load: <see cref="Manifest"/> or the default beside the program.</summary>
    public string ManifestPath => string.IsNullOrWhiteSpace(Manifest) ? Path.Combine(AppContext.BaseDirectory, "models", "manifest.json") : Manifest;

    /// <summary>Every problem, one line each, naming the key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!File.Exists(ManifestPath))
        {
            errors.Add($"Model:Manifest {ManifestPath} does not exist.");
        }

        if (Variant is not null && Variant is not ("int8" or "fp32"))
        {
            errors.Add($"Model:Variant must be int8 or fp32 (was '{Variant}').");
        }

        if (Threads is < 1 or > 16)
        {
            errors.Add($"Model:Threads must be 1..16 (was {Threads}).");
        }

        return errors;
    }
}
