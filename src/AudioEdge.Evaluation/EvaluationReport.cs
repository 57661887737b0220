using System.Globalization;
using System.Text;

namespace AudioEdge.Evaluation;

/// <summary>Event-level results of an evaluation run, with the optional window-level metrics, as numbers and as markdown.</summary>
public sealed class EvaluationReport
{
    private static readonly string[] MatrixClasses = [EvaluationLabels.None, EvaluationLabels.Alarm, EvaluationLabels.SmokeAlarm, EvaluationLabels.CoAlarm, EvaluationLabels.GlassBreak];

    private EvaluationReport(IReadOnlyList<ItemOutcome> all, WindowMetrics? windows)
    {
        List<ItemOutcome> outcomes = [.. all.Where(o => o.Item.Kind != GlassBreakVariants.Kind)];
        Outcomes = outcomes;
        Variants = [.. all.Where(o => o.Item.Kind == GlassBreakVariants.Kind)];
        Windows = windows;
        Confusion = new ConfusionMatrix(MatrixClasses);
        foreach (ItemOutcome outcome in outcomes)
        {
            Confusion.Add(outcome.Item.Expected, outcome.Found ? CountedPrediction(outcome) : outcome.Predicted);
        }

        var events = new Dictionary<string, BinaryCounts>();
        foreach (string label in EvaluationLabels.EventLabels.Append(EvaluationLabels.Alarm))
        {
            var counts = default(BinaryCounts);
            foreach (ItemOutcome outcome in outcomes)
            {
                bool expected = outcome.Item.Expected == label;
                bool detected = label == EvaluationLabels.Alarm
                    ? outcome.Events.Any(e => EvaluationLabels.Satisfies(EvaluationLabels.Alarm, e.Label))
                    : outcome.Events.Any(e => e.Label == label);

                // Umbrella "alarm" recordings count only in the alarm row: their smoke/CO split is unknown.
                if (!expected && outcome.Item.Expected == EvaluationLabels.Alarm && label is EvaluationLabels.SmokeAlarm or EvaluationLabels.CoAlarm)
                {
                    continue;
                }

                if (label == EvaluationLabels.Alarm && !expected && outcome.Item.Expected is EvaluationLabels.SmokeAlarm or EvaluationLabels.CoAlarm)
                {
                    expected = true;
                }

                counts = counts.With(expected, detected);
            }

            events[label] = counts;
        }

        EventCounts = events;
        Latency = LatencyPerLabel(outcomes, o => o.Latency);
        CadenceLatency = LatencyPerLabel(outcomes, o => o.CadenceLatency);
    }

    /// <summary>Everything but the <see cref="GlassBreakVariants"/>: what the main counts are over.</summary>
    public IReadOnlyList<ItemOutcome> Outcomes { get; }

    /// <summary>The <see cref="GlassBreakVariants"/>, counted apart.</summary>
    public IReadOnlyList<ItemOutcome> Variants { get; }

    public WindowMetrics? Windows { get; }

    public ConfusionMatrix Confusion { get; }

    /// <summary>Per event label (and the umbrella <c>alarm</c>): recordings with and without the event, against detections.</summary>
    public IReadOnlyDictionary<string, BinaryCounts> EventCounts { get; }

    /// <summary>Detection latency from a known onset (synthetic scenarios), per event label.</summary>
    public IReadOnlyDictionary<string, LatencySummary> Latency { get; }

    /// <summary>Detection latency from an alarm scenario's first complete cadence group, per event label (alarms only).</summary>
    public IReadOnlyDictionary<string, LatencySummary> CadenceLatency { get; }

    public IEnumerable<ItemOutcome> Misses => Outcomes.Where(o => o.Item.Expected != EvaluationLabels.None && !o.Found);

    public IEnumerable<ItemOutcome> FalseAlarms => Outcomes.Where(o => o.Events.Any(e => !EvaluationLabels.Satisfies(o.Item.Expected, e.Label)));

