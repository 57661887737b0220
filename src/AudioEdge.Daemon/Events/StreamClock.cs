namespace AudioEdge.Daemon.Events;

/// <summary>
/// Maps the pipeline's stream seconds to UTC. Before each audio block the detection loop says which stream time is
/// "now"; an event's times are placed relative to that. With a microphone this follows the sound card's clock and
/// corrects for its drift against the system clock at every block; with a file read faster than real time (replays,
/// tests, the demo) the times stay near the wall clock instead of running ahead of it.
/// </summary>
public sealed class StreamClock
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DateTimeOffset _wall;
    private double _stream;

    /// <summary>Creates a clock whose stream time 0 is now.</summary>
    public StreamClock(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _wall = time.GetUtcNow();
    }

    /// <summary>Says that stream time <paramref name="streamSeconds"/> is now.</summary>
    public void Observe(double streamSeconds)
    {
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            _wall = now;
            _stream = streamSeconds;
        }
    }

    /// <summary>The UTC time of a stream time.</summary>
    public DateTimeOffset ToUtc(double streamSeconds)
    {
        lock (_gate)
        {
            return _wall + TimeSpan.FromSeconds(streamSeconds - _stream);
        }
    }
}
