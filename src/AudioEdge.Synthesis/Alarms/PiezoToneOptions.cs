namespace AudioEdge.Synthesis.Alarms;

/// <summary>The sound of a piezo sounder: one frequency per device, harmonics, slight drift and warble, soft edges.</summary>
public sealed class PiezoToneOptions
{
    /// <summary>Fundamental in Hz, drawn once per alarm. Default 2800–3600 (UL 217 allows at most 3.5 kHz ± tolerance; most sit at 3.0–3.4 kHz).</summary>
    public ValueRange FrequencyHz { get; init; } = new(2800, 3600);

    /// <summary>Level of the 2nd and 3rd partials relative to the fundamental, dB, drawn per partial. Default -35 … -12.</summary>
    public ValueRange HarmonicLevelDb { get; init; } = new(-35, -12);

    /// <summary>Peak deviation of the slow frequency drift in cents. Default 0–20 (a sounder warming up, a weak battery).</summary>
    public ValueRange DriftCents { get; init; } = new(0, 20);

    /// <summary>Rate of the periodic warble in Hz. Default 4–30.</summary>
    public ValueRange WarbleRateHz { get; init; } = new(4, 30);

    /// <summary>Peak deviation of the warble in cents. Default 0–15.</summary>
    public ValueRange WarbleCents { get; init; } = new(0, 15);

    /// <summary>Attack ramp in seconds (raised cosine centred on the nominal on time). Default 2–15 ms.</summary>
    public ValueRange AttackSeconds { get; init; } = new(0.002, 0.015);

    /// <summary>Decay ramp in seconds (centred on the nominal off time). Default 5–40 ms: a piezo rings briefly after the drive stops.</summary>
    public ValueRange DecaySeconds { get; init; } = new(0.005, 0.040);

    /// <summary>Every problem, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        FrequencyHz.Check(nameof(FrequencyHz), 100, ToneOscillator.MaxFrequency, errors);
        HarmonicLevelDb.Check(nameof(HarmonicLevelDb), -120, 0, errors);
        DriftCents.Check(nameof(DriftCents), 0, 200, errors);
        WarbleRateHz.Check(nameof(WarbleRateHz), 0, 100, errors);
        WarbleCents.Check(nameof(WarbleCents), 0, 200, errors);
        AttackSeconds.Check(nameof(AttackSeconds), 0, 0.1, errors);
        DecaySeconds.Check(nameof(DecaySeconds), 0, 0.2, errors);
        return errors;
    }
}