    public static EvaluationReport Build(IReadOnlyList<ItemOutcome> outcomes, WindowMetrics? windows) => new(outcomes, windows);

    /// <param name="title">The report's heading.</param>
    /// <param name="reproduce">The command that reproduces it.</param>
    /// <param name="recordings">Where the real recordings come from.</param>
    public string ToMarkdown(string title, string reproduce, string recordings = "validation split")
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# {title}").AppendLine();
        text.AppendLine("Reproduce:").AppendLine().AppendLine("```sh").AppendLine(reproduce).AppendLine("```").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Recordings: {Outcomes.Count(o => o.Item.Kind == "real")} real ({recordings}), {Outcomes.Count(o => o.Item.Kind == "synthetic")} synthetic scenarios.").AppendLine();

        text.AppendLine("## Events").AppendLine();
        text.AppendLine("A recording counts as found when the detector emits an event of its label anywhere in it; a false alarm is any event of another label. `alarm` pools the real alarm recordings, whose cadence the data does not state, with every smoke and CO scenario.").AppendLine();
        text.AppendLine("Latency runs to the event's emission in the stream, over the synthetic scenarios: from where the sound was placed, and, for alarms, from the first beep of the first complete cadence group (the first beep for continuous beeping). A scenario's alarm starts anywhere in its cycle, so the first may include a cut-short group that no decoder can read; the second is what the target “within 3 s of the onset where the cadence allows it” measures.").AppendLine();
        text.AppendLine("The 95 % intervals (Wilson score, over recordings) say how far the true rate may lie from the measured one on this many recordings: the recall's over the recordings with the label, the false-alarm rate's over those without it.").AppendLine();
        text.AppendLine("| label | recordings with it | found | missed | false alarms | false-alarm rate, 95 % interval | precision | recall | recall, 95 % interval | F1 | latency from placement p50 / p95 / max (s) | from first complete group p50 / p95 / max (s) |");
        text.AppendLine("|---|---:|---:|---:|---:|---|---:|---:|---|---:|---|---|");
        foreach ((string label, BinaryCounts c) in EventCounts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {c.Positives} | {c.TruePositives} | {c.FalseNegatives} | {c.FalsePositives} | {Format(c.FalsePositiveRateInterval)} | {Format(c.Precision)} | {Format(c.Recall)} | {Format(c.RecallInterval)} | {Format(c.F1)} | {Format(Latency, label)} | {Format(CadenceLatency, label)} |");
        }

        AppendLatencyTargets(text);
        text.AppendLine().AppendLine("Confusion (rows: truth; columns: first event, or the expected one when it was found):").AppendLine();
        text.AppendLine(Confusion.ToMarkdown());

        if (Windows is { } windows)
        {
            text.AppendLine("## Windows (the model alone)").AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{windows.Windows} validation windows of 0.96 s from the shard set; score ≥ the manifest threshold counts as positive.").AppendLine();
            text.AppendLine("| label | positives | precision | recall | F1 | average precision |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach ((string label, BinaryCounts c) in windows.AtThreshold)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {c.Positives} | {Format(c.Precision)} | {Format(c.Recall)} | {Format(c.F1)} | {Format(windows.Curves[label].AveragePrecision)} |");
            }

