using AudioEdge.Audio.Alsa;

namespace AudioEdge.Daemon.Configuration;

/// <summary>The <c>Audio</c> section: the source and its settings.</summary>
public sealed class AudioInputOptions
{
    /// <summary><c>Alsa</c> (default) or <c>File</c>.</summary>
    public AudioSourceKind Source { get; set; } = AudioSourceKind.Alsa;

    /// <summary>The capture device's settings (device name, rate, format, channel, retry policy).</summary>
    public AlsaCaptureOptions Alsa { get; set; } = new();

    /// <summary>With <c>Source=File</c>: the recording (WAV, or any format sox decodes: FLAC, Ogg, …).</summary>
    public string? File { get; set; }

    /// <summary>
    /// With <c>Source=File</c>: pace the file at real time (true, default: behaves like a microphone) or read it as
    /// fast as the pipeline goes (false: replays and tests).
    /// </summary>
    public bool RealTime { get; set; } = true;

    /// <summary>
    /// With <c>Source=File</c>: what to do at the end of the file. False (default): the daemon keeps running without
    /// audio (it stays connected and answers commands) until stopped. True: stop the daemon (exit 0) once every
    /// event has been handed to the broker or <see cref="ExitDrainSeconds"/> passed.
    /// </summary>
    public bool ExitAtEnd { get; set; }

    /// <summary>With <see cref="ExitAtEnd"/>: how long to wait for the outbox to drain before exiting anyway.</summary>
    public double ExitDrainSeconds { get; set; } = 10;

    /// <summary>Every problem, one line each, naming the key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Source))
        {
            errors.Add($"Audio:Source must be Alsa or File (was {(int)Source}).");
        }

        if (Source == AudioSourceKind.Alsa)
        {
            errors.AddRange(Alsa.Validate().Select(e => "Audio:Alsa: " + e));
        }
        else if (string.IsNullOrWhiteSpace(File))
        {
            errors.Add("Audio:File is required when Audio:Source is File.");
        }
        else if (!System.IO.File.Exists(File))
        {
            errors.Add($"Audio:File {File} does not exist.");
        }

        if (ExitDrainSeconds is not (>= 0 and <= 3600))
        {
            errors.Add($"Audio:ExitDrainSeconds must be 0..3600 (was {ExitDrainSeconds}).");
        }

        return errors;
    }
}
