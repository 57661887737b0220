namespace AudioEdge.Gpio;

/// <summary>Turns "time until the next change" into a timer due time.</summary>
internal static class TimerDue
{
    /// <summary>
    /// Rounds up to whole milliseconds. Timers work in milliseconds and truncate: a due time of 499.99 ms would
    /// fire before the change it waits for, find nothing to do and re-arm for "0 ms" again and again until the
    /// change arrives. Rounding up costs under a millisecond of lateness and never fires early.
    /// </summary>
    public static TimeSpan RoundUp(TimeSpan due)
    {
        long milliseconds = (due.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        return TimeSpan.FromTicks(Math.Max(1, milliseconds) * TimeSpan.TicksPerMillisecond);
    }
}
