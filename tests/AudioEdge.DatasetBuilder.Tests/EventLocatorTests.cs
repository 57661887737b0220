using AudioEdge.DatasetBuilder.Labelling;
using AudioEdge.Synthesis;
using AudioEdge.Synthesis.Alarms;
using AudioEdge.Synthesis.Augmentation;
using AudioEdge.Synthesis.Glass;
using AudioEdge.Synthesis.Noise;

namespace AudioEdge.DatasetBuilder.Tests;

public class EventLocatorTests
{
    private static float[] InNoise(SynthesizedSound sound, double snrDb, int seed)
    {
        float[] noise = NoiseGenerator.Generate(NoiseColour.Pink, sound.Samples.Length, 0.01, new Random(seed));
        return Mixer.MixAtSnr(sound.Samples, noise, snrDb, sound.Segments, out _);
    }

    [TestCase(3100.0)]
    [TestCase(2000.0)]
    public void Alarm_beeps_are_found_where_they_sound(double frequency)
    {
        var options = new AlarmOptions { LeadingSilenceSeconds = ValueRange.Exactly(0.4), Piezo = new PiezoToneOptions { FrequencyHz = ValueRange.Exactly(frequency) } };
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 5, new Random(1), options);

        List<SoundSegment> found = EventLocator.ToneSegments(new FeatureFrames(InNoise(alarm, 15, 2)));

        Assert.That(found, Has.Count.EqualTo(alarm.Segments.Count));
        for (int i = 0; i < found.Count; i++)
        {
            Assert.That(found[i].Start, Is.EqualTo(alarm.Segments[i].Start).Within(480), $"beep {i} start (30 ms)");
            Assert.That(found[i].End, Is.EqualTo(alarm.Segments[i].End).Within(480), $"beep {i} end (30 ms)");
        }
    }

    [Test]
    public void Noise_alone_holds_no_alarm_tone()
    {
        float[] noise = NoiseGenerator.Generate(NoiseColour.Pink, 48_000, 0.05, new Random(3));
        Assert.That(EventLocator.ToneSegments(new FeatureFrames(noise)), Is.Empty);
        Assert.That(EventLocator.PiezoBandSegments(new FeatureFrames(noise)), Is.Empty);
    }

    [Test]
    public void The_piezo_band_locator_ignores_a_2_khz_beeper()
    {
        var options = new AlarmOptions { LeadingSilenceSeconds = ValueRange.Exactly(0.4), Piezo = new PiezoToneOptions { FrequencyHz = ValueRange.Exactly(2000) } };
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 3, new Random(1), options);
        Assert.That(EventLocator.PiezoBandSegments(new FeatureFrames(InNoise(alarm, 15, 2))), Is.Empty);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void A_glass_break_onset_is_found_at_the_thud(int seed)
    {
        var options = new GlassBreakOptions { OnsetSeconds = ValueRange.Exactly(1.3) };
        SynthesizedSound glass = GlassBreakSynthesizer.Generate(3, new Random(seed), options);
        float[] samples = InNoise(glass, 10, seed);

        SoundSegment? onset = EventLocator.GlassOnset(new FeatureFrames(samples), out double rise);

        Assert.That(onset, Is.Not.Null);
        Assert.That(onset!.Value.Start / 16000.0, Is.EqualTo(1.3).Within(0.07));
        Assert.That(onset.Value.Length / 16000.0, Is.InRange(0.3, 2.0));
        Assert.That(rise, Is.GreaterThan(10));
    }
}
