namespace AudioEdge.Audio.Alsa;

/// <summary>Where the capture thread of an <see cref="AlsaCaptureSource"/> is.</summary>
public enum AlsaCaptureState
{
    /// <summary>Constructed, <see cref="AlsaCaptureSource.Start"/> not called yet.</summary>
    Created,

    /// <summary>Opening and configuring the device.</summary>
    Opening,

    /// <summary>The device is open and delivering audio.</summary>
    Capturing,

    /// <summary>The device failed or could not be opened; waiting out the backoff delay before reopening.</summary>
    WaitingToRetry,

    /// <summary>Gave up (fail-fast mode, or a failure no retry can fix); see <see cref="AlsaCaptureSource.LastError"/>.</summary>
    Faulted,

    /// <summary>Stopped by <see cref="AlsaCaptureSource.Stop"/> or disposal.</summary>
    Stopped,
}
