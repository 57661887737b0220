using AudioEdge.Detection;

namespace AudioEdge.Evaluation;

/// <summary>What the detector did with one <see cref="EvaluationItem"/>: its events and its score timeline.</summary>
public sealed record ItemOutcome(EvaluationItem Item, IReadOnlyList<DetectionEvent> Events, double[] Times, IReadOnlyDictionary<string, double[]> Scores)
{
    /// <summary>The label the item counts as predicted: that of its first event, or <c>none</c>.</summary>
    public string Predicted => Events.Count == 0 ? EvaluationLabels.None : Events.OrderBy(e => e.DetectedAt).First().Label;

    /// <summary>Whether an event of a label that satisfies the expectation was emitted.</summary>
    public bool Found => Events.Any(e => EvaluationLabels.Satisfies(Item.Expected, e.Label));

    /// <summary>Seconds from the known onset to the first satisfying event's emission, if both exist.</summary>
    public double? Latency => Since(Item.Onset);

    /// <summary>Seconds from the alarm's first complete cadence group to the first satisfying event's emission, if both exist.</summary>
    public double? CadenceLatency => Since(Item.CadenceOnset);

    /// <summary>Whether the expected event came within the item's latency target; null when it has none.</summary>
    public bool? WithinTarget => Item.LatencyTarget is { } target ? CadenceLatency is { } latency && latency <= target : null;

    private double? Since(double? onset) =>
        onset is { } from && Events.Where(e => EvaluationLabels.Satisfies(Item.Expected, e.Label)).OrderBy(e => e.DetectedAt).FirstOrDefault() is { } first
            ? first.DetectedAt - from
            : null;
}
