namespace AudioEdge.Benchmarking;

/// <summary>Exit codes of <c>audioedge bench</c> (beside 64 for bad arguments and 78 for a model that does not load).</summary>
public static class BenchExitCodes
{
    /// <summary>Every run's end-to-end p95 is within the budget (and a soak, if any, did not grow).</summary>
    public const int Success = 0;

    /// <summary>Some run's end-to-end p95 per block exceeded the budget.</summary>
    public const int OverBudget = 1;

    /// <summary>Within budget, but the soak's RSS grew by more than its threshold.</summary>
    public const int MemoryGrowth = 2;
}

/// <summary>Cold start of one variant: load and verify the package, open the ONNX session, build the pipeline, then feed audio flat out until the first window score.</summary>
/// <param name="Variant">int8, fp32, …</param>
/// <param name="ModelFile">The .onnx file's name.</param>
/// <param name="LoadMs">Package verification + session + pipeline construction, ms.</param>
/// <param name="FirstScoreMs">From the start of loading to the first score returned, ms (includes the first 0.985 s of audio, processed flat out).</param>
public sealed record VariantStartup(string Variant, string ModelFile, double LoadMs, double FirstScoreMs);

/// <summary>One measured run: one variant, one mode.</summary>
public sealed record BenchRunResult
{
    public required string Variant { get; init; }

    public required BenchMode Mode { get; init; }

    /// <summary>Audio fed during the measured part (the warm-up excluded), seconds.</summary>
    public required double AudioSeconds { get; init; }

    /// <summary>100 ms blocks measured.</summary>
    public required long Blocks { get; init; }

    /// <summary>Wall-clock time of the measured part, seconds.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Time inside <c>DetectionPipeline.Process</c>, summed over blocks, seconds.</summary>
    public required double ProcessingSeconds { get; init; }

    /// <summary>Audio seconds per second of pipeline processing (one thread): how many times faster than real time.</summary>
    public double RealTimeFactor => ProcessingSeconds > 0 ? AudioSeconds / ProcessingSeconds : 0;

    /// <summary>
    /// Process CPU time over wall time, percent of one core (all threads, includes the bench's own bookkeeping); null for
    /// runs shorter than a second, where /proc's 10 ms clock ticks make it meaningless.
    /// </summary>
    public double? CpuPercent { get; init; }

    /// <summary>VmHWM at the end of the run, bytes.</summary>
    public long? PeakRssBytes { get; init; }

    /// <summary>True when VmHWM was reset before the run (so the peak is this run's); false: the process's peak so far.</summary>
    public bool PeakRssIsRunOnly { get; init; }

    /// <summary>VmRSS at the end of the run (steady state), bytes.</summary>
    public long? RssBytes { get; init; }

    /// <summary>Managed heap at the end of the run, bytes.</summary>
    public long ManagedBytes { get; init; }

    /// <summary>Bytes allocated on the feeding thread during the measured part (the steady state should be near zero; events are objects).</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Gen-0 collections during the run.</summary>
    public int Gen0Collections { get; init; }

    /// <summary>Real-time mode: blocks finished after the next block was due (a microphone buffer would have filled). 0 in flat mode.</summary>
    public int LateBlocks { get; init; }

    /// <summary>Events the detector started during the run.</summary>
    public int Events { get; init; }

    /// <summary>Log-mel front end per block (a second front end fed the same block, outside the pipeline's timing).</summary>
    public required LatencySummary FrontEnd { get; init; }

    /// <summary>Model inference per block (timing decorator around the scorer inside the pipeline).</summary>
    public required LatencySummary Inference { get; init; }

    /// <summary>Detection logic per block: end to end minus inference minus front end (clamped at 0).</summary>
    public required LatencySummary Detection { get; init; }

    /// <summary><c>DetectionPipeline.Process</c> of one 100 ms block.</summary>
    public required LatencySummary EndToEnd { get; init; }

    public ThermalSnapshot? ThermalBefore { get; init; }

    public ThermalSnapshot? ThermalAfter { get; init; }

    /// <summary>Soak runs only: memory every simulated minute.</summary>
    public IReadOnlyList<SoakSample>? SoakSamples { get; init; }

    /// <summary>Soak runs only.</summary>
    public SoakAnalysis? Soak { get; init; }
}

/// <summary>Everything a bench measured, and its verdict.</summary>
public sealed record BenchReport
{
    public required DateTimeOffset StartedUtc { get; init; }

    public required string Model { get; init; }

    public required string ManifestPath { get; init; }

    public required double Seconds { get; init; }

    public required double BudgetMs { get; init; }

    public double? SoakHours { get; init; }

    public double SoakMaxGrowthMb { get; init; }

    public int BlockSamples { get; init; }

    public int WarmupBlocks { get; init; }

    public required string FrontEndSimd { get; init; }

    public required string Runtime { get; init; }

    public required HardwareFacts Hardware { get; init; }

    /// <summary>VmRSS when the bench started, before any model was loaded (runtime, host program, the generated audio), bytes.</summary>
    public long? BaselineRssBytes { get; init; }

    public required IReadOnlyList<VariantStartup> Startup { get; init; }

    public required IReadOnlyList<BenchRunResult> Runs { get; init; }

    /// <summary>The largest end-to-end p95 over the runs, ms.</summary>
    public double WorstEndToEndP95Ms => Runs.Count == 0 ? 0 : Runs.Max(r => r.EndToEnd.P95Ms);

    /// <summary>Every run's end-to-end p95 ≤ budget.</summary>
    public bool WithinBudget => Runs.All(r => r.EndToEnd.P95Ms <= BudgetMs);

    /// <summary>Null without a soak (or when RSS is unreadable); otherwise whether every soak stayed under its growth threshold.</summary>
    public bool? SoakPassed
    {
        get
        {
            var verdicts = Runs.Where(r => r.Soak?.Passed is not null).Select(r => r.Soak!.Passed!.Value).ToList();
            return verdicts.Count == 0 ? null : verdicts.All(v => v);
        }
    }

    /// <summary><see cref="BenchExitCodes"/>: over budget wins over memory growth.</summary>
    public int ExitCode => !WithinBudget ? BenchExitCodes.OverBudget : SoakPassed == false ? BenchExitCodes.MemoryGrowth : BenchExitCodes.Success;
}
