using System.Text.Json.Serialization;

namespace AudioEdge.Telemetry;

/// <summary>
/// Source-generated JSON for <see cref="TelemetryReport"/>: snake_case names, nulls written (every report has the same
/// fields), compact. Trimming- and AOT-safe.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(TelemetryReport))]
public sealed partial class TelemetryJsonContext : JsonSerializerContext
{
}
