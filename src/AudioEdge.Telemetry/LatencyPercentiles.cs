namespace AudioEdge.Telemetry;

/// <summary>
/// Inference latency over the interval in milliseconds (JSON <c>inference_latency_ms</c>), from a log-spaced
/// histogram with 32 bins per decade over 0.01 ms..100 s: values are bin centres, within ±3.7%, three significant
/// figures. Percentiles are null when <see cref="Count"/> is 0.
/// </summary>
public sealed record LatencyPercentiles
{
    /// <summary>Median (nearest rank).</summary>
    public double? P50 { get; init; }

    /// <summary>95th percentile.</summary>
    public double? P95 { get; init; }

    /// <summary>99th percentile.</summary>
    public double? P99 { get; init; }

    /// <summary>Model runs measured in the interval.</summary>
    public long Count { get; init; }
}
