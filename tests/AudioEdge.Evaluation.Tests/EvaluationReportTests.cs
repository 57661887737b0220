using AudioEdge.Detection;

namespace AudioEdge.Evaluation.Tests;

[TestFixture]
public sealed class EvaluationReportTests
{
    private static ItemOutcome Outcome(string expected, double? onset, params (string Label, double DetectedAt)[] events) =>
        new(
            new EvaluationItem($"item expecting {expected}", expected, new float[16000], onset, onset is null ? "real" : "synthetic"),
            events.Select((e, i) => new DetectionEvent(i, e.Label, e.DetectedAt - 1, e.DetectedAt + 3, 0.9, e.DetectedAt, "m@1")).ToList(),
            [],
            new Dictionary<string, double[]>());

    [Test]
    public void Cadence_latency_counts_from_the_first_complete_group_and_is_shown_beside_the_placement_latency()
    {
        ItemOutcome cut = Outcome("smoke_alarm", 2.0, ("smoke_alarm", 6.9));
        ItemOutcome[] outcomes =
        [
            cut with { Item = cut.Item with { CadenceOnset = 4.5 } },          // started with a group's tail: 4.9 s / 2.4 s
            Outcome("glass_break", 1.0, ("glass_break", 1.4)),                  // no cadence: placement latency only
        ];

        EvaluationReport report = EvaluationReport.Build(outcomes, windows: null);

        Assert.That(report.Latency["smoke_alarm"].Median, Is.EqualTo(4.9).Within(1e-9));
        Assert.That(report.CadenceLatency["smoke_alarm"].Median, Is.EqualTo(2.4).Within(1e-9));
        Assert.That(report.CadenceLatency["glass_break"].Count, Is.Zero);
        // The events table comes first; the confusion matrix below it has a smoke_alarm row too.
        string smokeRow = report.ToMarkdown("t", "r").Split('\n').First(l => l.StartsWith("| smoke_alarm |", StringComparison.Ordinal));
        Assert.That(smokeRow, Does.EndWith("| 4.90 / 4.90 / 4.90 | 2.40 / 2.40 / 2.40 |"));
    }

    [Test]
    public void Alarm_scenarios_are_counted_against_their_latency_target_per_kind()
    {
        ItemOutcome Scenario(string kind, double target, double? detectedAt)
        {
            ItemOutcome o = detectedAt is { } at ? Outcome("smoke_alarm", 1.0, ("smoke_alarm", at)) : Outcome("smoke_alarm", 1.0);
            return o with { Item = o.Item with { CadenceOnset = 2.0, Scenario = kind, LatencyTarget = target } };
        }

        ItemOutcome[] outcomes =
        [
            Scenario("smoke_t3", 3.0, 4.5),    // 2.5 s from the first complete group: within
            Scenario("smoke_t3", 3.0, 5.0),    // 3.0 s: within (the target is inclusive)
            Scenario("smoke_t3", 3.0, 5.5),    // 3.5 s: found, late
            Scenario("smoke_t3", 3.0, null),   // missed
            Scenario("co_t4", 5.7, 7.5),       // 5.5 s: within one cycle
        ];

        EvaluationReport report = EvaluationReport.Build(outcomes, windows: null);

        Assert.That(outcomes.Select(o => o.WithinTarget), Is.EqualTo(new bool?[] { true, true, false, false, true }));
        Assert.That(Outcome("smoke_alarm", 1.0, ("smoke_alarm", 2.0)).WithinTarget, Is.Null, "no target, no verdict");
        string[] lines = report.ToMarkdown("t", "r").Split('\n');
        Assert.That(lines, Does.Contain("| smoke_t3 | 4 | 3 | 2 | 3.0 | 3.00 / 3.50 |"));
        Assert.That(lines, Does.Contain("| co_t4 | 1 | 1 | 1 | 5.7 | 5.50 / 5.50 |"));
    }

