namespace AudioEdge.Audio.Alsa;

/// <summary>What <see cref="AlsaCaptureSource"/> does when the device cannot be opened or fails while capturing.</summary>
public enum AlsaFailureMode
{
    /// <summary>
    /// Log, report through <see cref="AlsaCaptureSource.Error"/>, and reopen with exponential backoff for as long as
    /// the source lives: what a daemon wants when a USB mic is unplugged or the device is briefly busy.
    /// </summary>
    Retry,

    /// <summary>
    /// Give up at the first failure: <see cref="AlsaCaptureSource.Start"/> throws if the device cannot be opened,
    /// and a failure while capturing ends the stream with an <see cref="AlsaException"/> from
    /// <see cref="AlsaCaptureSource.Read"/>. What a command-line tool wants.
    /// </summary>
    FailFast,
}
