using AudioEdge.Dsp;

namespace AudioEdge.Telemetry.Tests;

[TestFixture]
public sealed class PrivateSpectralProfileTests
{
    private const int MinimumFrames = PrivateSpectralProfile.MinimumFrames;

    [Test]
    public void The_clamp_range_follows_from_the_front_end()
    {
        var profile = new PrivateSpectralProfile();
        Assert.Multiple(() =>
        {
            Assert.That(profile.LowerBound, Is.EqualTo(Math.Log(1e-10f)).Within(1e-9), "ln of the floor");
            // Periodic Hann of 400: Σw² = 3·400/8 = 150; FFT 512.
            Assert.That(profile.UpperBound, Is.EqualTo(Math.Log(512 * 150.0)).Within(1e-9));
            Assert.That(profile.Range, Is.EqualTo(34.27).Within(0.01));
        });
    }

    [Test]
    public void Full_scale_audio_never_exceeds_the_upper_bound_and_silence_sits_on_the_lower()
    {
        var profile = new PrivateSpectralProfile();
        var random = new Random(3);
        const int samples = 16_000;
        float[][] signals =
        [
            Enumerable.Range(0, samples).Select(_ => random.Next(2) == 0 ? -1f : 1f).ToArray(),                  // ±1 noise
            Enumerable.Range(0, samples).Select(n => (float)Math.Sin(2 * Math.PI * 3100 * n / 16000)).ToArray(),  // alarm tone
            Enumerable.Range(0, samples).Select(n => (n / 40) % 2 == 0 ? 1f : -1f).ToArray(),                    // square wave
            Enumerable.Repeat(1f, samples).ToArray(),                                                           // DC
        ];

        double loudest = double.MinValue;
        foreach (float[] signal in signals)
        {
            loudest = Math.Max(loudest, LogMelFrontEnd.ComputeAll(signal).Max());
        }

        float[] silence = LogMelFrontEnd.ComputeAll(new float[samples]);
        Assert.Multiple(() =>
        {
            Assert.That(loudest, Is.LessThanOrEqualTo(profile.UpperBound));
            Assert.That(loudest, Is.GreaterThan(profile.UpperBound - 3), "the bound is tight enough to matter");
            Assert.That(silence, Is.All.EqualTo(profile.LowerBound).Within(1e-4));
        });
    }

    [Test]
    public void Nothing_is_released_below_the_minimum_number_of_frames()
    {
        var profile = new PrivateSpectralProfile();
        profile.AddFrames(TestAggregators.Frames(MinimumFrames - 1, -3f));
        Assert.That(profile.Release(1.0, new Random(1)), Is.Null);

        profile.AddFrames(TestAggregators.Frames(1, -3f));
        Assert.That(profile.Release(1.0, new Random(1)), Has.Length.EqualTo(8));
    }

    [Test]
    public void The_aggregator_releases_no_profile_below_the_minimum_or_when_disabled()
    {
        TelemetryAggregator short_ = TestAggregators.Create();
        short_.RecordLogMelFrames(TestAggregators.Frames(MinimumFrames - 1, -3f));
        TelemetryAggregator disabled = TestAggregators.Create(new TelemetryOptions { SpectralProfileEnabled = false });
        disabled.RecordLogMelFrames(TestAggregators.Frames(2 * MinimumFrames, -3f));
        TelemetryReport shortReport = short_.TakeReport(TestAggregators.Start);
        TelemetryReport disabledReport = disabled.TakeReport(TestAggregators.Start);
        Assert.Multiple(() =>
        {
            Assert.That(shortReport.SpectralProfile, Is.Null);
            Assert.That(shortReport.Epsilon, Is.Null);
            Assert.That(disabledReport.SpectralProfile, Is.Null);
            Assert.That(disabledReport.Epsilon, Is.Null);
        });
    }

