namespace AudioEdge.Evaluation;

/// <summary>One recording to run through the detector, with what it should find.</summary>
/// <param name="Name">Where it came from: a data-relative path, or a synthetic scenario's description.</param>
/// <param name="Expected"><c>none</c>, <c>smoke_alarm</c>, <c>co_alarm</c>, <c>glass_break</c>, or <c>alarm</c> (a real alarm recording that may be smoke or CO).</param>
/// <param name="Samples">16 kHz mono.</param>
/// <param name="Onset">Seconds at which the expected sound starts, when known (synthetic scenarios); latency is measured from it.</param>
/// <param name="Kind"><c>real</c> or <c>synthetic</c>.</param>
public sealed record EvaluationItem(string Name, string Expected, float[] Samples, double? Onset, string Kind);
