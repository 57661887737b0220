namespace AudioEdge.Daemon.Configuration;

/// <summary>Where the daemon's audio comes from.</summary>
public enum AudioSourceKind
{
    /// <summary>An ALSA capture device (the microphone): <c>Audio:Alsa:*</c>.</summary>
    Alsa,

    /// <summary>A WAV file played as if it were live (tests, demo, QA replays): <c>Audio:File</c>.</summary>
    File,
}
