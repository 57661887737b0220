using AudioEdge.Synthesis.Glass;

namespace AudioEdge.Synthesis.Tests;

public class GlassBreakSynthesizerTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Low_frequency_thud_starts_before_the_high_frequency_shatter(int seed)
    {
        var options = new GlassBreakOptions { ShatterDelaySeconds = new ValueRange(0.025, 0.060), ThudLevelDb = ValueRange.Exactly(0) };
        SynthesizedSound glass = GlassBreakSynthesizer.Generate(2.5, new Random(seed), options);

        double thud = Measure.FirstReach(Measure.BandEnergy(glass.Samples, 40, 350), 0.1);
        double shatter = Measure.FirstReach(Measure.BandEnergy(glass.Samples, 3000, 8000), 0.1);
        Assert.That(thud, Is.LessThan(shatter - 0.010), "the thud leads the shatter by more than 10 ms");
        Assert.That(shatter - thud, Is.LessThan(0.060 + 0.010), "the shatter follows within 60 ms");
        Assert.That(thud, Is.EqualTo(glass.Segments[0].Start / 16000.0).Within(0.012), "the segment starts at the thud");
    }

    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    public void With_default_options_the_thud_never_comes_after_the_shatter(int seed)
    {
        SynthesizedSound glass = GlassBreakSynthesizer.Generate(2.5, new Random(seed));
        double thud = Measure.FirstReach(Measure.BandEnergy(glass.Samples, 40, 350), 0.1);
        double shatter = Measure.FirstReach(Measure.BandEnergy(glass.Samples, 3000, 8000), 0.1);
        Assert.That(thud, Is.LessThanOrEqualTo(shatter + 0.004));
    }

    [Test]
    public void Shatter_energy_is_broadband_high_frequency_and_rings_into_a_tail()
    {
        var options = new GlassBreakOptions { TailSeconds = ValueRange.Exactly(1.0), OnsetSeconds = ValueRange.Exactly(0.2), ShatterDelaySeconds = ValueRange.Exactly(0) };
        SynthesizedSound glass = GlassBreakSynthesizer.Generate(2.5, new Random(9), options);
        int onset = glass.Segments[0].Start;

        // Over the event, 3–8 kHz carries more energy than 1–3 kHz: this is a shatter, not a thud or a clink.
        double[] spectrum = Measure.PowerSpectrum(glass.Samples, onset, 16000);
        double high = spectrum.Skip((int)(3000 / Measure.BinHz)).Take((int)(5000 / Measure.BinHz)).Sum();
        double middle = spectrum.Skip((int)(1000 / Measure.BinHz)).Take((int)(2000 / Measure.BinHz)).Sum();
        Assert.That(high, Is.GreaterThan(middle));

        // The tail still rings 0.6 s after the shatter and is silent after the 1 s tail plus the ring-out.
        double shatterPower = Measure.Power(glass.Samples.AsSpan(onset, 1600));
        double tailPower = Measure.Power(glass.Samples.AsSpan(onset + 9600, 1600));
        double afterPower = Measure.Power(glass.Samples.AsSpan(onset + 27200, 4000));
        Assert.That(10 * Math.Log10(tailPower / shatterPower), Is.GreaterThan(-60), "tail at 0.6 s");
        Assert.That(afterPower, Is.LessThan(tailPower));
        Assert.That(glass.Segments[0].Length / 16000.0, Is.EqualTo(1.0).Within(0.001));
        Assert.That(glass.Segments[0].Kind, Is.EqualTo(SegmentKind.GlassBreak));
    }

    [Test]
    public void Nothing_sounds_before_the_onset()
    {
        var options = new GlassBreakOptions { OnsetSeconds = ValueRange.Exactly(0.4) };
        SynthesizedSound glass = GlassBreakSynthesizer.Generate(2, new Random(1), options);
        Assert.That(glass.Samples.Take(6400), Has.All.EqualTo(0f));
        Assert.That(glass.Samples.Skip(6400).Take(800).Max(Math.Abs), Is.GreaterThan(0.01f));
    }

    [Test]
    public void An_onset_beyond_the_signal_is_refused()
    {
        var options = new GlassBreakOptions { OnsetSeconds = ValueRange.Exactly(3) };
        Assert.That(() => GlassBreakSynthesizer.Generate(2, new Random(1), options), Throws.ArgumentException);
    }
}