    [Test]
    public void Counts_found_missed_and_false_alarms_per_label_and_latency_from_the_onset()
    {
        ItemOutcome[] outcomes =
        [
            Outcome("smoke_alarm", 2.0, ("smoke_alarm", 4.5)),           // found, 2.5 s
            Outcome("smoke_alarm", 1.0),                                  // missed
            Outcome("co_alarm", 3.0, ("co_alarm", 4.0), ("glass_break", 3.2)), // found, plus a false glass break
            Outcome("glass_break", 1.0, ("glass_break", 1.4)),            // found
            Outcome("none", null, ("smoke_alarm", 7.0)),                  // false smoke alarm
            Outcome("none", null),                                        // quiet, as it should be
            Outcome("alarm", null, ("co_alarm", 5.0)),                    // a real alarm recording: either alarm satisfies it
        ];

        EvaluationReport report = EvaluationReport.Build(outcomes, windows: null);

        Assert.That(report.EventCounts["smoke_alarm"], Is.EqualTo(new BinaryCounts(TruePositives: 1, FalsePositives: 1, FalseNegatives: 1, TrueNegatives: 3)));
        Assert.That(report.EventCounts["co_alarm"], Is.EqualTo(new BinaryCounts(1, 0, 0, 5)));
        Assert.That(report.EventCounts["glass_break"], Is.EqualTo(new BinaryCounts(1, 1, 0, 5)));
        Assert.That(report.EventCounts["alarm"], Is.EqualTo(new BinaryCounts(3, 1, 1, 2)));
        Assert.That(report.Latency["smoke_alarm"], Is.EqualTo(new LatencySummary(1, 2.5, 2.5, 2.5)));
        Assert.That(report.Latency["co_alarm"].Median, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(report.Misses.Select(o => o.Item.Expected), Is.EqualTo(new[] { "smoke_alarm" }));
        Assert.That(report.FalseAlarms.Count(), Is.EqualTo(2));
        Assert.That(report.Confusion["none", "smoke_alarm"], Is.EqualTo(1));
        Assert.That(report.Confusion["alarm", "alarm"], Is.EqualTo(1));

        string markdown = report.ToMarkdown("t", "audioedge eval x");
        // 1 false alarm on 4 recordings without smoke, 1 of 2 found: wide intervals, as they should be on so few.
        Assert.That(markdown, Does.Contain("| smoke_alarm | 2 | 1 | 1 | 1 | 0.046–0.699 | 0.500 | 0.500 | 0.095–0.905 | 0.500 | 2.50 / 2.50 / 2.50 |"));
        Assert.That(markdown, Does.Contain("## Misses (1)").And.Contain("## False alarms (2)"));
    }

    [Test]
    public void Glass_break_variants_are_reported_apart_per_alteration_and_not_counted_above()
    {
        float[] recording = [.. Enumerable.Range(0, 16000 * 5).Select(i => 0.5f)];
        List<EvaluationItem> variants = [.. GlassBreakVariants.Create("gb1.wav", recording, breakStart: 1.0)];
        ItemOutcome[] outcomes =
        [
            Outcome("glass_break", 1.0, ("glass_break", 1.4)),
            Outcome("none", null),
            Variant(variants[0], ("glass_break", 0.4)),
            Variant(variants[1]),
            Variant(variants[2], ("glass_break", 1.4)),
            Variant(variants[3], ("smoke_alarm", 2.0)),
        ];

        EvaluationReport report = EvaluationReport.Build(outcomes, windows: null);

        Assert.That(variants.Select(t => (t.Scenario, t.Samples.Length)), Is.EqualTo(new[]
        {
            (GlassBreakVariants.StartsAtBreak, 16000 * 4),
            (GlassBreakVariants.StopsAfterBreak, (int)(16000 * 1.3)),
            (GlassBreakVariants.Quieter10, 16000 * 5),
            (GlassBreakVariants.Quieter20, 16000 * 5),
        }));
        Assert.That(variants[3].Samples.Average(), Is.EqualTo(0.05).Within(1e-5), "20 dB: a tenth of the amplitude");
        double noise = Math.Sqrt(variants[3].Samples.Average(x => (x - 0.05) * (x - 0.05)));
        Assert.That(20 * Math.Log10(noise), Is.EqualTo(-85).Within(0.5), "plus a microphone's self-noise");
        Assert.That(report.EventCounts["glass_break"], Is.EqualTo(new BinaryCounts(1, 0, 0, 1)), "the main counts leave them out");
        Assert.That(report.Misses, Is.Empty);
        Assert.That(report.FalseAlarms, Is.Empty);
        Assert.That(report.Variants, Has.Count.EqualTo(4));
        string markdown = report.ToMarkdown("t", "audioedge eval x");
        Assert.That(markdown, Does.Contain("| starts at the break | 1 | 1 | 0 | – |"));
        Assert.That(markdown, Does.Contain("| stops 0.3 s after the break | 1 | 0 | 0 | `gb1.wav` |"));
        Assert.That(markdown, Does.Contain("| 20 dB quieter | 1 | 0 | 1 | `gb1.wav` |"));
        Assert.That(markdown, Does.Contain("Recordings: 1 real"));
    }

    [TestCase("glass_break 0.99-2.20", 0.99)]
    [TestCase("alarm 0.01-0.29;glass_break 2.97-5.05;glass_break 7.00-7.50", 2.97)]
    [TestCase("alarm 0.01-0.29", null)]
    [TestCase("", null)]
    public void The_first_break_is_read_from_a_validation_lists_events(string events, double? expected) =>
        Assert.That(GlassBreakVariants.FirstBreak(events), Is.EqualTo(expected));

    [Test]
    public void A_break_too_near_either_end_gets_only_the_trimmed_copy_that_differs()
    {
        Assert.That(GlassBreakVariants.Create("a", new float[16000 * 3], 0.1).Select(t => t.Scenario), Is.EqualTo(new[] { GlassBreakVariants.StopsAfterBreak, GlassBreakVariants.Quieter10, GlassBreakVariants.Quieter20 }));
        Assert.That(GlassBreakVariants.Create("b", new float[16000 * 3], 2.6).Select(t => t.Scenario), Is.EqualTo(new[] { GlassBreakVariants.StartsAtBreak, GlassBreakVariants.Quieter10, GlassBreakVariants.Quieter20 }));
    }

    private static ItemOutcome Variant(EvaluationItem item, params (string Label, double DetectedAt)[] events) =>
        new(item, events.Select((e, i) => new DetectionEvent(i, e.Label, 0, e.DetectedAt + 1, 0.9, e.DetectedAt, "m@1")).ToList(), [], new Dictionary<string, double[]>());
}