            text.AppendLine().AppendLine("![precision-recall](precision-recall.png)").AppendLine();
        }

        AppendVariants(text);
        AppendList(text, "Misses", Misses);
        AppendList(text, "False alarms", FalseAlarms);
        return text.ToString();
    }

    /// <summary>The altered copies of the glass-break recordings, per alteration: found, and other events.</summary>
    private void AppendVariants(StringBuilder text)
    {
        if (Variants.Count == 0)
        {
            return;
        }

        text.AppendLine("## Glass-break recordings, trimmed and quieter").AppendLine();
        text.AppendLine("The real glass-break recordings above, cut as curated clips often are (starting at the break, located by the data set builder, or stopping 0.3 s after it) and made 10 or 20 dB quieter (a more distant break, a lower microphone gain). Not in the counts above.").AppendLine();
        text.AppendLine("| copy | recordings | found | other events | missed |");
        text.AppendLine("|---|---:|---:|---:|---|");
        foreach (IGrouping<string?, ItemOutcome> way in Variants.GroupBy(o => o.Item.Scenario))
        {
            string missed = string.Join(", ", way.Where(o => !o.Found).Select(o => $"`{o.Item.Name[..o.Item.Name.LastIndexOf(" [", StringComparison.Ordinal)]}`"));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {way.Key} | {way.Count()} | {way.Count(o => o.Found)} | {way.Count(o => o.Events.Any(e => e.Label != o.Item.Expected))} | {(missed.Length == 0 ? "–" : missed)} |");
        }

        text.AppendLine();
    }

    /// <summary>Per alarm scenario kind: how many were found, and found within their latency target from the first complete group.</summary>
    private void AppendLatencyTargets(StringBuilder text)
    {
        var kinds = Outcomes.Where(o => o.Item.Scenario is not null && o.Item.LatencyTarget is not null).GroupBy(o => o.Item.Scenario!).ToList();
        if (kinds.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("Alarm scenarios against the latency target (from the first complete group):").AppendLine();
        text.AppendLine("| scenario | scenarios | found | within target | target (s) | p50 / max (s) |");
        text.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (IGrouping<string, ItemOutcome> kind in kinds)
        {
            LatencySummary latency = LatencySummary.From(kind.Select(o => o.CadenceLatency).OfType<double>());
            string spread = latency.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"{latency.Median:F2} / {latency.Max:F2}") : "–";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {kind.Key} | {kind.Count()} | {kind.Count(o => o.Found)} | {kind.Count(o => o.WithinTarget == true)} | {kind.First().Item.LatencyTarget:F1} | {spread} |");
        }
    }

    /// <summary>Per event label, the summary of the latencies <paramref name="latency"/> gives for the items expecting it (where it has one).</summary>
    private static Dictionary<string, LatencySummary> LatencyPerLabel(IReadOnlyList<ItemOutcome> outcomes, Func<ItemOutcome, double?> latency) =>
        EvaluationLabels.EventLabels.ToDictionary(l => l, l => LatencySummary.From(outcomes.Where(o => o.Item.Expected == l).Select(latency).OfType<double>()));

    private static string CountedPrediction(ItemOutcome outcome) =>
        outcome.Item.Expected == EvaluationLabels.Alarm ? EvaluationLabels.Alarm : outcome.Item.Expected;

    private static void AppendList(StringBuilder text, string heading, IEnumerable<ItemOutcome> outcomes)
    {
        List<ItemOutcome> list = [.. outcomes];
        text.AppendLine(CultureInfo.InvariantCulture, $"## {heading} ({list.Count})").AppendLine();
        if (list.Count == 0)
        {
            text.AppendLine("None.").AppendLine();
            return;
        }

        foreach (ItemOutcome o in list)
        {
            string events = o.Events.Count == 0 ? "no events" : string.Join("; ", o.Events.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Label} {e.Start:F2}-{e.End:F2} s (conf {e.Confidence:F2})")));
            text.AppendLine(CultureInfo.InvariantCulture, $"- `{o.Item.Name}` ({o.Item.Samples.Length / 16000.0:F1} s), expected {o.Item.Expected}: {events}");
        }

        text.AppendLine();
    }

    private static string Format(IReadOnlyDictionary<string, LatencySummary> latencies, string label) =>
        latencies.TryGetValue(label, out LatencySummary l) && l.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{l.Median:F2} / {l.P95:F2} / {l.Max:F2}")
            : "–";

    private static string Format(double value) => double.IsNaN(value) ? "–" : value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Format((double Lower, double Upper) interval) =>
        double.IsNaN(interval.Lower) ? "–" : $"{Format(interval.Lower)}–{Format(interval.Upper)}";
}
