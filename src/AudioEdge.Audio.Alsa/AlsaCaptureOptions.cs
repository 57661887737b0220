using System.Globalization;
using AudioEdge.Audio.Resampling;

namespace AudioEdge.Audio.Alsa;

/// <summary>
/// How to capture from an ALSA PCM. Settable properties so that the host can bind them from configuration
/// (<c>AddOptions&lt;AlsaCaptureOptions&gt;().BindConfiguration(...)</c>); <see cref="Validate"/> reports every problem at once.
/// <see cref="AlsaCaptureSource"/> takes a copy, so changing an instance later does not affect a running source.
/// </summary>
public sealed class AlsaCaptureOptions
{
    /// <summary>
    /// The ALSA PCM name: <c>default</c>, <c>hw:1,0</c> (the card exactly as it is, no conversion),
    /// <c>plughw:1,0</c> (ALSA converts format, rate and channels), <c>dsnoop:…</c> (shared with other readers),
    /// or any PCM defined in asoundrc. Default <c>default</c>.
    /// </summary>
    public string Device { get; set; } = "default";

    /// <summary>Sample format requested from the device. Default <see cref="AlsaSampleFormat.S16LE"/>; I2S MEMS mics on <c>hw:</c> need <see cref="AlsaSampleFormat.S32LE"/>.</summary>
    public AlsaSampleFormat SampleFormat { get; set; } = AlsaSampleFormat.S16LE;

    /// <summary>Channels per frame requested from the device. Default 1; I2S mics on <c>hw:</c> usually need 2 (one slot empty).</summary>
    public int Channels { get; set; } = 1;

    /// <summary>Which channel(s) become the mono signal. Default <see cref="AlsaChannelSelection.Left"/>.</summary>
    public AlsaChannelSelection ChannelSelection { get; set; } = AlsaChannelSelection.Left;

    /// <summary>
    /// Capture rate in Hz requested from the device (the nearest supported rate is accepted and logged).
    /// The source resamples to <see cref="AudioSource.TargetSampleRate"/>. Default 48000, the rate I2S mics and
    /// most USB mics run at natively.
    /// </summary>
    public int SampleRate { get; set; } = 48_000;

    /// <summary>
    /// Frames per period (one wake-up of the capture thread). Default 1024 (21 ms at 48 kHz); the device may round it.
    /// </summary>
    public int PeriodFrames { get; set; } = 1024;

    /// <summary>
    /// Frames in the device buffer; at least two periods. Default 8192 (170 ms at 48 kHz): generous, because an
    /// overrun loses audio while latency costs a detector of multi-second alarm patterns nothing.
    /// </summary>
    public int BufferFrames { get; set; } = 8192;

    /// <summary>
    /// Samples (at 16 kHz) held between the capture thread and the reader; beyond that new audio is dropped and
    /// counted. Default 32768 (about 2 s), enough to ride out a slow inference step.
    /// </summary>
    public int RingCapacity { get; set; } = 32_768;

    /// <summary>First delay before reopening a failed device; it doubles per consecutive failure. Default 0.5 s.</summary>
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of the reopen delay. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A device that stays open but delivers nothing for this long is treated as failed and reopened (an I2S
    /// codec whose clock stopped just never wakes the reader, without any error). Default 5 s.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retry with backoff (default, for the daemon) or fail at the first error (for the CLI).</summary>
    public AlsaFailureMode FailureMode { get; set; } = AlsaFailureMode.Retry;

    /// <summary>Every problem with these options, one sentence each; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(Device))
        {
            problems.Add("Device must name an ALSA PCM, e.g. 'default' or 'hw:1,0'.");
        }

        if (!Enum.IsDefined(SampleFormat))
        {
            problems.Add(Invariant($"SampleFormat {(int)SampleFormat} is not a supported format (S16LE or S32LE)."));
        }

        if (Channels is < 1 or > 32)
        {
            problems.Add(Invariant($"Channels must be between 1 and 32 (was {Channels})."));
        }

        if (!Enum.IsDefined(ChannelSelection))
        {
            problems.Add(Invariant($"ChannelSelection {(int)ChannelSelection} is not Left, Right or Average."));
        }
        else if (ChannelSelection == AlsaChannelSelection.Right && Channels < 2)
        {
            problems.Add(Invariant($"ChannelSelection Right needs at least 2 channels (Channels is {Channels})."));
        }

        if (SampleRate is < 8_000 or > 384_000)
        {
            problems.Add(Invariant($"SampleRate must be between 8000 and 384000 Hz (was {SampleRate})."));
        }
        else if (!PolyphaseResampler.IsSupported(SampleRate, AudioSource.TargetSampleRate))
        {
            problems.Add(Invariant($"SampleRate {SampleRate} Hz cannot be resampled to 16 kHz; use a common rate such as 16000, 44100 or 48000."));
        }

        if (PeriodFrames is < 16 or > 65_536)
        {
            problems.Add(Invariant($"PeriodFrames must be between 16 and 65536 (was {PeriodFrames})."));
        }

        if (BufferFrames < 2 * (long)PeriodFrames || BufferFrames > 1_048_576)
        {
            problems.Add(Invariant($"BufferFrames must be at least two periods ({2L * PeriodFrames}) and at most 1048576 (was {BufferFrames})."));
        }

        // The ring must hold at least what two periods turn into at 16 kHz, or every period would overflow it.
        if (SampleRate > 0 && PeriodFrames > 0)
        {
            long minimumRing = 2 * (((long)PeriodFrames * AudioSource.TargetSampleRate / SampleRate) + 1);
            if (RingCapacity < minimumRing || RingCapacity > 16_777_216)
            {
                problems.Add(Invariant($"RingCapacity must be between {minimumRing} (two periods at 16 kHz) and 16777216 samples (was {RingCapacity})."));
            }
        }

        if (RetryMinDelay <= TimeSpan.Zero)
        {
            problems.Add(Invariant($"RetryMinDelay must be positive (was {RetryMinDelay}); a zero delay would make a busy loop."));
        }

        if (RetryMaxDelay < RetryMinDelay)
        {
            problems.Add(Invariant($"RetryMaxDelay ({RetryMaxDelay}) must not be less than RetryMinDelay ({RetryMinDelay})."));
        }

        if (StallTimeout < TimeSpan.FromMilliseconds(200))
        {
            problems.Add(Invariant($"StallTimeout must be at least 200 ms (was {StallTimeout})."));
        }

        if (!Enum.IsDefined(FailureMode))
        {
            problems.Add(Invariant($"FailureMode {(int)FailureMode} is not Retry or FailFast."));
        }

        return problems;
    }

    internal AlsaCaptureOptions Clone() => (AlsaCaptureOptions)MemberwiseClone();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
