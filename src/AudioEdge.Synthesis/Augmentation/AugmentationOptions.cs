namespace AudioEdge.Synthesis.Augmentation;

/// <summary>What <see cref="Augmenter"/> draws for each example. Every property has a documented default.</summary>
public sealed class AugmentationOptions
{
    /// <summary>The default options.</summary>
    public static AugmentationOptions Default { get; } = new();

    /// <summary>Signal-to-background ratio while the event sounds, dB. Default -5 … +30.</summary>
    public ValueRange SnrDb { get; init; } = new(-5, 30);

    /// <summary>Overall gain of the mix, dB, reduced where it would clip. Default -20 … +20.</summary>
    public ValueRange GainDb { get; init; } = new(-20, 20);

    /// <summary>Probability of room reverberation. Default 0.7.</summary>
    public double ReverbProbability { get; init; } = 0.7;

    /// <summary>Reverberation time when reverberation is applied, seconds. Default 0.2–1.2 (furnished room … bare hall).</summary>
    public ValueRange Rt60Seconds { get; init; } = new(0.2, 1.2);

    /// <summary>Shape of the synthetic room responses.</summary>
    public RoomImpulseResponseOptions Room { get; init; } = RoomImpulseResponseOptions.Default;

    /// <summary>Probability of the distance model. Default 0.6.</summary>
    public double DistanceProbability { get; init; } = 0.6;

    /// <summary>Source distance when the distance model is applied, metres. Default 1–8 (a glass-break detector's range is about 7.6 m).</summary>
    public ValueRange DistanceMeters { get; init; } = new(1, 8);

    /// <summary>Probability of microphone colouring. Default 0.8.</summary>
    public double MicrophoneProbability { get; init; } = 0.8;

    /// <summary>The microphone colouring.</summary>
    public MicrophoneOptions Microphone { get; init; } = MicrophoneOptions.Default;

    /// <summary>Largest time shift either way, seconds. Default 0 (callers that place events themselves need none).</summary>
    public double MaxTimeShiftSeconds { get; init; }

    /// <summary>Every problem, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        SnrDb.Check(nameof(SnrDb), -60, 120, errors);
        GainDb.Check(nameof(GainDb), -120, 60, errors);
        CheckProbability(nameof(ReverbProbability), ReverbProbability, errors);
        Rt60Seconds.Check(nameof(Rt60Seconds), 0.05, 10, errors);
        CheckProbability(nameof(DistanceProbability), DistanceProbability, errors);
        DistanceMeters.Check(nameof(DistanceMeters), 0.01, 1000, errors);
        CheckProbability(nameof(MicrophoneProbability), MicrophoneProbability, errors);
        if (!(MaxTimeShiftSeconds is >= 0 and <= 3600))
        {
            errors.Add($"MaxTimeShiftSeconds {MaxTimeShiftSeconds} must be within [0, 3600].");
        }

        if (Room is null)
        {
            errors.Add("Room must not be null.");
        }
        else
        {
            errors.AddRange(Room.Validate().Select(e => "Room." + e));
        }

        if (Microphone is null)
        {
            errors.Add("Microphone must not be null.");
        }
        else
        {
            errors.AddRange(Microphone.Validate().Select(e => "Microphone." + e));
        }

        return errors;
    }

    private static void CheckProbability(string name, double value, List<string> errors)
    {
        if (!(value is >= 0 and <= 1))
        {
            errors.Add($"{name} {value} must be within [0, 1].");
        }
    }
}
