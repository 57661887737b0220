namespace AudioEdge.Daemon.Services;

/// <summary>
/// What the watchdog and the self-test ask: is audio arriving, is the detection loop alive. Written by the detection
/// thread, read by others; plain timestamps, no locks.
/// </summary>
public sealed class DaemonHealth
{
    private readonly TimeProvider _time;
    private long _lastAudioTicks;
    private long _lastLoopTicks;
    private int _audioEnded;

    /// <summary>Creates the health record on a clock.</summary>
    public DaemonHealth(TimeProvider time)
    {
        _time = time;
        long now = time.GetUtcNow().UtcTicks;
        _lastLoopTicks = now;
    }

    /// <summary>When audio last arrived; null before the first.</summary>
    public DateTimeOffset? LastAudio => Interlocked.Read(ref _lastAudioTicks) is var t && t > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>When the detection loop last went round (also while waiting for a device).</summary>
    public DateTimeOffset LastLoop => new(Interlocked.Read(ref _lastLoopTicks), TimeSpan.Zero);

    /// <summary>The source ended on purpose (a file played to its end): silence is then not a fault.</summary>
    public bool AudioEnded => Volatile.Read(ref _audioEnded) != 0;

    /// <summary>The loop went round.</summary>
    public void LoopAlive() => Interlocked.Exchange(ref _lastLoopTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>Audio arrived (also a loop turn).</summary>
    public void AudioArrived()
    {
        long now = _time.GetUtcNow().UtcTicks;
        Interlocked.Exchange(ref _lastAudioTicks, now);
        Interlocked.Exchange(ref _lastLoopTicks, now);
    }

    /// <summary>The source reached its end.</summary>
    public void EndOfAudio() => Volatile.Write(ref _audioEnded, 1);

    /// <summary>Whether audio is flowing: the last block is younger than <paramref name="maxAge"/>.</summary>
    public bool AudioFlowing(TimeSpan maxAge) => LastAudio is { } last && _time.GetUtcNow() - last <= maxAge;
}
