using AudioEdge.Synthesis.Alarms;
using AudioEdge.Synthesis.Augmentation;
using AudioEdge.Synthesis.Noise;

namespace AudioEdge.Synthesis.Tests;

public class AugmentationTests
{
    [TestCase(-5.0)]
    [TestCase(0.0)]
    [TestCase(12.5)]
    [TestCase(30.0)]
    public void Mixing_achieves_the_requested_snr_over_the_event(double snr)
    {
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 5, new Random(1));
        float[] background = NoiseGenerator.Generate(NoiseColour.Pink, alarm.Samples.Length, 0.05, new Random(2));

        float[] mix = Mixer.MixAtSnr(alarm.Samples, background, snr, alarm.Segments, out _);

        // Measured from the output: what the mix adds to the background is the scaled signal.
        double signal = 0, noise = 0;
        int count = 0;
        foreach (SoundSegment segment in alarm.Segments)
        {
            for (int i = Math.Max(0, segment.Start); i < Math.Min(mix.Length, segment.End); i++)
            {
                double added = mix[i] - background[i];
                signal += added * added;
                noise += (double)background[i] * background[i];
                count++;
            }
        }

        Assert.That(count, Is.GreaterThan(0));
        Assert.That(10 * Math.Log10(signal / noise), Is.EqualTo(snr).Within(0.5));
    }

    [Test]
    public void A_silent_background_leaves_the_signal_unscaled()
    {
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalFour, 2, new Random(1));
        float[] mix = Mixer.MixAtSnr(alarm.Samples, new float[alarm.Samples.Length], 10, alarm.Segments, out double gain);
        Assert.That(gain, Is.EqualTo(1));
        Assert.That(mix, Is.EqualTo(alarm.Samples));
    }

    [Test]
    public void Room_response_has_the_requested_reverberation_time()
    {
        var room = new RoomImpulseResponseOptions { HighFrequencyDecayRatio = ValueRange.Exactly(1) };
        foreach (double rt60 in new[] { 0.2, 0.6, 1.2 })
        {
            for (int seed = 0; seed < 5; seed++)
            {
                float[] response = RoomImpulseResponse.Generate(rt60, new Random(seed), room);
                Assert.That(response[0], Is.EqualTo(1f), "direct sound");
                Assert.That(RoomImpulseResponse.EstimateRt60(response), Is.EqualTo(rt60).Within(rt60 * 0.2), $"RT60 {rt60}, seed {seed}");
            }
        }
    }

    [Test]
    public void Reverberation_lengthens_the_decay_of_a_beep()
    {
        var options = new AlarmOptions { LeadingSilenceSeconds = ValueRange.Exactly(0.5), Piezo = new PiezoToneOptions { DecaySeconds = ValueRange.Exactly(0.005) } };
        SynthesizedSound dry = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 4, new Random(4), options);
        double rt60 = 0.9;
        float[] response = RoomImpulseResponse.Generate(rt60, new Random(5), new RoomImpulseResponseOptions { DirectToReverberantDb = ValueRange.Exactly(0) });
        SynthesizedSound wet = Augmentations.AddReverb(dry, response, rt60);

        // After the third beep of the group comes the 1.5 s pause. With equal direct and (built-up) reverberant energy,
        // the level first drops 3 dB when the direct sound stops, then falls 60 dB per RT60: 20 dB takes about
        // (20 - 3) / 60 · 0.9 ≈ 0.26 s.
        int end = dry.Segments[2].End;
        double dryDecay = DecayTime(dry.Samples, end);
        double wetDecay = DecayTime(wet.Samples, end);
        Assert.That(dryDecay, Is.LessThan(0.03));
        Assert.That(wetDecay, Is.InRange(0.15, 0.40));
        Assert.That(wet.Segments[2].End - dry.Segments[2].End, Is.EqualTo(SynthesizedSound.ToSamples(rt60 / 3)), "the alarm segment covers the audible tail");
        Assert.That(wet.Segments[2].Start, Is.EqualTo(dry.Segments[2].Start));
    }

    [Test]
    public void Distance_lowers_the_level_and_dulls_the_top_octave()
    {
        float[] noise = NoiseGenerator.Generate(NoiseColour.White, 32_000, 0.1, new Random(6));
        float[] far = Augmentations.ApplyDistance(noise, 8);

        double[] near = Measure.PowerSpectrum(noise, 0, 32_000), distant = Measure.PowerSpectrum(far, 0, 32_000);
        double Band(double[] s, double low, double high) => s.Skip((int)(low / Measure.BinHz)).Take((int)((high - low) / Measure.BinHz)).Sum();
        double lowLoss = 10 * Math.Log10(Band(near, 200, 1000) / Band(distant, 200, 1000));
        double highLoss = 10 * Math.Log10(Band(near, 6500, 7500) / Band(distant, 6500, 7500));
        Assert.That(lowLoss, Is.EqualTo(20 * Math.Log10(8)).Within(0.5), "inverse-square level");
        Assert.That(highLoss, Is.GreaterThan(lowLoss + 3), "air and obstacles absorb high frequencies");
        Assert.That(Augmentations.ApplyDistance(noise, 0.5), Is.EqualTo(noise), "nothing changes within 1 m");
    }

    [Test]
    public void Microphone_colouring_is_gentle()
    {
        float[] noise = NoiseGenerator.Generate(NoiseColour.Pink, 32_000, 0.1, new Random(7));
        for (int seed = 0; seed < 10; seed++)
        {
            float[] coloured = Augmentations.ApplyMicrophone(noise, new Random(seed));
            double change = 10 * Math.Log10(Measure.Power(coloured) / Measure.Power(noise));
            Assert.That(change, Is.InRange(-12, 6), $"seed {seed}");
        }
    }

    [Test]
    public void Gain_never_clips()
    {
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 2, new Random(1), new AlarmOptions { Amplitude = ValueRange.Exactly(0.5) });
        float[] samples = (float[])alarm.Samples.Clone();
        double applied = Augmentations.ApplyGain(samples, 20);
        Assert.That(samples.Max(Math.Abs), Is.LessThanOrEqualTo(Augmentations.ClipLimit));
        Assert.That(applied, Is.EqualTo(20 * Math.Log10(0.99 / 0.5)).Within(0.01));

        float[] quiet = (float[])alarm.Samples.Clone();
        Assert.That(Augmentations.ApplyGain(quiet, -20), Is.EqualTo(-20).Within(1e-9));
        Assert.That(quiet.Max(Math.Abs), Is.EqualTo(0.05f).Within(1e-6));
    }

    [Test]
    public void Time_shift_moves_samples_and_segments_together()
    {
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 4, new Random(2), new AlarmOptions { LeadingSilenceSeconds = ValueRange.Exactly(0.2) });
        SynthesizedSound later = Augmentations.TimeShift(alarm, 1600);
        SynthesizedSound earlier = Augmentations.TimeShift(alarm, -8000);

        Assert.That(later.Samples.Skip(1600), Is.EqualTo(alarm.Samples.Take(alarm.Samples.Length - 1600)));
        Assert.That(later.Samples.Take(1600), Has.All.EqualTo(0f));
        Assert.That(later.Segments[0].Start, Is.EqualTo(alarm.Segments[0].Start + 1600));
        Assert.That(earlier.Segments[0].Start, Is.EqualTo(alarm.Segments[0].Start - 8000), "an event already under way keeps its true onset");
        Assert.That(earlier.Segments.All(s => s.End > 0), Is.True);
    }

    [Test]
    public void Fft_convolution_matches_direct_convolution()
    {
        var random = new Random(8);
        float[] signal = [.. Enumerable.Range(0, 1000).Select(_ => (float)(random.NextDouble() - 0.5))];
        float[] kernel = [.. Enumerable.Range(0, 77).Select(_ => (float)(random.NextDouble() - 0.5))];

        float[] fast = Convolution.Convolve(signal, kernel);
        for (int n = 0; n < signal.Length; n++)
        {
            double direct = 0;
            for (int k = 0; k < kernel.Length && k <= n; k++)
            {
                direct += signal[n - k] * kernel[k];
            }

            Assert.That(fast[n], Is.EqualTo(direct).Within(1e-5), $"sample {n}");
        }
    }

    [Test]
    public void Biquad_responses_match_their_design()
    {
        Assert.That(Biquad.LowPass(2000).ResponseDb(2000), Is.EqualTo(-3.01).Within(0.05));
        Assert.That(Biquad.LowPass(2000).ResponseDb(100), Is.EqualTo(0).Within(0.05));
        Assert.That(Biquad.HighPass(200).ResponseDb(200), Is.EqualTo(-3.01).Within(0.05));
        Assert.That(Biquad.Peaking(1000, 1, 6).ResponseDb(1000), Is.EqualTo(6).Within(0.01));
        Assert.That(Biquad.HighShelf(4000, -6).ResponseDb(7900), Is.EqualTo(-6).Within(0.5));
    }

    [Test]
    public void Augmenter_keeps_length_and_segments_and_records_what_it_drew()
    {
        SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 4, new Random(1));
        float[] background = NoiseGenerator.Generate(NoiseColour.Brown, alarm.Samples.Length + 100, 0.02, new Random(2));
        var augmenter = new Augmenter(new AugmentationOptions { ReverbProbability = 1, DistanceProbability = 1, MicrophoneProbability = 1 });

        AugmentationResult result = augmenter.Apply(alarm, background, new Random(3));

        Assert.That(result.Sound.Samples, Has.Length.EqualTo(alarm.Samples.Length));
        Assert.That(result.Sound.Samples.Max(Math.Abs), Is.LessThanOrEqualTo(Augmentations.ClipLimit));
        Assert.That(result.Sound.Segments, Has.Count.EqualTo(alarm.Segments.Count));
        Assert.That(result.Record.Rt60Seconds, Is.InRange(0.2, 1.2));
        Assert.That(result.Record.DistanceMeters, Is.InRange(1.0, 8.0));
        Assert.That(result.Record.SnrDb, Is.InRange(-5.0, 30.0));
        Assert.That(result.Record.Microphone, Is.True);
        Assert.That(result.Record.ToString(), Does.Contain("rt60=").And.Contain("snr="));
    }

    /// <summary>Seconds after <paramref name="end"/> until the 10 ms RMS has fallen 20 dB below its level just before it.</summary>
    private static double DecayTime(float[] x, int end)
    {
        double reference = Measure.Power(x.AsSpan(end - 800, 160));
        for (int at = end; at + 160 < x.Length; at += 16)
        {
            if (Measure.Power(x.AsSpan(at, 160)) < reference / 100)
            {
                return (at - end) / 16000.0;
            }
        }

        return double.PositiveInfinity;
    }
}
