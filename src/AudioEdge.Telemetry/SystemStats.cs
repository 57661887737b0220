namespace AudioEdge.Telemetry;

/// <summary>One reading of the process and machine state; each value null when it could not be read.</summary>
/// <param name="CpuPercent">CPU time of this process since the previous reading over the wall time elapsed, in percent of one core (0.1 resolution).</param>
/// <param name="RssMegabytes">Resident set size of this process in MiB (0.1 resolution).</param>
/// <param name="CpuTemperatureCelsius">The hottest readable thermal zone in °C (0.1 resolution).</param>
public readonly record struct SystemStats(double? CpuPercent, double? RssMegabytes, double? CpuTemperatureCelsius);
