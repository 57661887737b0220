using AudioEdge.Synthesis.Alarms;
using AudioEdge.Synthesis.Augmentation;
using AudioEdge.Synthesis.Glass;
using AudioEdge.Synthesis.Negatives;
using AudioEdge.Synthesis.Speech;

namespace AudioEdge.Synthesis.Tests;

public class OptionsTests
{
    [Test]
    public void Defaults_are_valid()
    {
        Assert.That(new AlarmOptions().Validate(), Is.Empty);
        Assert.That(new GlassBreakOptions().Validate(), Is.Empty);
        Assert.That(new HardNegativeOptions().Validate(), Is.Empty);
        Assert.That(new AugmentationOptions().Validate(), Is.Empty);
        Assert.That(new EspeakSpeechOptions().Validate(), Is.Empty);
    }

    [Test]
    public void Alarm_options_report_every_problem_at_once()
    {
        var options = new AlarmOptions
        {
            TimingJitter = 0.7,
            FastOnSeconds = new ValueRange(0.3, 0.1),
            Amplitude = new ValueRange(0, 2),
            Piezo = new PiezoToneOptions { FrequencyHz = new ValueRange(double.NaN, 3000) },
        };

        IReadOnlyList<string> errors = options.Validate();
        Assert.That(errors, Has.Count.EqualTo(4));
        Assert.That(errors, Has.Some.StartWith("TimingJitter"));
        Assert.That(errors, Has.Some.StartWith("FastOnSeconds").And.Some.Contains("Min above Max"));
        Assert.That(errors, Has.Some.StartWith("Amplitude"));
        Assert.That(errors, Has.Some.StartWith("Piezo.FrequencyHz"));

        var thrown = Assert.Throws<ArgumentException>(() => AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 1, new Random(1), options));
        Assert.That(thrown!.Message, Does.Contain("TimingJitter").And.Contain("Piezo.FrequencyHz"));
    }

    [Test]
    public void Appliance_beeps_that_would_overlap_are_refused()
    {
        var options = new HardNegativeOptions { ApplianceBeepSeconds = new ValueRange(0.1, 1.0), ApplianceSpacingSeconds = new ValueRange(0.8, 1.2), ApplianceSingleProbability = 2 };
        IReadOnlyList<string> errors = options.Validate();
        Assert.That(errors, Has.Count.EqualTo(2));
        Assert.That(errors, Has.Some.Contains("overlap"));
    }

    [Test]
    public void Augmentation_options_report_nested_problems()
    {
        var options = new AugmentationOptions
        {
            ReverbProbability = -1,
            Rt60Seconds = new ValueRange(0.01, 1),
            Room = new RoomImpulseResponseOptions { EarlyEnergyShare = new ValueRange(0, 3) },
            Microphone = new MicrophoneOptions { HighPassHz = new ValueRange(5, 100) },
        };
        IReadOnlyList<string> errors = options.Validate();
        Assert.That(errors, Has.Count.EqualTo(4));
        Assert.That(errors, Has.Some.StartWith("Room.EarlyEnergyShare").And.Some.StartWith("Microphone.HighPassHz"));
        Assert.That(() => new Augmenter(options), Throws.ArgumentException.With.Message.Contains("ReverbProbability"));
    }

    [Test]
    public void Value_ranges_sample_within_their_bounds()
    {
        var random = new Random(1);
        var range = new ValueRange(2, 5);
        double[] draws = [.. Enumerable.Range(0, 1000).Select(_ => range.Sample(random))];
        int[] whole = [.. Enumerable.Range(0, 1000).Select(_ => range.SampleInt(random))];
        Assert.That(draws, Has.All.InRange(2.0, 5.0));
        Assert.That(whole.Distinct().Order(), Is.EqualTo(new[] { 2, 3, 4, 5 }));
        Assert.That(ValueRange.Exactly(3).Sample(random), Is.EqualTo(3));
    }
}
