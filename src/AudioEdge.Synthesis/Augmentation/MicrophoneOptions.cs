namespace AudioEdge.Synthesis.Augmentation;

/// <summary>The random, gentle equalisation that stands in for an unknown microphone and its housing.</summary>
public sealed class MicrophoneOptions
{
    /// <summary>The default options.</summary>
    public static MicrophoneOptions Default { get; } = new();

    /// <summary>High-pass corner, Hz (MEMS microphones and USB dongles roll off the bass). Default 40–250.</summary>
    public ValueRange HighPassHz { get; init; } = new(40, 250);

    /// <summary>Number of peaking bands (housing resonances, port effects). Default 1–3.</summary>
    public ValueRange PeakingBands { get; init; } = new(1, 3);

    /// <summary>Centre frequencies of the peaking bands, Hz. Default 300–7000.</summary>
    public ValueRange PeakingCentreHz { get; init; } = new(300, 7000);

    /// <summary>Gain of each peaking band, dB. Default -6 … +6.</summary>
    public ValueRange PeakingGainDb { get; init; } = new(-6, 6);

    /// <summary>Q of the peaking bands. Default 0.7–3 (broad: a microphone, not a notch filter).</summary>
    public ValueRange PeakingQ { get; init; } = new(0.7, 3);

    /// <summary>Gain of a high shelf from 4 kHz, dB (a bright or dull capsule). Default -6 … +3.</summary>
    public ValueRange HighShelfDb { get; init; } = new(-6, 3);

    /// <summary>Every problem, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        HighPassHz.Check(nameof(HighPassHz), 10, 2000, errors);
        PeakingBands.Check(nameof(PeakingBands), 0, 10, errors);
        PeakingCentreHz.Check(nameof(PeakingCentreHz), 50, 7800, errors);
        PeakingGainDb.Check(nameof(PeakingGainDb), -24, 24, errors);
        PeakingQ.Check(nameof(PeakingQ), 0.1, 20, errors);
        HighShelfDb.Check(nameof(HighShelfDb), -24, 24, errors);
        return errors;
    }
}
