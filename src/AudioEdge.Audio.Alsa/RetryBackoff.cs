namespace AudioEdge.Audio.Alsa;

/// <summary>
/// Exponential backoff with jitter for reopening a device: min, 2·min, 4·min … capped at max, each shortened by up
/// to 25 % at random so that several daemons (or dsnoop clients) that lost the same device do not retry in lockstep.
/// </summary>
internal sealed class RetryBackoff
{
    private const double JitterFraction = 0.25;

    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly Random _random;

    public RetryBackoff(TimeSpan min, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        _min = min;
        _max = max;
        _random = random ?? new Random();
    }

    /// <summary>The delay before the next attempt after <paramref name="consecutiveFailures"/> failures (1 = first).</summary>
    public TimeSpan NextDelay(int consecutiveFailures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveFailures, 1);

        // The exponent is capped so the doubling cannot overflow; 2^30 × any positive min is already past any sane max.
        double nominal = Math.Min(_max.Ticks, _min.Ticks * Math.Pow(2, Math.Min(consecutiveFailures - 1, 30)));
        double jittered = nominal * (1 - (JitterFraction * _random.NextDouble()));
        return TimeSpan.FromTicks((long)jittered);
    }
}
