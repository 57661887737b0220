namespace AudioEdge.Audio.Sources;

/// <summary>
/// Holds a non-live source back to the pace of a live one: sample n may be handed out only once n / rate seconds
/// have passed since the first read. Time comes from an injected <see cref="TimeProvider"/> so tests can drive it.
/// </summary>
/// <remarks>
/// Waiting uses one timer and one event created up front, so pacing allocates nothing per read. The clock starts
/// at the first wait, not at construction, so a slow daemon start does not turn into a burst of catch-up audio.
/// A reader that falls behind is served immediately until it catches up (nothing is dropped).
/// </remarks>
internal sealed class RealTimePacer : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly int _sampleRate;
    private readonly ManualResetEventSlim _due = new(initialState: false, spinCount: 0);
    private readonly ITimer _timer;
    private long _startTimestamp;
    private bool _started;

    public RealTimePacer(TimeProvider timeProvider, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        _timeProvider = timeProvider;
        _sampleRate = sampleRate;
        _timer = timeProvider.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), _due, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Blocks until the first <paramref name="sampleCount"/> samples of the stream are due.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
    public void WaitUntilDue(long sampleCount, CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _startTimestamp = _timeProvider.GetTimestamp();
            _started = true;
        }

        // Int128 keeps samples × ticks exact for any stream length.
        var dueTicks = (long)(((Int128)sampleCount * TimeSpan.TicksPerSecond + _sampleRate - 1) / _sampleRate);
        var due = TimeSpan.FromTicks(dueTicks);
        while (true)
        {
            TimeSpan elapsed = _timeProvider.GetElapsedTime(_startTimestamp);
            if (elapsed >= due)
            {
                return;
            }

            // Reset before arming: a timer that fires right away then still finds the event to set.
            _due.Reset();
            _timer.Change(due - elapsed, Timeout.InfiniteTimeSpan);
            _due.Wait(cancellationToken);
        }
    }

    public void Dispose()
    {
        // The event is deliberately not disposed: a timer callback already in flight may still Set() it, and an
        // event that never handed out its WaitHandle owns no kernel object anyway.
        _timer.Dispose();
    }
}
