namespace AudioEdge.Synthesis.Negatives;

/// <summary>How <see cref="HardNegativeSynthesizer"/> draws its sounds.</summary>
public sealed class HardNegativeOptions
{
    /// <summary>The default options.</summary>
    public static HardNegativeOptions Default { get; } = new();

    /// <summary>Tone of appliance beeps, Hz. Default 1000–4000 (overlapping the smoke-alarm band on purpose).</summary>
    public ValueRange ApplianceFrequencyHz { get; init; } = new(1000, 4000);

    /// <summary>
    /// Length of each beep of a repeated appliance sequence, seconds. Default 80–350 ms: always short of the
    /// 450 ms that a temporal-three beep lasts at least, so a sequence never passes for T3.
    /// </summary>
    public ValueRange ApplianceBeepSeconds { get; init; } = new(0.080, 0.350);

    /// <summary>Length of a single appliance beep, seconds. Default 80 ms – 1.2 s.</summary>
    public ValueRange ApplianceSingleBeepSeconds { get; init; } = new(0.080, 1.2);

    /// <summary>Beeps in a repeated sequence. Default 3–5.</summary>
    public ValueRange ApplianceBeepCount { get; init; } = new(3, 5);

    /// <summary>Start-to-start spacing of repeated beeps, seconds. Default 0.8–1.2 ("about 1 s").</summary>
    public ValueRange ApplianceSpacingSeconds { get; init; } = new(0.8, 1.2);

    /// <summary>Probability that an appliance sounds one beep instead of a sequence. Default 0.35.</summary>
    public double ApplianceSingleProbability { get; init; } = 0.35;

    /// <summary>Silence before the first sound, seconds. Default 0.05–1.0.</summary>
    public ValueRange LeadingSilenceSeconds { get; init; } = new(0.05, 1.0);

    /// <summary>Peak amplitude. Default 0.2–0.8.</summary>
    public ValueRange Amplitude { get; init; } = new(0.2, 0.8);

    /// <summary>Every problem, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        ApplianceFrequencyHz.Check(nameof(ApplianceFrequencyHz), 100, 7000, errors);
        ApplianceBeepSeconds.Check(nameof(ApplianceBeepSeconds), 0.01, 10, errors);
        ApplianceSingleBeepSeconds.Check(nameof(ApplianceSingleBeepSeconds), 0.01, 10, errors);
        ApplianceBeepCount.Check(nameof(ApplianceBeepCount), 2, 20, errors);
        ApplianceSpacingSeconds.Check(nameof(ApplianceSpacingSeconds), 0.05, 10, errors);
        if (ApplianceBeepSeconds.Max >= ApplianceSpacingSeconds.Min)
        {
            errors.Add($"ApplianceBeepSeconds {ApplianceBeepSeconds} must end below ApplianceSpacingSeconds {ApplianceSpacingSeconds}: beeps would overlap.");
        }

        if (!(ApplianceSingleProbability is >= 0 and <= 1))
        {
            errors.Add($"ApplianceSingleProbability {ApplianceSingleProbability} must be within [0, 1].");
        }

        LeadingSilenceSeconds.Check(nameof(LeadingSilenceSeconds), 0, 3600, errors);
        Amplitude.Check(nameof(Amplitude), 0, 1, errors);
        return errors;
    }

    internal void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid HardNegativeOptions: " + string.Join(" ", errors));
        }
    }
}
