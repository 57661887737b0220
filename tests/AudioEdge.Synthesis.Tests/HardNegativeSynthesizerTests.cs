using AudioEdge.Synthesis.Negatives;

namespace AudioEdge.Synthesis.Tests;

public class HardNegativeSynthesizerTests
{
    private static readonly HardNegativeOptions Sequences = new() { ApplianceSingleProbability = 0 };

    [Test]
    public void Appliance_beep_sequences_are_never_temporal_three_or_four()
    {
        int sequences = 0;
        for (int seed = 0; seed < 30; seed++)
        {
            SynthesizedSound beeps = HardNegativeSynthesizer.Generate(HardNegativeKind.ApplianceBeeps, 8, new Random(seed), Sequences);
            List<(double On, double Off)> measured = Measure.OnIntervals(beeps.Samples);
            Assert.That(measured, Has.Count.GreaterThanOrEqualTo(2), $"seed {seed}");
            sequences++;

            Assert.That(IsTemporalThree(measured), Is.False, $"seed {seed} looks like T3");
            Assert.That(IsTemporalFour(measured), Is.False, $"seed {seed} looks like T4");

            // About 1 s apart, start to start.
            double[] spacing = [.. measured.Zip(measured.Skip(1), (a, b) => b.On - a.On).Where(s => s < 2)];
            Assert.That(spacing, Has.All.InRange(0.75, 1.25), $"seed {seed}");
        }

        Assert.That(sequences, Is.EqualTo(30));
    }

    [Test]
    public void Appliance_beeps_are_between_1_and_4_khz()
    {
        for (int seed = 0; seed < 8; seed++)
        {
            SynthesizedSound beeps = HardNegativeSynthesizer.Generate(HardNegativeKind.ApplianceBeeps, 3, new Random(seed));
            SoundSegment first = beeps.Segments[0];
            int length = Math.Min(first.Length, 1200);
            double peak = Measure.PeakFrequency(Measure.PowerSpectrum(beeps.Samples, first.Start, length));
            Assert.That(peak, Is.InRange(990, 4010), $"seed {seed}");
        }
    }

    [TestCase(HardNegativeKind.ApplianceBeeps)]
    [TestCase(HardNegativeKind.Ringtone)]
    [TestCase(HardNegativeKind.Doorbell)]
    [TestCase(HardNegativeKind.Music)]
    [TestCase(HardNegativeKind.Impacts)]
    public void Every_kind_sounds_marks_its_events_and_stays_within_full_scale(HardNegativeKind kind)
    {
        SynthesizedSound sound = HardNegativeSynthesizer.Generate(kind, 5, new Random(17));
        Assert.That(sound.Samples, Has.Length.EqualTo(80_000));
        Assert.That(sound.Segments, Is.Not.Empty);
        Assert.That(sound.Segments.Select(s => s.Kind), Has.All.EqualTo(SegmentKind.Distractor));
        Assert.That(sound.Segments.Select(s => s.Start), Is.Ordered);
        Assert.That(sound.Samples.Max(Math.Abs), Is.InRange(0.2f, 0.8f));
        Assert.That(sound.Samples, Has.All.Matches<float>(float.IsFinite));
        Assert.That(sound.Description, Does.StartWith(HardNegativeSynthesizer.Name(kind)));
    }

    [Test]
    public void Ringtones_are_not_alarm_cadences_either()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            SynthesizedSound ringtone = HardNegativeSynthesizer.Generate(HardNegativeKind.Ringtone, 8, new Random(seed));
            List<(double On, double Off)> measured = Measure.OnIntervals(ringtone.Samples, 0.3);
            Assert.That(IsTemporalThree(measured), Is.False, $"seed {seed}");
        }
    }

    [Test]
    public void Impacts_hold_no_glass_break_segment()
    {
        for (int seed = 0; seed < 10; seed++)
        {
            SynthesizedSound impacts = HardNegativeSynthesizer.Generate(HardNegativeKind.Impacts, 5, new Random(seed));
            Assert.That(impacts.Segments.Any(s => s.Kind == SegmentKind.GlassBreak), Is.False);
        }
    }

    /// <summary>Three consecutive beeps of 0.45–0.55 s separated by pauses of 0.45–0.55 s.</summary>
    internal static bool IsTemporalThree(List<(double On, double Off)> beeps)
    {
        for (int i = 0; i + 2 < beeps.Count; i++)
        {
            bool ons = Enumerable.Range(i, 3).All(k => beeps[k].Off - beeps[k].On is >= 0.45 and <= 0.55);
            bool offs = Enumerable.Range(i, 2).All(k => beeps[k + 1].On - beeps[k].Off is >= 0.45 and <= 0.55);
            if (ons && offs)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Two consecutive pulses of 90–110 ms separated by 90–110 ms.</summary>
    internal static bool IsTemporalFour(List<(double On, double Off)> beeps)
    {
        for (int i = 0; i + 1 < beeps.Count; i++)
        {
            bool ons = beeps[i].Off - beeps[i].On is >= 0.09 and <= 0.11 && beeps[i + 1].Off - beeps[i + 1].On is >= 0.09 and <= 0.11;
            if (ons && beeps[i + 1].On - beeps[i].Off is >= 0.09 and <= 0.11)
            {
                return true;
            }
        }

        return false;
    }
}
