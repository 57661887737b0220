namespace AudioEdge.Mqtt;

/// <summary>
/// Delays between connection attempts: exponential with full jitter above a floor. Attempt n waits a uniformly random
/// time in [min, min(max, min·2^(n+1))]. The jitter spreads a fleet that lost the same broker at the same moment, so
/// the restarted broker is not hit by every device in the same instant; the floor keeps a refused connection from
/// turning into a busy loop.
/// </summary>
internal sealed class ReconnectBackoff
{
    private readonly double _minSeconds;
    private readonly double _maxSeconds;
    private readonly Random _random;

    public ReconnectBackoff(double minSeconds, double maxSeconds, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minSeconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeconds, minSeconds);
        _minSeconds = minSeconds;
        _maxSeconds = maxSeconds;
        _random = random ?? Random.Shared;
    }

    /// <summary>The wait before attempt <paramref name="failures"/> + 1, given this many consecutive failures so far (0 after a working connection).</summary>
    public TimeSpan Delay(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        double ceiling = _maxSeconds;
        if (failures < 40)
        {
            // 2^40 overflows nothing but dwarfs any cap; past it the ceiling is the cap anyway.
            ceiling = Math.Min(_maxSeconds, _minSeconds * Math.Pow(2, failures + 1));
        }

        return TimeSpan.FromSeconds(_minSeconds + (_random.NextDouble() * (ceiling - _minSeconds)));
    }
}
