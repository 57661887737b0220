namespace AudioEdge.Synthesis.Glass;

/// <summary>
/// How <see cref="GlassBreakSynthesizer"/> draws a break. The physics it imitates: the pane flexes before it fails
/// (a low-frequency thud), then it shatters (a broadband noise burst exciting many high-Q modes of the fragments
/// at 3–8 kHz), then fragments fall and ring (a sparse tinkle that thins out over up to 1.5 s).
/// </summary>
public sealed class GlassBreakOptions
{
    /// <summary>The default options.</summary>
    public static GlassBreakOptions Default { get; } = new();

    /// <summary>Time of the thud's onset in the signal, seconds. Default 0.1–0.5.</summary>
    public ValueRange OnsetSeconds { get; init; } = new(0.1, 0.5);

    /// <summary>Frequencies of the thud's modes, Hz. Default 50–300.</summary>
    public ValueRange ThudFrequencyHz { get; init; } = new(50, 300);

    /// <summary>Number of thud modes. Default 1–3.</summary>
    public ValueRange ThudModes { get; init; } = new(1, 3);

    /// <summary>Decay time constant of the thud, seconds. Default 15–80 ms.</summary>
    public ValueRange ThudDecaySeconds { get; init; } = new(0.015, 0.080);

    /// <summary>Peak of the thud relative to the peak of the shatter, dB. Default -12 … +3.</summary>
    public ValueRange ThudLevelDb { get; init; } = new(-12, 3);

    /// <summary>Delay from the thud's onset to the shatter, seconds. Default 0–60 ms.</summary>
    public ValueRange ShatterDelaySeconds { get; init; } = new(0, 0.060);

    /// <summary>Number of broadband noise bursts in the first 150 ms of the shatter. Default 1–4.</summary>
    public ValueRange BurstCount { get; init; } = new(1, 4);

    /// <summary>Decay time constant of each burst, seconds. Default 8–50 ms.</summary>
    public ValueRange BurstDecaySeconds { get; init; } = new(0.008, 0.050);

    /// <summary>High-pass corner of the bursts, Hz: shatter noise has little energy below 1–2 kHz. Default 800–2500.</summary>
    public ValueRange BurstHighPassHz { get; init; } = new(800, 2500);

    /// <summary>Frequencies of the fragments' resonances, Hz. Default 3000–7800.</summary>
    public ValueRange ResonanceFrequencyHz { get; init; } = new(3000, 7800);

    /// <summary>Quality factor of the resonances (τ = Q / πf). Default 150–1500: 10–160 ms at 3 kHz, 6–60 ms at 8 kHz.</summary>
    public ValueRange ResonanceQ { get; init; } = new(150, 1500);

    /// <summary>Resonances struck by the shatter itself (within 100 ms). Default 20–60.</summary>
    public ValueRange ShatterResonances { get; init; } = new(20, 60);

    /// <summary>Length of the tinkle tail after the shatter, seconds. Default 0.3–1.5.</summary>
    public ValueRange TailSeconds { get; init; } = new(0.3, 1.5);

    /// <summary>Fragment impacts per second at the start of the tail; the rate then decays to a fifth by its end. Default 15–60.</summary>
    public ValueRange TinkleRatePerSecond { get; init; } = new(15, 60);

    /// <summary>Peak amplitude of the whole event. Default 0.2–0.9.</summary>
    public ValueRange Amplitude { get; init; } = new(0.2, 0.9);

    /// <summary>Every problem, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        OnsetSeconds.Check(nameof(OnsetSeconds), 0, 3600, errors);
        ThudFrequencyHz.Check(nameof(ThudFrequencyHz), 20, 1000, errors);
        ThudModes.Check(nameof(ThudModes), 1, 10, errors);
        ThudDecaySeconds.Check(nameof(ThudDecaySeconds), 0.001, 1, errors);
        ThudLevelDb.Check(nameof(ThudLevelDb), -60, 20, errors);
        ShatterDelaySeconds.Check(nameof(ShatterDelaySeconds), 0, 1, errors);
        BurstCount.Check(nameof(BurstCount), 1, 20, errors);
        BurstDecaySeconds.Check(nameof(BurstDecaySeconds), 0.001, 1, errors);
        BurstHighPassHz.Check(nameof(BurstHighPassHz), 20, 7000, errors);
        ResonanceFrequencyHz.Check(nameof(ResonanceFrequencyHz), 500, 7900, errors);
        ResonanceQ.Check(nameof(ResonanceQ), 5, 20000, errors);
        ShatterResonances.Check(nameof(ShatterResonances), 0, 1000, errors);
        TailSeconds.Check(nameof(TailSeconds), 0, 10, errors);
        TinkleRatePerSecond.Check(nameof(TinkleRatePerSecond), 0, 1000, errors);
        Amplitude.Check(nameof(Amplitude), 0, 1, errors);
        return errors;
    }

    internal void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid GlassBreakOptions: " + string.Join(" ", errors));
        }
    }
}
