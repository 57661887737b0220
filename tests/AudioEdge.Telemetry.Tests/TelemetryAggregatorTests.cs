namespace AudioEdge.Telemetry.Tests;

[TestFixture]
public sealed class TelemetryAggregatorTests
{
    [Test]
    public void Audio_level_percentiles_are_nearest_rank_over_1_dB_bins()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        // Levels -1..-100 dBFS, once each, in shuffled order.
        foreach (int level in Enumerable.Range(1, 100).OrderBy(i => (i * 37) % 101))
        {
            aggregator.RecordAudioBlock(TestAggregators.ConstantBlock(-level));
        }

        AudioLevelPercentiles levels = aggregator.TakeReport(TestAggregators.Start.AddMinutes(5)).AudioLevelDbfs;
        Assert.Multiple(() =>
        {
            Assert.That(levels.P10, Is.EqualTo(-91), "10th smallest of -100..-1");
            Assert.That(levels.P50, Is.EqualTo(-51));
            Assert.That(levels.P90, Is.EqualTo(-11));
        });
    }

    [Test]
    public void Levels_are_rounded_to_the_nearest_decibel_and_clamped_to_the_histogram()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        aggregator.RecordAudioBlock(TestAggregators.ConstantBlock(-20.4));
        Assert.That(aggregator.TakeReport(TestAggregators.Start).AudioLevelDbfs.P50, Is.EqualTo(-20));

        aggregator.RecordAudioBlock(TestAggregators.ConstantBlock(-20.6));
        Assert.That(aggregator.TakeReport(TestAggregators.Start).AudioLevelDbfs.P50, Is.EqualTo(-21));

        aggregator.RecordAudioBlock(new float[1600]);                          // digital silence: -inf
        aggregator.RecordAudioBlock(TestAggregators.ConstantBlock(-150));
        aggregator.RecordAudioBlock(Enumerable.Repeat(float.NaN, 1600).ToArray());
        AudioLevelPercentiles quiet = aggregator.TakeReport(TestAggregators.Start).AudioLevelDbfs;
        Assert.That(new[] { quiet.P10, quiet.P50, quiet.P90 }, Is.All.EqualTo(-120));

        aggregator.RecordAudioBlock(Enumerable.Repeat(4f, 1600).ToArray());    // +12 dBFS float input
        Assert.That(aggregator.TakeReport(TestAggregators.Start).AudioLevelDbfs.P90, Is.EqualTo(0));
    }

    [Test]
    public void A_full_scale_sine_reads_minus_3_dBFS()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        float[] sine = Enumerable.Range(0, 1600).Select(n => (float)Math.Sin(2 * Math.PI * 1000 * n / 16000)).ToArray();
        aggregator.RecordAudioBlock(sine);
        Assert.That(aggregator.TakeReport(TestAggregators.Start).AudioLevelDbfs.P50, Is.EqualTo(-3));
    }

    [Test]
    public void Clipped_samples_are_those_at_or_above_0_999_in_magnitude()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        aggregator.RecordAudioBlock([0.5f, 0.998f, 0.999f, -0.999f, 1f, -1.5f, 0f]);
        aggregator.RecordAudioBlock([1f]);
        Assert.That(aggregator.TakeReport(TestAggregators.Start).ClippedSamples, Is.EqualTo(5));
    }

    [Test]
    public void An_empty_report_has_null_percentiles_and_zero_counts()
    {
        TelemetryReport report = TestAggregators.Create().TakeReport(TestAggregators.Start.AddMinutes(5));
        Assert.Multiple(() =>
        {
            Assert.That(report.AudioLevelDbfs, Is.EqualTo(new AudioLevelPercentiles()));
            Assert.That(report.InferenceLatencyMs, Is.EqualTo(new LatencyPercentiles()));
            Assert.That(report.Detections, Is.EqualTo(new Dictionary<string, int> { ["smoke_alarm"] = 0, ["co_alarm"] = 0, ["glass_break"] = 0 }));
            Assert.That(report.ScoreHistograms.Values, Is.All.EqualTo(new int[10]));
            Assert.That(report.SpectralProfile, Is.Null);
            Assert.That(report.Epsilon, Is.Null);
            Assert.That(report.IntervalStart, Is.EqualTo(TestAggregators.Start));
            Assert.That(report.IntervalEnd, Is.EqualTo(TestAggregators.Start.AddMinutes(5)));
            Assert.That(report.DeviceId, Is.EqualTo("kitchen-1"));
            Assert.That(report.Model, Is.EqualTo("audioedge-cnn@0.1.0"));
            Assert.That(report.Schema, Is.EqualTo("audioedge-telemetry/1"));
        });
    }

    [Test]
    public void Score_histograms_have_ten_bins_per_label_with_out_of_range_scores_in_the_end_bins()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        float[] alarmScores = [0f, 0.05f, 0.1f, 0.35f, 0.5f, 0.95f, 0.999f, 1f, -0.2f, 1.7f, float.NaN];
        foreach (float score in alarmScores)
        {
            aggregator.RecordWindowScores([score, 0.42f]);
        }

        TelemetryReport report = aggregator.TakeReport(TestAggregators.Start);
        Assert.Multiple(() =>
        {
            Assert.That(report.ScoreHistograms["alarm"], Is.EqualTo(new[] { 4, 1, 0, 1, 0, 1, 0, 0, 0, 4 }));
            Assert.That(report.ScoreHistograms["glass_break"], Is.EqualTo(new[] { 0, 0, 0, 0, alarmScores.Length, 0, 0, 0, 0, 0 }));
        });
    }

    [Test]
    public void Scores_must_match_the_model_labels() =>
        Assert.That(() => TestAggregators.Create().RecordWindowScores([0.5f]), Throws.ArgumentException.With.Message.Contains("Expected 2 scores"));

    [Test]
    public void Detections_are_counted_per_label_and_unknown_labels_are_refused()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        aggregator.RecordDetection("smoke_alarm");
        aggregator.RecordDetection("smoke_alarm");
        aggregator.RecordDetection("glass_break");
        Assert.That(() => aggregator.RecordDetection("doorbell"), Throws.ArgumentException);

        Assert.That(aggregator.TakeReport(TestAggregators.Start).Detections,
            Is.EqualTo(new Dictionary<string, int> { ["smoke_alarm"] = 2, ["co_alarm"] = 0, ["glass_break"] = 1 }));
    }

    [Test]
    public void Latency_percentiles_come_from_the_log_histogram_within_its_resolution()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        for (int ms = 1; ms <= 100; ms++)
        {
            aggregator.RecordInferenceLatency(TimeSpan.FromMilliseconds(ms));
        }

        LatencyPercentiles latency = aggregator.TakeReport(TestAggregators.Start).InferenceLatencyMs;
        Assert.Multiple(() =>
        {
            Assert.That(latency.Count, Is.EqualTo(100));
            Assert.That(latency.P50!.Value, Is.EqualTo(50).Within(3.7).Percent);
            Assert.That(latency.P95!.Value, Is.EqualTo(95).Within(3.7).Percent);
            Assert.That(latency.P99!.Value, Is.EqualTo(99).Within(3.7).Percent);
        });
    }

    [TestCase(0.05)]
    [TestCase(0.73)]
    [TestCase(12.3)]
    [TestCase(250.0)]
    [TestCase(4321.0)]
    [TestCase(99_000.0)]
    public void A_single_latency_reads_back_within_3_7_percent(double milliseconds)
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        aggregator.RecordInferenceLatency(TimeSpan.FromMilliseconds(milliseconds));
        LatencyPercentiles latency = aggregator.TakeReport(TestAggregators.Start).InferenceLatencyMs;
        Assert.That(new[] { latency.P50, latency.P95, latency.P99 }, Is.All.EqualTo(milliseconds).Within(3.7).Percent);
    }

    [Test]
    public void Latencies_outside_the_histogram_are_clamped_to_its_ends()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        aggregator.RecordInferenceLatency(TimeSpan.Zero);
        aggregator.RecordInferenceLatency(TimeSpan.FromMinutes(5));
        LatencyPercentiles latency = aggregator.TakeReport(TestAggregators.Start).InferenceLatencyMs;
        Assert.Multiple(() =>
        {
            Assert.That(latency.P50, Is.EqualTo(0.01));
            Assert.That(latency.P99, Is.EqualTo(100_000));
        });
    }

    [Test]
    public void A_tail_shows_in_p99_but_not_p50()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        for (int i = 0; i < 980; i++)
        {
            aggregator.RecordInferenceLatency(TimeSpan.FromMilliseconds(20));
        }

        for (int i = 0; i < 20; i++)
        {
            aggregator.RecordInferenceLatency(TimeSpan.FromMilliseconds(400));
        }

        LatencyPercentiles latency = aggregator.TakeReport(TestAggregators.Start).InferenceLatencyMs;
        Assert.Multiple(() =>
        {
            Assert.That(latency.P50!.Value, Is.EqualTo(20).Within(3.7).Percent);
            Assert.That(latency.P95!.Value, Is.EqualTo(20).Within(3.7).Percent);
            Assert.That(latency.P99!.Value, Is.EqualTo(400).Within(3.7).Percent);
        });
    }

    [Test]
    public void Audio_source_counters_are_reported_as_deltas_per_interval()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        aggregator.RecordAudioSourceStatistics(100, 1, 0);
        aggregator.RecordAudioSourceStatistics(250, 2, 1);
        TelemetryReport first = aggregator.TakeReport(TestAggregators.Start.AddMinutes(5));

        aggregator.RecordAudioSourceStatistics(250, 2, 1);
        TelemetryReport unchanged = aggregator.TakeReport(TestAggregators.Start.AddMinutes(10));

        aggregator.RecordAudioSourceStatistics(300, 5, 1);
        aggregator.RecordAudioSourceStatistics(40, 1, 0);     // the source was recreated: counters restart
        TelemetryReport afterRestart = aggregator.TakeReport(TestAggregators.Start.AddMinutes(15));

        Assert.Multiple(() =>
        {
            Assert.That((first.DroppedSamples, first.Overruns, first.Reconnects), Is.EqualTo((250L, 2L, 1L)));
            Assert.That((unchanged.DroppedSamples, unchanged.Overruns, unchanged.Reconnects), Is.EqualTo((0L, 0L, 0L)));
            Assert.That((afterRestart.DroppedSamples, afterRestart.Overruns, afterRestart.Reconnects), Is.EqualTo((90L, 4L, 0L)));
        });
    }

    [Test]
    public void Taking_a_report_starts_a_new_interval()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        aggregator.RecordAudioBlock(TestAggregators.ConstantBlock(-30));
        aggregator.RecordWindowScores([0.9f, 0.1f]);
        aggregator.RecordDetection("co_alarm");
        aggregator.RecordInferenceLatency(TimeSpan.FromMilliseconds(12));
        aggregator.RecordLogMelFrames(TestAggregators.Frames(PrivateSpectralProfile.MinimumFrames, -5f));
        TelemetryReport first = aggregator.TakeReport(TestAggregators.Start.AddMinutes(5));
        TelemetryReport second = aggregator.TakeReport(TestAggregators.Start.AddMinutes(10));

        Assert.Multiple(() =>
        {
            Assert.That(first.AudioLevelDbfs.P50, Is.EqualTo(-30));
            Assert.That(first.Detections["co_alarm"], Is.EqualTo(1));
            Assert.That(first.SpectralProfile, Is.Not.Null);
            Assert.That(second.IntervalStart, Is.EqualTo(first.IntervalEnd));
            Assert.That(second.AudioLevelDbfs.P50, Is.Null);
            Assert.That(second.Detections["co_alarm"], Is.Zero);
            Assert.That(second.ScoreHistograms["alarm"].Sum(), Is.Zero);
            Assert.That(second.InferenceLatencyMs.Count, Is.Zero);
            Assert.That(second.SpectralProfile, Is.Null);
        });
    }

    [Test]
    public void The_model_can_change_between_reports()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        aggregator.Model = "audioedge-cnn@0.2.0";
        Assert.That(aggregator.TakeReport(TestAggregators.Start).Model, Is.EqualTo("audioedge-cnn@0.2.0"));
        Assert.That(() => aggregator.Model = new string('m', 65), Throws.ArgumentException);
    }

    [Test]
    public void Construction_reports_every_problem_at_once()
    {
        var options = new TelemetryOptions { Epsilon = 50 };
        var error = Assert.Throws<ArgumentException>(() => _ = new TelemetryAggregator(
            "kitchen 1", "", ["alarm", "alarm"], ["Smoke"], options, TestAggregators.Start))!;
        Assert.That(error.Message, Does.Contain("Telemetry:Epsilon")
            .And.Contains("device id")
            .And.Contains("model")
            .And.Contains("'alarm' appears twice")
            .And.Contains("(was 'Smoke')"));
    }

    [Test]
    public void Too_many_labels_are_refused() =>
        Assert.That(() => new TelemetryAggregator("d", "m@1", ["a", "b", "c", "d", "e", "f", "g"], ["x"], new TelemetryOptions(), TestAggregators.Start),
            Throws.ArgumentException.With.Message.Contains("1..6 score labels"));

    [Test]
    public void Concurrent_recording_loses_nothing()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        const int perThread = 20_000;
        var reports = new List<TelemetryReport>();
        using var done = new CountdownEvent(3);
        var recorders = new[]
        {
            new Thread(() => { for (int i = 0; i < perThread; i++) { aggregator.RecordWindowScores([0.95f, 0.05f]); } done.Signal(); }),
            new Thread(() => { for (int i = 0; i < perThread; i++) { aggregator.RecordDetection("glass_break"); } done.Signal(); }),
            new Thread(() => { for (int i = 0; i < perThread; i++) { aggregator.RecordInferenceLatency(TimeSpan.FromMilliseconds(5)); } done.Signal(); }),
        };
        foreach (Thread thread in recorders)
        {
            thread.Start();
        }

        // Take reports while the recorders run, then one more after they finish.
        DateTimeOffset now = TestAggregators.Start;
        while (!done.IsSet)
        {
            now = now.AddSeconds(1);
            reports.Add(aggregator.TakeReport(now));
        }

        foreach (Thread thread in recorders)
        {
            thread.Join();
        }

        reports.Add(aggregator.TakeReport(now.AddSeconds(1)));
        Assert.Multiple(() =>
        {
            Assert.That(reports.Sum(r => r.ScoreHistograms["alarm"][9]), Is.EqualTo(perThread));
            Assert.That(reports.Sum(r => r.ScoreHistograms["glass_break"][0]), Is.EqualTo(perThread));
            Assert.That(reports.Sum(r => r.Detections["glass_break"]), Is.EqualTo(perThread));
            Assert.That(reports.Sum(r => r.InferenceLatencyMs.Count), Is.EqualTo(perThread));
        });
    }

    [Test]
    public void System_statistics_are_taken_from_the_reader()
    {
        using var tree = new FakeSystemTree();
        tree.WriteStat(utimeTicks: 100, stimeTicks: 0);
        tree.WriteStatus(rssKilobytes: 51_200);
        tree.WriteThermalZone(0, "48260");
        var clock = new ManualTimeProvider();
        var reader = new SystemStatsReader(tree.ProcRoot, tree.SysRoot, clock);
        TelemetryAggregator aggregator = TestAggregators.Create(systemStats: reader);

        tree.WriteStat(utimeTicks: 130, stimeTicks: 20);
        clock.Advance(TimeSpan.FromSeconds(10));
        TelemetryReport report = aggregator.TakeReport(TestAggregators.Start.AddSeconds(10));
        Assert.Multiple(() =>
        {
            Assert.That(report.CpuPercent, Is.EqualTo(5.0), "0.5 s of CPU in 10 s");
            Assert.That(report.RssMb, Is.EqualTo(50.0));
            Assert.That(report.CpuTemperatureC, Is.EqualTo(48.3));
        });
    }
}