    [Test]
    public void Sensitivity_is_8_range_times_min_100_n_over_n_and_the_noise_scale_divides_it_by_epsilon()
    {
        var profile = new PrivateSpectralProfile();
        double range = profile.Range;
        Assert.Multiple(() =>
        {
            Assert.That(PrivateSpectralProfile.ProtectedFrames, Is.EqualTo(100), "1 s at the 10 ms hop");
            Assert.That(profile.L1Sensitivity(6000), Is.EqualTo(8 * range * 100 / 6000).Within(1e-12));
            Assert.That(profile.NoiseScale(6000, 1.0), Is.EqualTo(8 * range * 100 / 6000).Within(1e-12));
            Assert.That(profile.NoiseScale(12_000, 1.0), Is.EqualTo(profile.NoiseScale(6000, 1.0) / 2).Within(1e-12), "1/n");
            Assert.That(profile.NoiseScale(6000, 0.5), Is.EqualTo(profile.NoiseScale(6000, 1.0) * 2).Within(1e-12), "1/ε");
            Assert.That(profile.NoiseScale(30_000, 1.0), Is.EqualTo(0.914).Within(0.001), "5 min at ε = 1");
            // Below 100 frames every frame may differ: the means can move by the whole range.
            Assert.That(profile.L1Sensitivity(100), Is.EqualTo(8 * range).Within(1e-12));
            Assert.That(profile.L1Sensitivity(40), Is.EqualTo(8 * range).Within(1e-12), "min(100, n)");
            Assert.That(profile.L1Sensitivity(1), Is.EqualTo(8 * range).Within(1e-12));
        });
    }

    [Test]
    public void The_noise_covers_a_whole_second_of_extreme_audio_not_just_one_frame()
    {
        // Neighbouring inputs: the same 60 s, except that one second (100 frames) is at the opposite end of the
        // range. The distance between their true means must not exceed the sensitivity the noise is calibrated to
        // (a per-frame scale 8·R/n would be 100 times too small), and for this extreme pair it reaches it.
        const int frames = MinimumFrames;
        var quiet = new PrivateSpectralProfile();
        var loudSecond = new PrivateSpectralProfile();
        quiet.AddFrames(TestAggregators.Frames(frames, -23.5f));
        loudSecond.AddFrames(TestAggregators.Frames(frames / 2, -23.5f));
        loudSecond.AddFrames(TestAggregators.Frames(PrivateSpectralProfile.ProtectedFrames, float.PositiveInfinity));
        loudSecond.AddFrames(TestAggregators.Frames((frames / 2) - PrivateSpectralProfile.ProtectedFrames, -23.5f));

        // No noise: the releases are the true means rounded to 0.1, so each band is off by at most 0.1 in the difference.
        double[] a = quiet.Release(1.0, new NoNoise())!;
        double[] b = loudSecond.Release(1.0, new NoNoise())!;
        double distance = a.Zip(b, (x, y) => Math.Abs(x - y)).Sum();
        double exact = 8 * quiet.Range * PrivateSpectralProfile.ProtectedFrames / frames;
        Assert.Multiple(() =>
        {
            Assert.That(distance, Is.EqualTo(exact).Within(0.8), "8 bands, 0.1 rounding each");
            Assert.That(distance, Is.LessThanOrEqualTo(quiet.L1Sensitivity(frames) + 0.8), "the noise is calibrated to cover it");
            Assert.That(quiet.NoiseScale(frames, 1.0), Is.GreaterThanOrEqualTo(distance - 0.8), "privacy loss ≤ ε = 1 for this pair");
        });
    }

    [TestCase(MinimumFrames, 1.0)]
    [TestCase(5 * MinimumFrames, 1.0)]
    [TestCase(MinimumFrames, 0.5)]
    public void Released_values_carry_Laplace_noise_of_the_stated_scale(int frames, double epsilon)
    {
        const float truth = -4f;
        var profile = new PrivateSpectralProfile();
        profile.AddFrames(TestAggregators.Frames(frames, truth));
        double scale = profile.NoiseScale(frames, epsilon);

        var random = new Random(frames + (int)(epsilon * 1000));
        const int releases = 5000;
        double sum = 0, sumAbs = 0;
        for (int i = 0; i < releases; i++)
        {
            foreach (double value in profile.Release(epsilon, random)!)
            {
                double noise = value - truth;
                sum += noise;
                sumAbs += Math.Abs(noise);
                Assert.That(Math.Round(value * 10), Is.EqualTo(value * 10).Within(1e-9), "rounded to 0.1");
            }
        }

        int draws = releases * PrivateSpectralProfile.Bands;
        // Rounding to 0.1 adds at most ~0.1²/(12b) to mean |x|; b ≥ 0.9 here: under 0.1%.
        Assert.Multiple(() =>
        {
            Assert.That(sum / draws, Is.EqualTo(0).Within(0.03 * scale), "unbiased");
            Assert.That(sumAbs / draws, Is.EqualTo(scale).Within(2.5).Percent, "mean |noise| = b = 8·R·100/(n·ε)");
        });
    }

