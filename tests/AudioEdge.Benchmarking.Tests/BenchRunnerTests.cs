using AudioEdge.Daemon.Demo;
using AudioEdge.Testing;

namespace AudioEdge.Benchmarking.Tests;

/// <summary>
/// One short bench (2 s of audio, both modes, both variants) shared by the tests: its numbers must be plausible and
/// consistent with each other. Nothing here asserts a speed.
/// </summary>
[NonParallelizable]
public class BenchRunnerTests
{
    private BenchReport _report = null!;

    internal static string Manifest => Path.Combine(RepositoryPaths.Root, "models", "manifest.json");

    /// <summary>"id@version" of the shipped model, read from its manifest: what reports must name.</summary>
    internal static string ModelName => ModelManifestName.Read(Manifest);

    [OneTimeSetUp]
    public void RunShortBench()
    {
        _report = BenchRunner.Run(new BenchOptions
        {
            ManifestPath = Manifest,
            Audio = BenchAudio.Create(DemoRecording.Generate()),
            Seconds = 2,
        });
    }

    [Test]
    public void Both_variants_and_both_modes_are_measured()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_report.Runs.Select(r => (r.Variant, r.Mode)), Is.EqualTo(new[]
            {
                ("int8", BenchMode.RealTime), ("int8", BenchMode.Flat), ("fp32", BenchMode.RealTime), ("fp32", BenchMode.Flat),
            }));
            Assert.That(_report.Startup.Select(s => s.Variant), Is.EqualTo(new[] { "int8", "fp32" }));
            Assert.That(_report.Model, Is.EqualTo(ModelName));
        });
    }

    [Test]
    public void Every_run_covers_the_requested_audio_in_100_ms_blocks()
    {
        foreach (BenchRunResult run in _report.Runs)
        {
            Assert.Multiple(() =>
            {
                Assert.That(run.Blocks, Is.EqualTo(20));
                Assert.That(run.AudioSeconds, Is.EqualTo(2.0));
                Assert.That(run.EndToEnd.Count, Is.EqualTo(20));
                Assert.That(run.Inference.Count, Is.EqualTo(20));
                Assert.That(run.FrontEnd.Count, Is.EqualTo(20));
                Assert.That(run.Detection.Count, Is.EqualTo(20));
            });
        }
    }

    [Test]
    public void Percentiles_are_ordered_in_every_stage()
    {
        foreach (BenchRunResult run in _report.Runs)
        {
            foreach (LatencySummary stage in new[] { run.FrontEnd, run.Inference, run.Detection, run.EndToEnd })
            {
                Assert.That(new[] { stage.P50Ms, stage.P95Ms, stage.P99Ms, stage.MaxMs }, Is.Ordered, $"{run.Variant} {run.Mode}");
                Assert.That(stage.P50Ms, Is.GreaterThanOrEqualTo(0));
            }
        }
    }

    [Test]
    public void Stages_are_consistent_with_the_end_to_end_time()
    {
        foreach (BenchRunResult run in _report.Runs)
        {
            Assert.Multiple(() =>
            {
                // Inference runs inside Process, so per block it cannot exceed it; the sums follow.
                Assert.That(run.Inference.MeanMs, Is.LessThanOrEqualTo(run.EndToEnd.MeanMs));
                Assert.That(run.Inference.MaxMs, Is.LessThanOrEqualTo(run.EndToEnd.MaxMs));
                Assert.That(run.Inference.P50Ms, Is.GreaterThan(0), "one window is scored per block after the warm-up");
                Assert.That(run.EndToEnd.P50Ms, Is.GreaterThan(0));
                Assert.That(run.ProcessingSeconds, Is.EqualTo(run.EndToEnd.MeanMs * run.Blocks / 1000).Within(1e-6));
                Assert.That(run.RealTimeFactor, Is.GreaterThan(0));
                Assert.That(run.RealTimeFactor, Is.EqualTo(run.AudioSeconds / run.ProcessingSeconds).Within(1e-9));
                Assert.That(run.WallSeconds, Is.GreaterThanOrEqualTo(run.ProcessingSeconds));
            });
        }
    }

    [Test]
    public void Real_time_runs_take_about_the_audio_duration_and_flat_runs_less()
    {
        foreach (BenchRunResult run in _report.Runs)
        {
            if (run.Mode == BenchMode.RealTime)
            {
                // 20 blocks, the first due at once: at least 19 block periods of wall time.
                Assert.That(run.WallSeconds, Is.GreaterThanOrEqualTo(1.9), run.Variant);
                Assert.That(run.CpuPercent, Is.Not.Null.And.GreaterThanOrEqualTo(0));
            }
            else
            {
                Assert.That(run.LateBlocks, Is.Zero, "flat runs have no deadlines");
            }
        }
    }

    [Test]
    public void Memory_and_start_up_are_reported()
    {
        Assert.Multiple(() =>
        {
            foreach (VariantStartup startup in _report.Startup)
            {
                Assert.That(startup.LoadMs, Is.GreaterThan(0));
                Assert.That(startup.FirstScoreMs, Is.GreaterThanOrEqualTo(startup.LoadMs));
            }

            foreach (BenchRunResult run in _report.Runs)
            {
                Assert.That(run.ManagedBytes, Is.GreaterThan(0));
                Assert.That(run.Soak, Is.Null);
                if (OperatingSystem.IsLinux())
                {
                    Assert.That(run.RssBytes, Is.GreaterThan(0));
                    Assert.That(run.PeakRssBytes, Is.GreaterThan(0));
                }
            }
        });
    }

    [Test]
    public void The_exit_code_follows_the_budget()
    {
        // Not a timing test: the same measurements compared with a budget nothing meets, and with one anything meets.
        BenchReport impossible = _report with { BudgetMs = 0.000001 };
        BenchReport generous = _report with { BudgetMs = 1e9 };
        Assert.Multiple(() =>
        {
            Assert.That(impossible.WithinBudget, Is.False);
            Assert.That(impossible.ExitCode, Is.EqualTo(BenchExitCodes.OverBudget));
            Assert.That(generous.WithinBudget, Is.True);
            Assert.That(generous.ExitCode, Is.EqualTo(BenchExitCodes.Success));
            Assert.That(_report.WorstEndToEndP95Ms, Is.EqualTo(_report.Runs.Max(r => r.EndToEnd.P95Ms)));
        });
    }

    [Test]
    public void Invalid_options_are_refused_with_every_problem()
    {
        var options = new BenchOptions { ManifestPath = Manifest, Audio = new float[10], Seconds = 0, BudgetMs = -1, Variants = [] };
        ArgumentException? ex = Assert.Throws<ArgumentException>(() => BenchRunner.Run(options));
        Assert.That(ex!.Message, Does.Contain("--seconds").And.Contain("--budget-ms").And.Contain("variant").And.Contain("audio"));
    }

    [Test]
    public void The_bench_audio_is_the_recording_then_synthetic_co_alarm()
    {
        float[] recording = DemoRecording.Generate();
        float[] loop = BenchAudio.Create(recording);
        Assert.Multiple(() =>
        {
            Assert.That(loop, Has.Length.EqualTo(recording.Length + (int)(BenchAudio.SyntheticSeconds * 16_000)));
            Assert.That(loop.AsSpan(0, recording.Length).SequenceEqual(recording), Is.True);
            Assert.That(loop.Skip(recording.Length).Max(), Is.GreaterThan(0.2f), "the synthetic CO alarm tone is there");
        });
    }
}
