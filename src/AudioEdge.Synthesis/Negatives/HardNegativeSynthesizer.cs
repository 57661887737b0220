using AudioEdge.Synthesis.Analysis;

namespace AudioEdge.Synthesis.Negatives;

/// <summary>
/// Seeded hard negatives: sounds a detector could confuse with an alarm (beeps, melodies, bells, music) or with
/// breaking glass (slams, knocks, clinks, clatter). Every sound event is a <see cref="SegmentKind.Distractor"/> segment.
/// </summary>
public static class HardNegativeSynthesizer
{
    /// <summary>Generates <paramref name="durationSeconds"/> of signal of the given kind.</summary>
    /// <exception cref="ArgumentException">The options are invalid or the duration is not within (0, 3600] s.</exception>
    public static SynthesizedSound Generate(HardNegativeKind kind, double durationSeconds, Random random, HardNegativeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        options ??= HardNegativeOptions.Default;
        options.ThrowIfInvalid();
        if (!(durationSeconds > 0 && durationSeconds <= 3600))
        {
            throw new ArgumentException($"The duration {durationSeconds} s must be within (0, 3600].", nameof(durationSeconds));
        }

        var samples = new float[SynthesizedSound.ToSamples(durationSeconds)];
        var segments = new List<SoundSegment>();
        double start = Math.Min(options.LeadingSilenceSeconds.Sample(random), durationSeconds * 0.5);
        string description = kind switch
        {
            HardNegativeKind.ApplianceBeeps => ApplianceBeeps.Render(samples, segments, start, options, random),
            HardNegativeKind.Ringtone => Melodies.RenderRingtone(samples, segments, start, random),
            HardNegativeKind.Doorbell => Melodies.RenderDoorbell(samples, segments, start, random),
            HardNegativeKind.Music => Melodies.RenderMusic(samples, segments, start, random),
            HardNegativeKind.Impacts => Impacts.Render(samples, segments, start, random),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown hard-negative kind."),
        };

        float peak = SignalLevels.Peak(samples);
        if (peak > 0)
        {
            SignalLevels.Scale(samples, options.Amplitude.Sample(random) / peak);
        }

        segments.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new SynthesizedSound(samples, ClipToSignal(segments, samples.Length), description);
    }

    /// <summary>A short stable name for a kind, e.g. for file names and dataset categories.</summary>
    public static string Name(HardNegativeKind kind) => kind switch
    {
        HardNegativeKind.ApplianceBeeps => "appliance_beeps",
        HardNegativeKind.Ringtone => "ringtone",
        HardNegativeKind.Doorbell => "doorbell",
        HardNegativeKind.Music => "music",
        HardNegativeKind.Impacts => "impacts",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown hard-negative kind."),
    };

    private static List<SoundSegment> ClipToSignal(List<SoundSegment> segments, int length)
    {
        var clipped = new List<SoundSegment>(segments.Count);
        foreach (SoundSegment segment in segments)
        {
            int start = Math.Max(0, segment.Start), end = Math.Min(length, segment.End);
            if (end > start)
            {
                clipped.Add(segment with { Start = start, Length = end - start });
            }
        }

        return clipped;
    }
}