    [Test]
    public void Coarse_bands_are_means_of_eight_adjacent_mel_bands_in_order()
    {
        var profile = new PrivateSpectralProfile();
        float[] frame = Enumerable.Range(0, 64).Select(b => (float)(-20 + (b * 0.25))).ToArray();
        float[] frames = Enumerable.Range(0, 60_000).SelectMany(_ => frame).ToArray();
        profile.AddFrames(frames);

        // ε = 1000 over 60000 frames: b ≈ 0.00046, far below the 0.1 rounding.
        double[] released = profile.Release(1000, new Random(5))!;
        double[] expected = Enumerable.Range(0, 8).Select(k => Math.Round(frame.Skip(8 * k).Take(8).Average(v => (double)v), 1)).ToArray();
        Assert.That(released, Is.EqualTo(expected).Within(0.1001));
        Assert.That(released, Is.Ordered.Ascending);
    }

    [Test]
    public void Out_of_range_and_NaN_inputs_are_clamped_per_frame()
    {
        var profile = new PrivateSpectralProfile();
        profile.AddFrames(TestAggregators.Frames(30_000, 1e6f));           // beyond anything the front end makes
        profile.AddFrames(TestAggregators.Frames(30_000, float.NaN));
        double[] released = profile.Release(1000, new Random(9))!;   // b ≈ 0.00046

        // Half the frames at the upper bound, half at the lower: the mean is the midpoint, not 5e5 or NaN.
        double midpoint = (profile.UpperBound + profile.LowerBound) / 2;
        Assert.That(released, Is.All.EqualTo(midpoint).Within(0.06));
    }

    [Test]
    public void A_single_frame_moves_a_band_mean_by_at_most_range_over_n()
    {
        // The per-frame step of the sensitivity argument, checked on the accumulator itself with negligible noise.
        const int frames = 60_000;
        var a = new PrivateSpectralProfile();
        var b = new PrivateSpectralProfile();
        a.AddFrames(TestAggregators.Frames(frames, -23.5f));                 // everything at (below) the floor
        b.AddFrames(TestAggregators.Frames(frames - 1, -23.5f));
        b.AddFrames(TestAggregators.Frames(1, float.PositiveInfinity));    // one extreme frame
        double[] ra = a.Release(1000, new Random(1))!;
        double[] rb = b.Release(1000, new Random(1))!;
        double bound = a.Range / frames;
        for (int band = 0; band < 8; band++)
        {
            Assert.That(Math.Abs(rb[band] - ra[band]), Is.LessThanOrEqualTo(bound + 0.1), "one frame, plus rounding");
        }
    }

    [Test]
    public void Frames_must_be_whole() =>
        Assert.That(() => new PrivateSpectralProfile().AddFrames(new float[100]), Throws.ArgumentException);

    [Test]
    public void A_front_end_whose_bands_do_not_divide_by_eight_is_refused() =>
        Assert.That(() => new PrivateSpectralProfile(new FrontEndOptions { MelBands = 60 }), Throws.ArgumentException);

    [Test]
    public void The_aggregator_reports_the_epsilon_it_spent()
    {
        TelemetryAggregator aggregator = TestAggregators.Create(new TelemetryOptions { Epsilon = 0.5 }, new Random(11));
        aggregator.RecordLogMelFrames(TestAggregators.Frames(MinimumFrames, -6f));
        TelemetryReport report = aggregator.TakeReport(TestAggregators.Start.AddMinutes(1));

        // The same frames released directly at ε = 0.5 with the same noise draws (b = 8·34.27·100/(6000·0.5) ≈ 9.1).
        var profile = new PrivateSpectralProfile();
        profile.AddFrames(TestAggregators.Frames(MinimumFrames, -6f));
        double[] direct = profile.Release(0.5, new Random(11))!;
        Assert.Multiple(() =>
        {
            Assert.That(report.Epsilon, Is.EqualTo(0.5));
            Assert.That(report.SpectralProfile, Is.EqualTo(direct), "released with the configured ε");
        });
    }
}

/// <summary>A generator whose Laplace draws are exactly zero (E₁ − E₂ with E₁ = E₂), to see the true means.</summary>
internal sealed class NoNoise : Random
{
    public override double NextDouble() => 0.5;

    protected override double Sample() => 0.5;
}
