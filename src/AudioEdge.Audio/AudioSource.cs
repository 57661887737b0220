namespace AudioEdge.Audio;

/// <summary>
/// The one seam every audio input goes through: a WAV file, a live ALSA device or a synthetic signal.
/// A source always delivers mono float samples in [-1, 1) at <see cref="SampleRate"/> (16 kHz for every
/// source the product builds), so that everything downstream is independent of where the audio came from.
/// </summary>
/// <remarks>
/// Modelled on dotnet/iot's device classes: an abstract base with a Span-based read, concrete sources
/// created by their own constructors or factories, and test doubles that subclass it.
/// </remarks>
public abstract class AudioSource : IDisposable
{
    /// <summary>The sample rate of the front end and the model; every product source resamples to it.</summary>
    public const int TargetSampleRate = 16_000;

    private bool _disposed;

    /// <summary>Samples per second of what <see cref="Read"/> returns.</summary>
    public abstract int SampleRate { get; }

    /// <summary>A short human-readable name for logs, e.g. <c>wav:alarm.wav</c> or <c>alsa:hw:1,0</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Counters of audio that never reached the reader (dropped, overruns, reconnects).</summary>
    public virtual AudioSourceStatistics Statistics => default;

    /// <summary>
    /// Reads up to <paramref name="destination"/>.Length samples. Blocks until at least one sample is
    /// available; returns 0 only at the end of the stream (a file's end, or a live source that was stopped).
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
    public abstract int Read(Span<float> destination, CancellationToken cancellationToken = default);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
