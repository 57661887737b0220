using System.Globalization;

namespace AudioEdge.Audio.Sources;

/// <summary>What a <see cref="SyntheticAudioSource"/> generates. Every property has a usable default.</summary>
public sealed class SyntheticAudioOptions
{
    /// <summary>Samples per second; default 16 000 (the product rate).</summary>
    public int SampleRate { get; init; } = AudioSource.TargetSampleRate;

    /// <summary>Sine components, summed; default none.</summary>
    public IReadOnlyList<SyntheticTone> Tones { get; init; } = [];

    /// <summary>
    /// On/off pattern that gates the tones (not the noise): durations alternating on, off, on, off, … repeated
    /// from the start. Must have an even number of entries; empty (the default) means the tones sound throughout.
    /// See <see cref="AlarmCadences"/>.
    /// </summary>
    public IReadOnlyList<TimeSpan> Cadence { get; init; } = [];

    /// <summary>RMS of white Gaussian noise added throughout; default 0 (none).</summary>
    public double NoiseRms { get; init; }

    /// <summary>Seed of the noise generator: equal options and seed give equal samples.</summary>
    public int Seed { get; init; }

    /// <summary>Length of the signal; null (the default) for an endless source.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Pace reads to the sample rate, as a live device would deliver them; default off.</summary>
    public bool RealTime { get; init; }

    /// <summary>Clock for <see cref="RealTime"/> pacing; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Every problem with these options, one line each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var invariant = CultureInfo.InvariantCulture;
        if (SampleRate is < 1_000 or > 768_000)
        {
            errors.Add(string.Create(invariant, $"SampleRate {SampleRate} must be within 1000..768000 Hz."));
        }

        if (Tones is null)
        {
            errors.Add("Tones must not be null.");
        }
        else
        {
            for (int i = 0; i < Tones.Count; i++)
            {
                SyntheticTone tone = Tones[i];
                if (!double.IsFinite(tone.Frequency) || tone.Frequency <= 0 || tone.Frequency >= SampleRate / 2.0)
                {
                    errors.Add(string.Create(invariant, $"Tones[{i}].Frequency {tone.Frequency} must be above 0 and below half the sample rate ({SampleRate / 2.0} Hz)."));
                }

                if (!double.IsFinite(tone.Amplitude) || tone.Amplitude < 0)
                {
                    errors.Add(string.Create(invariant, $"Tones[{i}].Amplitude {tone.Amplitude} must be finite and not negative."));
                }

                if (!double.IsFinite(tone.PhaseRadians))
                {
                    errors.Add(string.Create(invariant, $"Tones[{i}].PhaseRadians must be finite."));
                }
            }
        }

        if (Cadence is null)
        {
            errors.Add("Cadence must not be null.");
        }
        else
        {
            if (Cadence.Count % 2 != 0)
            {
                errors.Add(string.Create(invariant, $"Cadence has {Cadence.Count} entries; it needs on/off pairs (an even number)."));
            }

            for (int i = 0; i < Cadence.Count; i++)
            {
                if (Cadence[i].TotalSeconds * SampleRate < 1)
                {
                    errors.Add(string.Create(invariant, $"Cadence[{i}] ({Cadence[i]}) must last at least one sample."));
                }
            }
        }

        if (!double.IsFinite(NoiseRms) || NoiseRms < 0)
        {
            errors.Add(string.Create(invariant, $"NoiseRms {NoiseRms} must be finite and not negative."));
        }

        if (Duration is { } duration && duration < TimeSpan.Zero)
        {
            errors.Add(string.Create(invariant, $"Duration {duration} must not be negative."));
        }

        if (TimeProvider is null)
        {
            errors.Add("TimeProvider must not be null.");
        }

        return errors;
    }
}
