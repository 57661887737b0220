namespace AudioEdge.Audio.Tests.Support;

/// <summary>
/// A clock that moves only when the test says so (like FakeTimeProvider, without the extra package). Timers due
/// by the new time fire synchronously inside <see cref="Advance"/>.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers currently waiting to fire: lets a test see that a reader has gone to sleep.</summary>
    public int ArmedTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.DueTicks is not null);
            }
        }
    }

    internal long Now
    {
        get
        {
            lock (_lock)
            {
                return _ticks;
            }
        }
    }

    public override long GetTimestamp() => Now;

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(Now);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _ticks += by.Ticks;
            due = [.. _timers.Where(t => t.DueTicks <= _ticks)];
            foreach (ManualTimer timer in due)
            {
                timer.DueTicks = null;
            }
        }

        foreach (ManualTimer timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Blocks (in real time, briefly) until some thread has armed a timer, i.e. is waiting on this clock.</summary>
    public void WaitForArmedTimer()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (ArmedTimers == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Nobody armed a timer.");
            }

            Thread.Sleep(1);
        }
    }

    internal void Arm(ManualTimer timer, TimeSpan dueTime)
    {
        bool fireNow;
        lock (_lock)
        {
            timer.DueTicks = dueTime == Timeout.InfiniteTimeSpan ? null : _ticks + dueTime.Ticks;
            fireNow = dueTime == TimeSpan.Zero;
            if (fireNow)
            {
                timer.DueTicks = null;
            }
        }

        if (fireNow)
        {
            timer.Fire();
        }
    }

    internal void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }
}
