using AudioEdge.Synthesis.Alarms;

namespace AudioEdge.Synthesis.Tests;

public class AlarmSynthesizerTests
{
    // Measured durations may differ from the drawn ones by the envelope detector's ±1.5 ms reach at each edge.
    private const double MeasurementSlack = 0.004;

    private static readonly AlarmOptions StartsSilent = new() { LeadingSilenceSeconds = ValueRange.Exactly(0.3) };

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Temporal_three_cadence_measured_from_the_signal_is_within_ten_percent(int seed)
    {
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 21, new Random(seed), StartsSilent);
        List<(double On, double Off)> beeps = Measure.OnIntervals(alarm.Samples);

        Assert.That(beeps, Has.Count.GreaterThanOrEqualTo(14), "five 4-s cycles hold 15 beeps");
        for (int i = 0; i < beeps.Count; i++)
        {
            Assert.That(beeps[i].Off - beeps[i].On, Is.InRange(0.45 - MeasurementSlack, 0.55 + MeasurementSlack), $"beep {i}");
            if (i + 1 < beeps.Count)
            {
                double off = beeps[i + 1].On - beeps[i].Off;
                // Every third pause is the long one (1.5 s), the others are short (0.5 s).
                (double low, double high) = i % 3 == 2 ? (1.35, 1.65) : (0.45, 0.55);
                Assert.That(off, Is.InRange(low - MeasurementSlack, high + MeasurementSlack), $"pause after beep {i}");
            }
        }
    }

    [Test]
    public void Temporal_four_cadence_has_four_100_ms_pulses_then_about_5_s_off()
    {
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalFour, 18, new Random(7), StartsSilent);
        List<(double On, double Off)> pulses = Measure.OnIntervals(alarm.Samples);

        Assert.That(pulses, Has.Count.GreaterThanOrEqualTo(11));
        for (int i = 0; i < pulses.Count; i++)
        {
            Assert.That(pulses[i].Off - pulses[i].On, Is.InRange(0.09 - MeasurementSlack, 0.11 + MeasurementSlack), $"pulse {i}");
            if (i + 1 < pulses.Count)
            {
                double off = pulses[i + 1].On - pulses[i].Off;
                (double low, double high) = i % 4 == 3 ? (4.5, 5.5) : (0.09, 0.11);
                Assert.That(off, Is.InRange(low - MeasurementSlack, high + MeasurementSlack), $"pause after pulse {i}");
            }
        }
    }

    [TestCase(11)]
    [TestCase(12)]
    [TestCase(13)]
    [TestCase(14)]
    public void Continuous_fast_beeping_stays_within_50_to_250_ms_plus_jitter(int seed)
    {
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.ContinuousFast, 6, new Random(seed), StartsSilent);
        List<(double On, double Off)> beeps = Measure.OnIntervals(alarm.Samples);

        Assert.That(beeps, Has.Count.GreaterThanOrEqualTo(10));
        double[] ons = [.. beeps.Select(b => b.Off - b.On)];
        double[] offs = [.. beeps.Zip(beeps.Skip(1), (a, b) => b.On - a.Off)];
        Assert.That(ons, Has.All.InRange(0.045 - MeasurementSlack, 0.275 + MeasurementSlack));
        Assert.That(offs, Has.All.InRange(0.045 - MeasurementSlack, 0.275 + MeasurementSlack));

        // One device: every beep within ±10 % of one nominal length, so the longest is at most 1.1/0.9 of the shortest.
        Assert.That(ons.Max() / ons.Min(), Is.LessThanOrEqualTo((1.1 / 0.9) + 0.1));
    }

    [Test]
    public void Piezo_tone_frequency_and_harmonics_measured_by_fft_match_the_options()
    {
        var options = new AlarmOptions
        {
            LeadingSilenceSeconds = ValueRange.Exactly(0.3),
            Piezo = new PiezoToneOptions
            {
                FrequencyHz = ValueRange.Exactly(3100),
                HarmonicLevelDb = ValueRange.Exactly(-20),
                DriftCents = ValueRange.Exactly(0),
                WarbleCents = ValueRange.Exactly(0),
            },
        };
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 2, new Random(3), options);
        SoundSegment beep = alarm.Segments[0];
        double[] spectrum = Measure.PowerSpectrum(alarm.Samples, beep.Start + 800, 4800);

        Assert.That(Measure.PeakFrequency(spectrum), Is.EqualTo(3100).Within(2));
        double fundamental = Measure.PeakDb(spectrum, 3100);
        Assert.That(Measure.PeakDb(spectrum, 6200) - fundamental, Is.EqualTo(-20).Within(1));
        // The third partial (9.3 kHz) lies above Nyquist and must be absent rather than aliased to 6.7 kHz.
        Assert.That(Measure.PeakDb(spectrum, 6700) - fundamental, Is.LessThan(-60));
    }

    [TestCase(21)]
    [TestCase(22)]
    [TestCase(23)]
    public void Default_piezo_tones_lie_in_the_smoke_alarm_band(int seed)
    {
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 2, new Random(seed), StartsSilent);
        SoundSegment beep = alarm.Segments[0];
        double peak = Measure.PeakFrequency(Measure.PowerSpectrum(alarm.Samples, beep.Start + 800, 4800));

        // 2.8–3.6 kHz, widened by the largest drift and warble (35 cents ≈ 2 %).
        Assert.That(peak, Is.InRange(2800 * 0.98, 3600 * 1.02));
    }

    [Test]
    public void Low_frequency_alarm_is_a_520_hz_square_wave()
    {
        var options = new AlarmOptions { LeadingSilenceSeconds = ValueRange.Exactly(0.3), LowFrequencyHz = ValueRange.Exactly(520) };
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.LowFrequency, 2, new Random(4), options);
        SoundSegment beep = alarm.Segments[0];
        double[] spectrum = Measure.PowerSpectrum(alarm.Samples, beep.Start + 800, 4800);

        // The slow drift is at most 10 cents (0.6 %, 3 Hz at 520 Hz).
        Assert.That(Measure.PeakFrequency(spectrum), Is.EqualTo(520).Within(4));
        double fundamental = Measure.PeakDb(spectrum, 520);
        Assert.That(Measure.PeakDb(spectrum, 1560) - fundamental, Is.EqualTo(20 * Math.Log10(1 / 3.0)).Within(1), "3rd harmonic at 1/3");
        Assert.That(Measure.PeakDb(spectrum, 2600) - fundamental, Is.EqualTo(20 * Math.Log10(1 / 5.0)).Within(1), "5th harmonic at 1/5");
        Assert.That(Measure.PeakDb(spectrum, 1040) - fundamental, Is.LessThan(-50), "no even harmonics");
    }

    [TestCase(468, 572)]
    public void Default_low_frequency_tones_stay_within_520_hz_plus_minus_ten_percent(double low, double high)
    {
        for (int seed = 0; seed < 5; seed++)
        {
            SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.LowFrequency, 1.5, new Random(seed), StartsSilent);
            SoundSegment beep = alarm.Segments[0];
            double peak = Measure.PeakFrequency(Measure.PowerSpectrum(alarm.Samples, beep.Start + 800, 4800), 100, 2000);
            Assert.That(peak, Is.InRange(low * 0.99, high * 1.01), $"seed {seed}");
        }
    }

    [TestCase(AlarmPattern.TemporalThree)]
    [TestCase(AlarmPattern.ContinuousFast)]
    [TestCase(AlarmPattern.TemporalFour)]
    [TestCase(AlarmPattern.LowFrequency)]
    public void Segments_mark_exactly_the_beeps_heard_in_the_signal(AlarmPattern pattern)
    {
        SynthesizedSound alarm = AlarmSynthesizer.Generate(pattern, 8, new Random(5), StartsSilent);
        List<(double On, double Off)> measured = Measure.OnIntervals(alarm.Samples);
        List<SoundSegment> inside = [.. alarm.Segments.Where(s => s.Start > 0 && s.End < alarm.Samples.Length)];

        Assert.That(inside, Has.Count.EqualTo(measured.Count));
        for (int i = 0; i < inside.Count; i++)
        {
            Assert.That(inside[i].Kind, Is.EqualTo(SegmentKind.Alarm));
            Assert.That(inside[i].Start / 16000.0, Is.EqualTo(measured[i].On).Within(MeasurementSlack));
            Assert.That(inside[i].End / 16000.0, Is.EqualTo(measured[i].Off).Within(MeasurementSlack));
        }
    }

    [Test]
    public void Without_leading_silence_the_alarm_starts_mid_cycle()
    {
        // Over many seeds the signal should sometimes start inside a beep (37.5 % of a T3 cycle) and sometimes in a pause.
        int startsOn = Enumerable.Range(0, 40)
            .Count(seed => AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 1, new Random(seed)).Segments is [{ Start: 0 }, ..]);
        Assert.That(startsOn, Is.InRange(5, 35));
    }

    [TestCase(AlarmPattern.TemporalThree, 1.35, 0.45, 2)]
    [TestCase(AlarmPattern.LowFrequency, 1.35, 0.45, 2)]
    [TestCase(AlarmPattern.TemporalFour, 4.5, 0.09, 3)]
    public void Cadence_onset_is_the_first_beep_of_the_first_group_heard_from_its_start(AlarmPattern pattern, double longPause, double shortPause, int followers)
    {
        int cutGroups = 0;
        for (int seed = 0; seed < 40; seed++)
        {
            SynthesizedSound alarm = AlarmSynthesizer.Generate(pattern, 14, new Random(seed), null, out double? onset);
            double[] starts = [.. alarm.Segments.Select(s => s.Start / 16000.0)];
            double[] ends = [.. alarm.Segments.Select(s => s.End / 16000.0)];
            Assert.That(onset, Is.Not.Null, $"seed {seed}");
            int first = Array.FindIndex(starts, s => Math.Abs(s - onset!.Value) < 1e-3);
            Assert.That(first, Is.GreaterThanOrEqualTo(0), $"seed {seed}: the onset is a beep's start");
            Assert.That(starts[first], Is.GreaterThan(0), $"seed {seed}: a beep cut by the signal's start does not begin a group");

            // Before it only the cut-short tail of a group (no long pause inside it), after it the rest of its group.
            for (int i = 1; i < first; i++)
            {
                Assert.That(starts[i] - ends[i - 1], Is.LessThan(longPause), $"seed {seed}: a group began before the onset");
            }

            Assert.That(first == 0 || starts[first] - ends[first - 1] >= longPause, $"seed {seed}: the onset follows the long pause");
            for (int i = first + 1; i <= first + followers; i++)
            {
                Assert.That(starts[i] - ends[i - 1], Is.InRange(shortPause, longPause), $"seed {seed}: beep {i - first} of the group");
            }

            cutGroups += first > 0 ? 1 : 0;
        }

        Assert.That(cutGroups, Is.GreaterThan(0), "some alarms start with the tail of a group");
    }

    [TestCase(AlarmPattern.TemporalThree)]
    [TestCase(AlarmPattern.ContinuousFast)]
    [TestCase(AlarmPattern.TemporalFour)]
    public void Cadence_onset_is_the_first_beep_when_the_alarm_starts_from_silence(AlarmPattern pattern)
    {
        AlarmSynthesizer.Generate(pattern, 8, new Random(3), StartsSilent, out double? onset);
        Assert.That(onset, Is.EqualTo(0.3).Within(1e-9));
    }

    [Test]
    public void Continuous_beeping_counts_from_the_first_beep_heard_even_when_cut()
    {
        for (int seed = 0; seed < 10; seed++)
        {
            SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.ContinuousFast, 5, new Random(seed), null, out double? onset);
            Assert.That(onset, Is.EqualTo(alarm.Segments[0].Start / 16000.0).Within(1e-4), $"seed {seed}");
        }
    }

    [TestCase(AlarmPattern.TemporalThree)]
    [TestCase(AlarmPattern.TemporalFour)]
    public void Asking_for_the_cadence_onset_draws_the_same_signal(AlarmPattern pattern)
    {
        SynthesizedSound plain = AlarmSynthesizer.Generate(pattern, 10, new Random(9));
        SynthesizedSound withOnset = AlarmSynthesizer.Generate(pattern, 10, new Random(9), null, out _);
        Assert.That(withOnset.Samples, Is.EqualTo(plain.Samples));
    }

    [Test]
    public void No_cadence_onset_when_no_group_starts_inside_the_signal()
    {
        // 1 s of T4 from a random point of its ~5.7 s cycle: mostly pause, sometimes the tail of a group.
        int none = Enumerable.Range(0, 20).Count(seed =>
        {
            AlarmSynthesizer.Generate(AlarmPattern.TemporalFour, 1, new Random(seed), null, out double? onset);
            return onset is null;
        });
        Assert.That(none, Is.GreaterThan(10));
    }

    [Test]
    public void Peak_amplitude_follows_the_option()
    {
        var options = new AlarmOptions { Amplitude = ValueRange.Exactly(0.5) };
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 4, new Random(1), options);
        Assert.That(alarm.Samples.Max(Math.Abs), Is.EqualTo(0.5f).Within(1e-6));
    }
}
