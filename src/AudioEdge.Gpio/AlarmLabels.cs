namespace AudioEdge.Gpio;

/// <summary>The detection labels that have their own output pattern (the same strings as the detector's event labels).</summary>
public static class AlarmLabels
{
    /// <summary>Smoke alarm: 500 ms on, 500 ms off.</summary>
    public const string SmokeAlarm = "smoke_alarm";

    /// <summary>Carbon-monoxide alarm: four 100 ms flashes, then 4.2 s dark.</summary>
    public const string CoAlarm = "co_alarm";

    /// <summary>Glass break: on for 10 s.</summary>
    public const string GlassBreak = "glass_break";
}
