namespace AudioEdge.Audio.Alsa;

/// <summary>One failure of an <see cref="AlsaCaptureSource"/>: what went wrong, how often in a row, and what happens next.</summary>
public sealed class AlsaCaptureErrorEventArgs : EventArgs
{
    public AlsaCaptureErrorEventArgs(AlsaException error, int consecutiveFailures, TimeSpan? retryDelay)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
        ConsecutiveFailures = consecutiveFailures;
        RetryDelay = retryDelay;
    }

    public AlsaException Error { get; }

    /// <summary>
    /// Failures since audio last flowed (1 for the first). A health check can call a failure "persistent" past a
    /// threshold of its choosing; the source itself keeps retrying.
    /// </summary>
    public int ConsecutiveFailures { get; }

    /// <summary>How long the source waits before reopening the device; null when it gave up (<see cref="IsFatal"/>).</summary>
    public TimeSpan? RetryDelay { get; }

    /// <summary>True when the source stopped capturing for good because of this failure.</summary>
    public bool IsFatal => RetryDelay is null;
}
