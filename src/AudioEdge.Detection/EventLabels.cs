namespace AudioEdge.Detection;

/// <summary>The labels of detection events, and the model labels they are derived from.</summary>
public static class EventLabels
{
    /// <summary>A smoke or fire alarm: temporal-3 cadence, or sustained continuous beeping.</summary>
    public const string SmokeAlarm = "smoke_alarm";

    /// <summary>A carbon-monoxide alarm: temporal-4 cadence.</summary>
    public const string CoAlarm = "co_alarm";

    /// <summary>Breaking glass.</summary>
    public const string GlassBreak = "glass_break";

    /// <summary>The model label that says "an alarm sounder is audible"; cadence decides smoke or CO.</summary>
    public const string ModelAlarm = "alarm";

    /// <summary>The model label for breaking glass.</summary>
    public const string ModelGlassBreak = "glass_break";
}
