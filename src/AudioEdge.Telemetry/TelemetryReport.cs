using System.Text.Json;
using System.Text.Json.Serialization;

namespace AudioEdge.Telemetry;

/// <summary>
/// One telemetry report: aggregates over one interval, published on <c>audioedge/&lt;id&gt;/telemetry</c>. Every
/// field is listed in <see cref="TelemetryPrivacy.TopLevelFields"/>; no field carries audio samples, per-frame
/// features or anything finer than the 8-band noisy profile. Compact JSON stays under
/// <see cref="TelemetryPrivacy.MaxPayloadBytes"/> bytes (label count and lengths are bounded by <see cref="TelemetryAggregator"/>).
/// </summary>
public sealed record TelemetryReport
{
    /// <summary>The value of <see cref="Schema"/> for this layout.</summary>
    public const string CurrentSchema = "audioedge-telemetry/1";

    /// <summary><c>schema</c>: "audioedge-telemetry/1"; a consumer ignores reports of a schema it does not know.</summary>
    public string Schema { get; init; } = CurrentSchema;

    /// <summary><c>device_id</c>: the device's id, as in its topics.</summary>
    public required string DeviceId { get; init; }

    /// <summary><c>interval_start</c>: start of the interval (UTC, ISO-8601 with milliseconds, <c>Z</c>).</summary>
    [JsonConverter(typeof(UtcTimestampJsonConverter))]
    public required DateTimeOffset IntervalStart { get; init; }

    /// <summary><c>interval_end</c>: end of the interval, when the report was taken (same format).</summary>
    [JsonConverter(typeof(UtcTimestampJsonConverter))]
    public required DateTimeOffset IntervalEnd { get; init; }

    /// <summary><c>detections</c>: events detected in the interval per event label (every label present, 0 when none).</summary>
    public required IReadOnlyDictionary<string, int> Detections { get; init; }

    /// <summary>
    /// <c>score_histograms</c>: per model label, how many 100 ms windows scored in each tenth of 0..1 (bin i holds
    /// scores in [i/10, (i+1)/10); 1.0 and above in bin 9, below 0 and NaN in bin 0). Exactly 10 counts each.
    /// </summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<int>> ScoreHistograms { get; init; }

    /// <summary><c>audio_level_dbfs</c>: p10/p50/p90 of the 100 ms block levels, see <see cref="AudioLevelPercentiles"/>.</summary>
    public required AudioLevelPercentiles AudioLevelDbfs { get; init; }

    /// <summary><c>clipped_samples</c>: samples with |x| ≥ 0.999 in the interval (microphone gain too high).</summary>
    public long ClippedSamples { get; init; }

    /// <summary><c>inference_latency_ms</c>: p50/p95/p99 and count of model runs, see <see cref="LatencyPercentiles"/>.</summary>
    public required LatencyPercentiles InferenceLatencyMs { get; init; }

    /// <summary><c>dropped_samples</c>: audio samples lost in the interval (capture ring overflow).</summary>
    public long DroppedSamples { get; init; }

    /// <summary><c>overruns</c>: capture overruns (ALSA xruns) in the interval.</summary>
    public long Overruns { get; init; }

    /// <summary><c>reconnects</c>: times the audio device was reopened in the interval.</summary>
    public long Reconnects { get; init; }

    /// <summary><c>cpu_percent</c>: CPU time of the daemon over the interval as a percentage of one core (200 = two cores busy), 0.1 resolution; null when unreadable.</summary>
    public double? CpuPercent { get; init; }

    /// <summary><c>rss_mb</c>: resident memory of the daemon at the end of the interval in MiB, 0.1 resolution; null when unreadable.</summary>
    public double? RssMb { get; init; }

    /// <summary><c>cpu_temperature_c</c>: hottest thermal zone in °C at the end of the interval, 0.1 resolution; null when the device has none readable.</summary>
    public double? CpuTemperatureC { get; init; }

    /// <summary>
    /// <c>spectral_profile</c>: 8 mean log energies (natural log of mel-band energy, low to high frequency, each the
    /// mean of 8 mel bands) with Laplace noise, 0.1 resolution; null below 60 s of audio or when disabled. See
    /// <see cref="PrivateSpectralProfile"/>.
    /// </summary>
    public IReadOnlyList<double>? SpectralProfile { get; init; }

    /// <summary><c>epsilon</c>: the differential-privacy ε spent on <see cref="SpectralProfile"/>; null when no profile was released.</summary>
    public double? Epsilon { get; init; }

    /// <summary><c>model</c>: the model that scored the interval, id@version.</summary>
    public required string Model { get; init; }

    /// <summary>The report as compact UTF-8 JSON, the MQTT payload.</summary>
    public byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, TelemetryJsonContext.Default.TelemetryReport);

    /// <summary>Parses a payload written by <see cref="ToJsonUtf8"/>.</summary>
    /// <exception cref="JsonException">Not a telemetry report.</exception>
    public static TelemetryReport FromJsonUtf8(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, TelemetryJsonContext.Default.TelemetryReport)
        ?? throw new JsonException("The payload is JSON null, not a telemetry report.");
}
