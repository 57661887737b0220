namespace AudioEdge.Daemon.Events;

/// <summary>
/// Whether alarms are hushed, and until when. A hush is what an owner does while cooking or testing the alarm:
/// events are still detected, stored and published on the event topic (marked <c>"hushed": true</c>, so nothing is
/// lost and the history stays complete), but the Home Assistant state does not go ON and the local output stays off.
/// </summary>
public sealed class HushState
{
    private readonly TimeProvider _time;
    private long _untilTicks;

    /// <summary>Creates the state on a clock.</summary>
    public HushState(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>The end of the current hush, or null.</summary>
    public DateTimeOffset? Until
    {
        get
        {
            long ticks = Interlocked.Read(ref _untilTicks);
            return ticks > _time.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    /// <summary>Whether a hush is in force now.</summary>
    public bool IsHushed => Until is not null;

    /// <summary>Hush for <paramref name="duration"/> from now (replaces any current hush).</summary>
    public DateTimeOffset Hush(TimeSpan duration)
    {
        DateTimeOffset until = _time.GetUtcNow() + duration;
        Interlocked.Exchange(ref _untilTicks, until.UtcTicks);
        return until;
    }
}
