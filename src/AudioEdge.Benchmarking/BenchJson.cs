using System.Text;
using System.Text.Json;

namespace AudioEdge.Benchmarking;

/// <summary>
/// The machine-readable report (<c>audioedge bench --json</c>), schema <c>audioedge-bench/1</c>. Written by hand with
/// <see cref="Utf8JsonWriter"/> so the field names are the contract (snake_case), not a side effect of property names,
/// and so the trimmed device build needs no reflection. Values that could not be read are <c>null</c>. Times in ms
/// unless the name says otherwise; memory in MB (2^20 bytes).
/// </summary>
public static class BenchJson
{
    /// <summary>The schema identifier written as "schema".</summary>
    public const string Schema = "audioedge-bench/1";

    private const double Mb = 1024 * 1024;

    /// <summary>The report as indented JSON.</summary>
    public static string Serialize(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(json, report);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter json, BenchReport report)
    {
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("started_utc", report.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("model", report.Model);
        json.WriteString("manifest", report.ManifestPath);
        json.WriteString("runtime", report.Runtime);
        json.WriteString("front_end_simd", report.FrontEndSimd);
        Number(json, "baseline_rss_mb", Megabytes(report.BaselineRssBytes));

        json.WriteStartObject("settings");
        json.WriteNumber("seconds", report.Seconds);
        json.WriteNumber("budget_ms", report.BudgetMs);
        Number(json, "soak_hours", report.SoakHours);
        json.WriteNumber("soak_max_growth_mb", report.SoakMaxGrowthMb);
        json.WriteNumber("block_ms", report.BlockSamples * 1000.0 / 16_000);
        json.WriteNumber("warmup_blocks", report.WarmupBlocks);
        json.WriteEndObject();

        HardwareFacts hw = report.Hardware;
        json.WriteStartObject("hardware");
        json.WriteString("architecture", hw.Architecture);
        String(json, "cpu_model", hw.CpuModel);
        String(json, "board", hw.Board);
        Number(json, "cores", hw.Cores);
        json.WriteNumber("processor_count", hw.ProcessorCount);
        Bool(json, "adv_simd", hw.AdvSimd);
        Bool(json, "dot_product", hw.DotProduct);
        Bool(json, "avx2", hw.Avx2);
        Bool(json, "vnni", hw.Vnni);
        json.WriteString("runtime_intrinsics", hw.RuntimeIntrinsics);
        json.WriteEndObject();

        json.WriteStartArray("startup");
        foreach (VariantStartup startup in report.Startup)
        {
            json.WriteStartObject();
            json.WriteString("variant", startup.Variant);
            json.WriteString("file", startup.ModelFile);
            Number(json, "load_ms", Round(startup.LoadMs));
            Number(json, "first_score_ms", double.IsFinite(startup.FirstScoreMs) ? Round(startup.FirstScoreMs) : null);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("runs");
        foreach (BenchRunResult run in report.Runs)
        {
            WriteRun(json, run, report.BudgetMs);
        }

        json.WriteEndArray();

        json.WriteStartObject("verdict");
        json.WriteNumber("budget_ms", report.BudgetMs);
        json.WriteNumber("worst_end_to_end_p95_ms", Round(report.WorstEndToEndP95Ms));
        json.WriteBoolean("within_budget", report.WithinBudget);
        Bool(json, "soak_passed", report.SoakPassed);
        json.WriteNumber("exit_code", report.ExitCode);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter json, BenchRunResult run, double budgetMs)
    {
        json.WriteStartObject();
        json.WriteString("variant", run.Variant);
        json.WriteString("mode", BenchRunner.ModeName(run.Mode));
        json.WriteNumber("audio_seconds", run.AudioSeconds);
        json.WriteNumber("blocks", run.Blocks);
        json.WriteNumber("wall_seconds", Round(run.WallSeconds));
        json.WriteNumber("processing_seconds", Round(run.ProcessingSeconds));
        json.WriteNumber("real_time_factor", Math.Round(run.RealTimeFactor, 1));
        Number(json, "cpu_percent", run.CpuPercent is { } cpu ? Math.Round(cpu, 2) : null);
        Number(json, "peak_rss_mb", Megabytes(run.PeakRssBytes));
        json.WriteBoolean("peak_rss_is_run_only", run.PeakRssIsRunOnly);
        Number(json, "rss_mb", Megabytes(run.RssBytes));
        Number(json, "managed_heap_mb", Megabytes(run.ManagedBytes));
        json.WriteNumber("allocated_bytes", run.AllocatedBytes);
        json.WriteNumber("gen0_collections", run.Gen0Collections);
        json.WriteNumber("late_blocks", run.LateBlocks);
        json.WriteNumber("events", run.Events);
        json.WriteBoolean("within_budget", run.EndToEnd.P95Ms <= budgetMs);

        json.WriteStartObject("latency_ms");
        Latency(json, "front_end", run.FrontEnd);
        Latency(json, "inference", run.Inference);
        Latency(json, "detection", run.Detection);
        Latency(json, "end_to_end", run.EndToEnd);
        json.WriteEndObject();

        Thermal(json, "thermal_before", run.ThermalBefore);
        Thermal(json, "thermal_after", run.ThermalAfter);

        if (run.Soak is { } soak)
        {
            json.WriteStartObject("soak");
            json.WriteNumber("samples", soak.Samples);
            Number(json, "first_quarter_rss_mb", Round(soak.FirstQuarterRssMb));
            Number(json, "last_quarter_rss_mb", Round(soak.LastQuarterRssMb));
            Number(json, "rss_growth_mb", Round(soak.RssGrowthMb));
            json.WriteNumber("first_quarter_managed_mb", Round(soak.FirstQuarterManagedMb));
            json.WriteNumber("last_quarter_managed_mb", Round(soak.LastQuarterManagedMb));
            json.WriteNumber("managed_growth_mb", Round(soak.ManagedGrowthMb));
            json.WriteNumber("threshold_mb", soak.ThresholdMb);
            Bool(json, "passed", soak.Passed);
            json.WriteStartArray("series");
            foreach (SoakSample sample in run.SoakSamples ?? [])
            {
                json.WriteStartObject();
                json.WriteNumber("audio_seconds", sample.AudioSeconds);
                json.WriteNumber("managed_mb", Round(sample.ManagedBytes / Mb));
                Number(json, "rss_mb", Megabytes(sample.RssBytes));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void Latency(Utf8JsonWriter json, string name, LatencySummary summary)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", summary.Count);
        json.WriteNumber("mean", Round(summary.MeanMs));
        json.WriteNumber("p50", Round(summary.P50Ms));
        json.WriteNumber("p95", Round(summary.P95Ms));
        json.WriteNumber("p99", Round(summary.P99Ms));
        json.WriteNumber("max", Round(summary.MaxMs));
        json.WriteEndObject();
    }

    private static void Thermal(Utf8JsonWriter json, string name, ThermalSnapshot? snapshot)
    {
        json.WriteStartObject(name);
        Number(json, "min_current_mhz", snapshot?.MinCurrentMhz);
        Number(json, "max_current_mhz", snapshot?.MaxCurrentMhz);
        Number(json, "max_mhz", snapshot?.MaxMhz);
        Number(json, "temperature_c", snapshot?.TemperatureC);
        String(json, "temperature_zone", snapshot?.TemperatureZone);
        String(json, "throttled", snapshot?.Throttled);
        String(json, "throttled_meaning", snapshot?.ThrottledMeaning);
        json.WriteEndObject();
    }

    private static double Round(double value) => Math.Round(value, 4);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static double? Megabytes(long? bytes) => bytes is { } b ? Math.Round(b / Mb, 2) : null;

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void String(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void Bool(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } v)
        {
            json.WriteBoolean(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
