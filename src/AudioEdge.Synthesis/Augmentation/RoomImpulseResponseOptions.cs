namespace AudioEdge.Synthesis.Augmentation;

/// <summary>The shape of a synthetic room impulse response (see <see cref="RoomImpulseResponse"/>).</summary>
public sealed class RoomImpulseResponseOptions
{
    /// <summary>The default options.</summary>
    public static RoomImpulseResponseOptions Default { get; } = new();

    /// <summary>Number of discrete early reflections (walls, floor, ceiling, furniture). Default 4–12.</summary>
    public ValueRange EarlyReflections { get; init; } = new(4, 12);

    /// <summary>Arrival of the early reflections after the direct sound, seconds. Default 2–40 ms (rooms of 1–7 m).</summary>
    public ValueRange EarlyDelaySeconds { get; init; } = new(0.002, 0.040);

    /// <summary>
    /// Share of the reverberant energy (everything but the direct sound) carried by the early reflections; the
    /// diffuse tail carries the rest. Default 0.1–0.4.
    /// </summary>
    public ValueRange EarlyEnergyShare { get; init; } = new(0.1, 0.4);

    /// <summary>
    /// Direct-to-reverberant energy ratio in dB: how far the source is beyond the critical distance.
    /// Default -6 … +10 (far across a living room … close to the microphone).
    /// </summary>
    public ValueRange DirectToReverberantDb { get; init; } = new(-6, 10);

    /// <summary>
    /// Ratio of the decay time above about 4 kHz to the broadband RT60: air and soft furnishings absorb high
    /// frequencies faster. Default 0.5–0.9.
    /// </summary>
    public ValueRange HighFrequencyDecayRatio { get; init; } = new(0.5, 0.9);

    /// <summary>Every problem, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        EarlyReflections.Check(nameof(EarlyReflections), 0, 100, errors);
        EarlyDelaySeconds.Check(nameof(EarlyDelaySeconds), 0.0005, 0.2, errors);
        EarlyEnergyShare.Check(nameof(EarlyEnergyShare), 0, 0.9, errors);
        DirectToReverberantDb.Check(nameof(DirectToReverberantDb), -30, 40, errors);
        HighFrequencyDecayRatio.Check(nameof(HighFrequencyDecayRatio), 0.1, 1, errors);
        return errors;
    }

    internal void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid RoomImpulseResponseOptions: " + string.Join(" ", errors));
        }
    }
}
