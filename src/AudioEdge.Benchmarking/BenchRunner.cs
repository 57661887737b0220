using System.Diagnostics;
using System.Runtime.InteropServices;
using AudioEdge.Detection;
using AudioEdge.Dsp;
using AudioEdge.Dsp.Simd;
using AudioEdge.Inference;

namespace AudioEdge.Benchmarking;

/// <summary>
/// Runs the product's <see cref="DetectionPipeline"/> with the shipped model over looped audio in 100 ms blocks and
/// measures it. See <see cref="Run"/> for the method.
/// </summary>
public static class BenchRunner
{
    private const int SampleRate = 16_000;
    private const double SoakSampleSeconds = 60;

    /// <summary>Minimum wall time of each run's unmeasured warm-up, seconds.</summary>
    public const double WarmupSeconds = 0.5;

    /// <summary>Measures every variant × mode of <paramref name="options"/> (or soaks every variant).</summary>
    /// <remarks>
    /// <para>
    /// Per variant: a cold start (load, verify, open the session, build a pipeline, feed audio flat out until the first
    /// score), then per mode a fresh pipeline on the same session, warmed up with one model window of audio (not
    /// measured), then <see cref="BenchOptions.Seconds"/> of audio in 100 ms blocks.
    /// </para>
    /// <para>
    /// Stages per block: <b>end to end</b> is the wall time of <c>pipeline.Process(block)</c>. <b>Inference</b> is the
    /// time inside the model, from a timing <see cref="IWindowScorer"/> decorator the pipeline calls (one window per
    /// block at the model's 10-frame hop). <b>Front end</b> is the time a second <see cref="LogMelFrontEnd"/> — same
    /// options and SIMD level as the pipeline's own — takes on the same block, run right after, outside the end-to-end
    /// timing. <b>Detection</b> (tone tracking, cadence, glass-break physics, event logic, window bookkeeping) is the
    /// remainder, end to end − inference − front end, clamped at 0. Timing uses <see cref="Stopwatch.GetTimestamp"/>.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="ModelLoadException">The model does not load.</exception>
    public static BenchReport Run(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        DateTimeOffset started = DateTimeOffset.UtcNow;
        HardwareFacts hardware = HardwareFacts.Probe();
        long? baselineRss = ProcessStats.ResidentBytes();
        var startups = new List<VariantStartup>();
        var runs = new List<BenchRunResult>();
        string modelName = "?";
        int warmupBlocks = 0;
        foreach (string variant in options.Variants)
        {
            options.Progress?.Invoke($"{variant}: loading");
            long t0 = Stopwatch.GetTimestamp();
            ModelPackage package = ModelPackage.Load(options.ManifestPath, variant);
            using OnnxWindowScorer scorer = package.CreateScorer();
            modelName = package.Name;
            DetectionModel model = DetectionModel.FromPackage(package);
            startups.Add(MeasureStartup(t0, package, scorer, model, options));
            warmupBlocks = WarmupBlocks(scorer.WindowFrames, options.BlockSamples);

            if (options.SoakHours is { } hours)
            {
                options.Progress?.Invoke($"{variant}: soak, {hours:0.##} h of audio flat out");
                runs.Add(Measure(scorer, model, variant, BenchMode.Flat, hours * 3600, options, soak: true));
                continue;
            }

            foreach (BenchMode mode in options.Modes)
            {
                options.Progress?.Invoke($"{variant}: {ModeName(mode)}, {options.Seconds:0.#} s of audio");
                runs.Add(Measure(scorer, model, variant, mode, options.Seconds, options, soak: false));
            }
        }

        return new BenchReport
        {
            StartedUtc = started,
            Model = modelName,
            ManifestPath = Path.GetFullPath(options.ManifestPath),
            Seconds = options.Seconds,
            BudgetMs = options.BudgetMs,
            SoakHours = options.SoakHours,
            SoakMaxGrowthMb = options.SoakMaxGrowthMb,
            BlockSamples = options.BlockSamples,
            WarmupBlocks = warmupBlocks,
            FrontEndSimd = SimdCapabilities.Describe(),
            Runtime = $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}",
            Hardware = hardware,
            BaselineRssBytes = baselineRss,
            Startup = startups,
            Runs = runs,
        };
    }

    /// <summary>"realtime" or "flat", as on the command line and in the JSON.</summary>
    public static string ModeName(BenchMode mode) => mode == BenchMode.RealTime ? "realtime" : "flat";

    private static int WarmupBlocks(int windowFrames, int blockSamples) =>
        // Enough blocks to fill the model window (96 frames + the first frame's window) and score it once.
        (int)Math.Ceiling(((windowFrames * (double)FrontEndOptions.Default.HopLength) + FrontEndOptions.Default.WindowLength) / blockSamples);

    private static VariantStartup MeasureStartup(long t0, ModelPackage package, OnnxWindowScorer scorer, DetectionModel model, BenchOptions options)
    {
        var timing = new TimingScorer(scorer);
        var pipeline = new DetectionPipeline(timing, model, new CountingSink());
        double loadMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        var block = new float[options.BlockSamples];
        long position = 0;
        int limit = WarmupBlocks(scorer.WindowFrames, options.BlockSamples) + 10;
        for (int b = 0; b < limit && timing.FirstScoreTimestamp == 0; b++)
        {
            position = Fill(options.Audio, position, block);
            pipeline.Process(block);
        }

        double firstMs = timing.FirstScoreTimestamp == 0 ? double.NaN : Stopwatch.GetElapsedTime(t0, timing.FirstScoreTimestamp).TotalMilliseconds;
        return new VariantStartup(package.Variant, Path.GetFileName(package.ModelPath), loadMs, firstMs);
    }

    private static BenchRunResult Measure(OnnxWindowScorer scorer, DetectionModel model, string variant, BenchMode mode, double seconds, BenchOptions options, bool soak)
    {
        int blockSamples = options.BlockSamples;
        var timing = new TimingScorer(scorer);
        var sink = new CountingSink();
        var pipeline = new DetectionPipeline(timing, model, sink);
        var shadow = new LogMelFrontEnd();
        var shadowFrames = new float[((blockSamples / shadow.Options.HopLength) + 2) * shadow.FrameLength];
        var block = new float[blockSamples];
        float[] audio = options.Audio;
        long position = 0;

        // Warm-up, not measured (the cold start is measured separately): fill the window and score once, and keep going
        // flat out for WarmupSeconds of wall time so that .NET's tiered JIT has promoted the hot paths to optimised code,
        // as it has on a device a minute after boot. Otherwise the first seconds of a run measure tier-0 code.
        int warmup = WarmupBlocks(scorer.WindowFrames, blockSamples);
        long warmupStart = Stopwatch.GetTimestamp();
        for (int b = 0; b < warmup || Stopwatch.GetElapsedTime(warmupStart).TotalSeconds < WarmupSeconds; b++)
        {
            position = Fill(audio, position, block);
            pipeline.Process(block);
            shadow.Process(block, shadowFrames);
        }

        sink.Events = 0;
        var frontEnd = new LatencyHistogram();
        var inference = new LatencyHistogram();
        var detection = new LatencyHistogram();
        var endToEnd = new LatencyHistogram();
        long blocks = Math.Max(1, (long)Math.Ceiling(seconds * SampleRate / blockSamples));
        long blockTicks = (long)(Stopwatch.Frequency * (blockSamples / (double)SampleRate));
        int soakEvery = (int)Math.Max(1, Math.Round(SoakSampleSeconds * SampleRate / blockSamples));
        List<SoakSample>? samples = soak ? [] : null;
        int lateBlocks = 0;
        long processingTicks = 0;

        ThermalSnapshot before = ThermalSnapshot.Take();
        bool peakReset = ProcessStats.TryResetPeakResident();
        TimeSpan cpu0 = ProcessStats.CpuTime();
        int gen0 = GC.CollectionCount(0);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (long b = 0; b < blocks; b++)
        {
            if (samples is not null && b % soakEvery == 0)
            {
                samples.Add(new SoakSample(b * blockSamples / (double)SampleRate, GC.GetTotalMemory(false), ProcessStats.ResidentBytes()));
            }

            long due = start + (b * blockTicks);
            if (mode == BenchMode.RealTime)
            {
                WaitUntil(due);
            }

            position = Fill(audio, position, block);
            timing.TakeTicks();
            long s0 = Stopwatch.GetTimestamp();
            pipeline.Process(block);
            long s1 = Stopwatch.GetTimestamp();
            shadow.Process(block, shadowFrames);
            long s2 = Stopwatch.GetTimestamp();

            long e2eTicks = s1 - s0;
            long inferenceTicks = timing.TakeTicks();
            long frontEndTicks = s2 - s1;
            processingTicks += e2eTicks;
            endToEnd.Record(Milliseconds(e2eTicks));
            inference.Record(Milliseconds(inferenceTicks));
            frontEnd.Record(Milliseconds(frontEndTicks));
            detection.Record(Milliseconds(Math.Max(0, e2eTicks - inferenceTicks - frontEndTicks)));
            if (mode == BenchMode.RealTime && s1 > due + blockTicks)
            {
                lateBlocks++;
            }
        }

        long end = Stopwatch.GetTimestamp();
        long allocatedDuring = GC.GetAllocatedBytesForCurrentThread() - allocated;
        int gen0During = GC.CollectionCount(0) - gen0;
        TimeSpan cpu1 = ProcessStats.CpuTime();
        if (samples is not null)
        {
            samples.Add(new SoakSample(blocks * blockSamples / (double)SampleRate, GC.GetTotalMemory(false), ProcessStats.ResidentBytes()));
        }

        double wall = Stopwatch.GetElapsedTime(start, end).TotalSeconds;
        return new BenchRunResult
        {
            Variant = variant,
            Mode = mode,
            AudioSeconds = blocks * blockSamples / (double)SampleRate,
            Blocks = blocks,
            WallSeconds = wall,
            ProcessingSeconds = processingTicks / (double)Stopwatch.Frequency,
            CpuPercent = wall >= 1 ? (cpu1 - cpu0).TotalSeconds / wall * 100 : null,
            PeakRssBytes = ProcessStats.PeakResidentBytes(),
            PeakRssIsRunOnly = peakReset,
            RssBytes = ProcessStats.ResidentBytes(),
            ManagedBytes = GC.GetTotalMemory(false),
            AllocatedBytes = allocatedDuring,
            Gen0Collections = gen0During,
            LateBlocks = lateBlocks,
            Events = sink.Events,
            FrontEnd = frontEnd.Summarize(),
            Inference = inference.Summarize(),
            Detection = detection.Summarize(),
            EndToEnd = endToEnd.Summarize(),
            ThermalBefore = before,
            ThermalAfter = ThermalSnapshot.Take(),
            SoakSamples = samples,
            Soak = samples is null ? null : SoakAnalysis.Analyze(samples, options.SoakMaxGrowthMb),
        };
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static void WaitUntil(long timestamp)
    {
        // Sleep, never spin: a spinning wait would be counted in the run's CPU %. Linux sleeps are accurate to
        // well under a millisecond, far below the 100 ms period.
        long remaining;
        while ((remaining = timestamp - Stopwatch.GetTimestamp()) > 0)
        {
            Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, remaining * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
        }
    }

    /// <summary>Copies the next block from the looped audio; returns the new position.</summary>
    private static long Fill(float[] audio, long position, float[] block)
    {
        int filled = 0;
        while (filled < block.Length)
        {
            int offset = (int)(position % audio.Length);
            int count = Math.Min(block.Length - filled, audio.Length - offset);
            audio.AsSpan(offset, count).CopyTo(block.AsSpan(filled));
            filled += count;
            position += count;
        }

        return position;
    }

    private sealed class CountingSink : IEventSink
    {
        public int Events { get; set; }

        public void EventStarted(DetectionEvent detection) => Events++;

        public void EventEnded(DetectionEvent detection)
        {
        }
    }
}
