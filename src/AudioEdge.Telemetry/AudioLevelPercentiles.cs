namespace AudioEdge.Telemetry;

/// <summary>
/// Percentiles of the level of the interval's audio blocks (JSON <c>audio_level_dbfs</c>): each block's RMS in dBFS
/// (20·log10 RMS, full scale = RMS 1.0, so a full-scale sine reads -3), from a 1 dB histogram over -120..0
/// (values are bin centres, ±0.5 dB; quieter than -120, including silence, reads -120). Null when no audio arrived.
/// </summary>
public sealed record AudioLevelPercentiles
{
    /// <summary>10th percentile (nearest rank): the quiet background.</summary>
    public double? P10 { get; init; }

    /// <summary>Median block level.</summary>
    public double? P50 { get; init; }

    /// <summary>90th percentile: the loud moments.</summary>
    public double? P90 { get; init; }
}
