namespace AudioEdge.Synthesis.Alarms;

/// <summary>How <see cref="AlarmSynthesizer"/> draws an alarm. Every property has a documented default.</summary>
public sealed class AlarmOptions
{
    /// <summary>The default options.</summary>
    public static AlarmOptions Default { get; } = new();

    /// <summary>The piezo sound (all patterns except <see cref="AlarmPattern.LowFrequency"/>).</summary>
    public PiezoToneOptions Piezo { get; init; } = new();

    /// <summary>
    /// Each on and off duration is the nominal one times a factor drawn independently from [1 - j, 1 + j].
    /// Default 0.10: the ±10 % tolerance of the temporal patterns.
    /// </summary>
    public double TimingJitter { get; init; } = 0.10;

    /// <summary>Nominal beep length of <see cref="AlarmPattern.ContinuousFast"/> in seconds, drawn once per alarm. Default 50–250 ms.</summary>
    public ValueRange FastOnSeconds { get; init; } = new(0.050, 0.250);

    /// <summary>Nominal pause of <see cref="AlarmPattern.ContinuousFast"/> in seconds, drawn once per alarm. Default 50–250 ms.</summary>
    public ValueRange FastOffSeconds { get; init; } = new(0.050, 0.250);

    /// <summary>Nominal pause after the four pulses of <see cref="AlarmPattern.TemporalFour"/>, seconds. Default 5.</summary>
    public double TemporalFourPauseSeconds { get; init; } = 5.0;

    /// <summary>Fundamental of the low-frequency alarm's square wave, Hz. Default 468–572 (520 Hz ±10 %).</summary>
    public ValueRange LowFrequencyHz { get; init; } = new(468, 572);

    /// <summary>Peak amplitude of the alarm (full scale 1). Default 0.2–0.8; mixing and gain set the final level.</summary>
    public ValueRange Amplitude { get; init; } = new(0.2, 0.8);

    /// <summary>
    /// Silence before the first beep, seconds. When the drawn value is 0 the alarm is already sounding when the signal
    /// starts, at a random point of its cycle (as when a microphone starts listening mid-alarm). Default 0 (always mid-cycle).
    /// </summary>
    public ValueRange LeadingSilenceSeconds { get; init; } = ValueRange.Exactly(0);

    /// <summary>Every problem, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Piezo is null)
        {
            errors.Add("Piezo must not be null.");
        }
        else
        {
            errors.AddRange(Piezo.Validate().Select(e => "Piezo." + e));
        }

        if (!(TimingJitter is >= 0 and < 0.5))
        {
            errors.Add($"TimingJitter {TimingJitter} must be within [0, 0.5).");
        }

        FastOnSeconds.Check(nameof(FastOnSeconds), 0.01, 2, errors);
        FastOffSeconds.Check(nameof(FastOffSeconds), 0.01, 2, errors);
        if (!(TemporalFourPauseSeconds is >= 0.5 and <= 120))
        {
            errors.Add($"TemporalFourPauseSeconds {TemporalFourPauseSeconds} must be within [0.5, 120].");
        }

        LowFrequencyHz.Check(nameof(LowFrequencyHz), 50, 2000, errors);
        Amplitude.Check(nameof(Amplitude), 0, 1, errors);
        LeadingSilenceSeconds.Check(nameof(LeadingSilenceSeconds), 0, 3600, errors);
        return errors;
    }

    /// <summary>Throws one exception listing every problem.</summary>
    internal void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid AlarmOptions: " + string.Join(" ", errors));
        }
    }
}
