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

    [TestCase(0.0, 2, 2)]
    [TestCase(0.026, 2, 1)]
    [TestCase(0.5, 49, 0)]
    public void A_tone_that_comes_on_in_the_first_judgement_is_dated_back_to_the_frames_that_show_it(double delay, int onFrame, int framesAgo)
    {
        // Frame i covers samples 160·i … 160·i + 399 (10 ms hop, 25 ms window). From sample 0 the tone is in all
        // three first frames; from 26 ms only in the second and third; from 0.5 s it is an ordinary onset, reported
        // in the first frame that holds it.
        float[] frames = LogMelFrontEnd.ComputeAll(TestAudio.Alarm(1, [], delay: delay));
        var tone = new ToneActivityDetector();
        var onsets = new List<(int Frame, int Ago)>();
        for (int i = 0; i < frames.Length / 64; i++)
        {
            bool wasOn = tone.IsOn;
            if (tone.Update(frames.AsSpan(i * 64, 64)) && !wasOn)
            {
                onsets.Add((i, tone.OnsetFramesAgo));
            }
            else
            {
                Assert.That(tone.OnsetFramesAgo, Is.Zero, "only on the frame the tone comes on");
            }
        }

        Assert.That(onsets, Is.EqualTo(new[] { (onFrame, framesAgo) }));
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

    /// <summary>Found by audioedge eval: noise swelling around a steady beep cut it short (the drop was judged by prominence).</summary>
    [Test]
    public void A_beep_stays_on_while_the_noise_around_it_swells()
    {
        // A steady 3.1 kHz tone from 0.3 s; from 1.2 s broadband noise 24 dB louder than before (still far below the tone's band).
        float[] audio = TestAudio.Alarm(2.6, [], hertz: 3100, delay: 0.3);
        float[] swell = TestAudio.Noise(2.6, 0.05, seed: 9);
        for (int i = (int)(1.2 * TestAudio.Rate); i < audio.Length; i++)
        {
            audio[i] += swell[i];
        }

        (int on, int frames) = Count(audio, from: 0.4);
        Assert.That(on, Is.EqualTo(frames));
    }

    [Test]
    public void A_louder_tone_at_another_pitch_takes_over_from_a_weak_one()
    {
        // A weak 2.9 kHz tone throughout; a loud 3.5 kHz tone from 1.0 s.
        float[] audio = TestAudio.Noise(2.0, 0.003);
        float[] weak = TestAudio.Tones(2.0, 2900);
        float[] loud = TestAudio.Tones(2.0, 3500);
        for (int i = 0; i < audio.Length; i++)
        {
            audio[i] += (0.05f * weak[i]) + (i >= TestAudio.Rate ? loud[i] : 0);
        }

        float[] frames = LogMelFrontEnd.ComputeAll(audio);
        var tone = new ToneActivityDetector();
        var restarts = new List<double>();
        var bands = new List<(double Time, int Band)>();
        for (int i = 0; i < frames.Length / 64; i++)
        {
            double t = 0.0125 + (i * 0.01);
            tone.Update(frames.AsSpan(i * 64, 64));
            if (tone.Restarted)
            {
                restarts.Add(t);
            }

            bands.Add((t, tone.PeakBand));
        }

        Assert.That(restarts, Has.Count.EqualTo(1));
        Assert.That(restarts[0], Is.EqualTo(1.0).Within(0.04));
        int before = bands.First(b => b.Time >= 0.8).Band, after = bands.First(b => b.Time >= 1.3).Band;
        Assert.That(after - before, Is.GreaterThanOrEqualTo(3), "the beep's band is the loud tone's");
        Assert.That(tone.IsOn, Is.True);
    }

    [Test]
    public void Pitch_and_level_are_steady_within_a_beep_and_resolve_less_than_a_band()
    {
        (double mean3100, double spread3100, double level3100) = PitchOf(3100);
        (double mean3250, _, _) = PitchOf(3250);
        Assert.That(spread3100, Is.LessThan(0.05), "one tone, one pitch");
        Assert.That(mean3250 - mean3100, Is.InRange(0.6, 1.5), "150 Hz is about one band at 3 kHz");
        Assert.That(level3100, Is.GreaterThan(0));

        static (double Mean, double Spread, double Level) PitchOf(double hertz)
        {
            float[] frames = LogMelFrontEnd.ComputeAll(TestAudio.Alarm(1.5, [], hertz: hertz, delay: 0.3));
            var tone = new ToneActivityDetector();
            var pitches = new List<double>();
            var levels = new List<double>();
            for (int i = 0; i < frames.Length / 64; i++)
            {
                tone.Update(frames.AsSpan(i * 64, 64));
                if (0.0125 + (i * 0.01) >= 0.5 && tone.IsOn)
                {
                    pitches.Add(tone.Pitch);
                    levels.Add(tone.LevelDb);
                }
            }

            return (pitches.Average(), pitches.Max() - pitches.Min(), levels.Average());
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
