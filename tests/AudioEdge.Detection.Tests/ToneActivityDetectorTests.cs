using AudioEdge.Audio.Sources;
using AudioEdge.Dsp;

namespace AudioEdge.Detection.Tests;

/// <summary>Tone activity on real log-mel frames of synthetic audio.</summary>
[TestFixture]
public sealed class ToneActivityDetectorTests
{
    [TestCase(0.003)]
    [TestCase(0.1)]
    [TestCase(0.5)]
    public void White_noise_at_any_level_is_never_a_tone(double rms)
    {
        (int on, _) = Count(TestAudio.Noise(30, rms, seed: 5));
        Assert.That(on, Is.Zero);
    }

    [TestCase(2800.0)]
    [TestCase(3100.0)]
    [TestCase(3500.0)]
    [TestCase(3950.0)]
    [TestCase(480.0)]
    [TestCase(560.0)]
    public void An_alarm_tone_in_the_regions_is_on_throughout(double hertz)
    {
        float[] audio = TestAudio.Alarm(3, [], hertz: hertz, delay: 0.5);
        (int on, int frames) = Count(audio, from: 0.6);
        Assert.That(on, Is.EqualTo(frames), "every frame once the tone is established");
    }

    [Test]
    public void A_tone_sounding_when_the_stream_starts_is_on_once_three_frames_are_in()
    {
        (int on, int frames) = Count(TestAudio.Alarm(2, [], delay: 0));
        Assert.That(on, Is.EqualTo(frames - 2));
    }

    [Test]
    public void Tones_outside_the_regions_are_not_alarm_tones()
    {
        // Speech-range and kettle-whistle-range tones; a 1.5 kHz tone's 3 kHz harmonic would count (the model gates that).
        float[] audio = TestAudio.Tones(3, 1500, 2000, 5000);
        (int on, _) = Count(audio);
        Assert.That(on, Is.Zero);
    }

    [Test]
    public void Beep_lengths_are_kept_to_a_frame_or_two()
    {
        float[] audio = TestAudio.Alarm(4, AlarmCadences.TemporalThree, delay: 0.3);
        float[] frames = LogMelFrontEnd.ComputeAll(audio);
        var tone = new ToneActivityDetector();
        var segments = new List<(double Start, double End)>();
        double? start = null;
        for (int i = 0; i < frames.Length / 64; i++)
        {
            double t = 0.0125 + (i * 0.01);
            bool on = tone.Update(frames.AsSpan(i * 64, 64));
            if (on && start is null)
            {
                start = t;
            }
            else if (!on && start is { } s)
            {
                segments.Add((s, t));
                start = null;
            }
        }

        Assert.That(segments, Has.Count.EqualTo(3));
        for (int b = 0; b < 3; b++)
        {
            Assert.That(segments[b].Start, Is.EqualTo(0.3 + b).Within(0.03), $"beep {b} onset");
            Assert.That(segments[b].End - segments[b].Start, Is.EqualTo(0.5).Within(0.03), $"beep {b} length");
        }
    }

    [Test]
    public void Options_report_every_problem()
    {
        var options = new ToneActivityOptions { PiezoHighHertz = 100, GuardBands = 9, OnProminenceDb = 3, DropDb = 0 };
        Assert.That(options.Validate(), Has.Count.EqualTo(4));
        Assert.That(() => new ToneActivityDetector(options), Throws.ArgumentException);
    }

    private static (int On, int Frames) Count(float[] audio, double from = 0)
    {
        float[] frames = LogMelFrontEnd.ComputeAll(audio);
        var tone = new ToneActivityDetector();
        int on = 0, counted = 0;
        for (int i = 0; i < frames.Length / 64; i++)
        {
            bool isOn = tone.Update(frames.AsSpan(i * 64, 64));
            if (0.0125 + (i * 0.01) >= from)
            {
                counted++;
                on += isOn ? 1 : 0;
            }
        }

        return (on, counted);
    }
}
