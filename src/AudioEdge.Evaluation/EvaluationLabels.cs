namespace AudioEdge.Evaluation;

/// <summary>The label vocabulary of evaluation: the detector's event labels plus "none" and the umbrella "alarm".</summary>
public static class EvaluationLabels
{
    public const string None = "none";
    public const string Alarm = "alarm";
    public const string SmokeAlarm = "smoke_alarm";
    public const string CoAlarm = "co_alarm";
    public const string GlassBreak = "glass_break";

    /// <summary>Event labels, in report order.</summary>
    public static IReadOnlyList<string> EventLabels { get; } = [SmokeAlarm, CoAlarm, GlassBreak];

    /// <summary>
    /// Whether an event labelled <paramref name="detected"/> fulfils the expectation <paramref name="expected"/>.
    /// A real alarm recording (<c>alarm</c>) is fulfilled by either alarm event: the data set does not say which
    /// cadence a recorded device used, and either one gets the owner out of the house.
    /// </summary>
    public static bool Satisfies(string expected, string detected) =>
        expected == detected || (expected == Alarm && detected is SmokeAlarm or CoAlarm);
}
