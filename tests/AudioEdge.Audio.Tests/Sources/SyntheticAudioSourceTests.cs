using AudioEdge.Testing;
using AudioEdge.Audio.Sources;
using AudioEdge.Audio.Tests.Support;

namespace AudioEdge.Audio.Tests.Sources;

[TestFixture]
public sealed class SyntheticAudioSourceTests
{
    [Test]
    public void Tones_have_the_requested_frequency_amplitude_and_phase()
    {
        using var source = new SyntheticAudioSource(new SyntheticAudioOptions
        {
            Tones = [new SyntheticTone(3100, 0.4, 0.3), new SyntheticTone(520, 0.2)],
            Duration = TimeSpan.FromSeconds(1),
        });
        float[] samples = ReadAll(source, 1000);
        ToneFit high = ToneFit.Measure(samples, 3100, 16000, 0);
        ToneFit low = ToneFit.Measure(samples, 520, 16000, 0);
        Assert.Multiple(() =>
        {
            Assert.That(samples, Has.Length.EqualTo(16000));
            Assert.That(high.Amplitude, Is.EqualTo(0.4).Within(1e-3));
            Assert.That(high.PhaseRadians, Is.EqualTo(0.3).Within(1e-3));
            Assert.That(low.Amplitude, Is.EqualTo(0.2).Within(1e-3));
            Assert.That(source.SampleRate, Is.EqualTo(16000));
            Assert.That(source.Description, Is.EqualTo("synthetic:3100Hz+520Hz"));
        });
    }

    [Test]
    public void The_same_seed_gives_the_same_samples_in_any_read_sizes()
    {
        var options = new SyntheticAudioOptions
        {
            Tones = [new SyntheticTone(3000, 0.3)],
            Cadence = AlarmCadences.TemporalThree,
            NoiseRms = 0.05,
            Seed = 42,
            Duration = TimeSpan.FromSeconds(5),
        };
        using var whole = new SyntheticAudioSource(options);
        using var pieces = new SyntheticAudioSource(options);
        using var otherSeed = new SyntheticAudioSource(new SyntheticAudioOptions { NoiseRms = 0.05, Seed = 43, Duration = options.Duration });
        float[] expected = ReadAll(whole, 80_000);

        List<float> collected = SourceReads.InRandomSizes(pieces, seed: 1, maxRead: 2000);

        Assert.Multiple(() =>
        {
            Assert.That(collected, Is.EqualTo(expected));
            Assert.That(ReadAll(otherSeed, 80_000), Is.Not.EqualTo(expected));
        });
    }

    [Test]
    public void A_temporal_three_cadence_gates_the_tone()
    {
        using var source = new SyntheticAudioSource(new SyntheticAudioOptions
        {
            Tones = [new SyntheticTone(3200, 0.5)],
            Cadence = AlarmCadences.TemporalThree,
            Duration = TimeSpan.FromSeconds(8),
        });
        float[] samples = ReadAll(source, 4096);

        // Two 4 s periods of on .5, off .5, on .5, off .5, on .5, off 1.5 (in 8000-sample half-seconds).
        bool[] onPerHalfSecond = [true, false, true, false, true, false, false, false];
        for (int half = 0; half < 16; half++)
        {
            double rms = ToneFit.Rms(samples.AsSpan(half * 8000, 8000));
            if (onPerHalfSecond[half % 8])
            {
                Assert.That(rms, Is.EqualTo(0.5 / Math.Sqrt(2)).Within(0.005), $"half-second {half} sounds");
            }
            else
            {
                Assert.That(rms, Is.Zero, $"half-second {half} is silent");
            }
        }
    }

    [Test]
    public void Noise_has_the_requested_rms_and_no_offset()
    {
        using var source = new SyntheticAudioSource(new SyntheticAudioOptions { NoiseRms = 0.1, Seed = 7, Duration = TimeSpan.FromSeconds(4) });
        float[] samples = ReadAll(source, 4096);
        Assert.Multiple(() =>
        {
            Assert.That(ToneFit.Rms(samples), Is.EqualTo(0.1).Within(0.002));
            Assert.That(samples.Average(), Is.EqualTo(0).Within(0.002));
            Assert.That(source.Description, Is.EqualTo("synthetic:noise"));
        });
    }

    [Test]
    public void A_finite_source_ends_after_its_duration_and_an_endless_one_does_not()
    {
        using var finite = new SyntheticAudioSource(new SyntheticAudioOptions { Duration = TimeSpan.FromMilliseconds(100.03) });
        using var endless = new SyntheticAudioSource(new SyntheticAudioOptions { Tones = [new SyntheticTone(1000, 0.1)] });
        var buffer = new float[1000];
        Assert.Multiple(() =>
        {
            Assert.That(finite.Length, Is.EqualTo(1600));
            Assert.That(finite.Read(buffer), Is.EqualTo(1000));
            Assert.That(finite.Read(buffer), Is.EqualTo(600));
            Assert.That(finite.Read(buffer), Is.Zero);
            Assert.That(finite.Read(buffer), Is.Zero);
            Assert.That(finite.Position, Is.EqualTo(1600));
            Assert.That(endless.Length, Is.Null);
        });

        for (int i = 0; i < 200; i++)
        {
            Assert.That(endless.Read(buffer), Is.EqualTo(1000));
        }
    }

    [Test]
    public void Output_is_clipped_to_the_audio_source_range()
    {
        using var source = new SyntheticAudioSource(new SyntheticAudioOptions
        {
            Tones = [new SyntheticTone(100, 0.9), new SyntheticTone(100, 0.9)],
            Duration = TimeSpan.FromSeconds(0.1),
        });
        float[] samples = ReadAll(source, 100);
        Assert.Multiple(() =>
        {
            Assert.That(samples.Max(), Is.LessThan(1f));
            Assert.That(samples.Min(), Is.EqualTo(-1f));
        });
    }

    [Test]
    public void Invalid_options_are_reported_all_at_once()
    {
        var options = new SyntheticAudioOptions
        {
            SampleRate = 500,
            Tones = [new SyntheticTone(-1, double.NaN)],
            Cadence = [TimeSpan.FromSeconds(1)],
            NoiseRms = -1,
        };
        Assert.That(options.Validate(), Has.Count.EqualTo(5));
        Assert.That(() => new SyntheticAudioSource(options), Throws.ArgumentException.With.Message.Contains("SampleRate 500").And.Message.Contains("NoiseRms -1").And.Message.Contains("on/off pairs"));
    }

    [Test]
    public void Reads_allocate_nothing()
    {
        using var source = new SyntheticAudioSource(new SyntheticAudioOptions { Tones = [new SyntheticTone(1000, 0.1)], Cadence = AlarmCadences.TemporalFour, NoiseRms = 0.01 });
        var buffer = new float[512];
        long allocated = SteadyState.MinimumAllocatedBytes(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                source.Read(buffer);
            }
        });

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Real_time_pacing_releases_samples_only_when_their_time_has_come()
    {
        var clock = new ManualTimeProvider();
        using var source = new SyntheticAudioSource(new SyntheticAudioOptions { Tones = [new SyntheticTone(1000, 0.1)], RealTime = true, TimeProvider = clock });
        var buffer = new float[1600];

        Task<int> read = Task.Run(() => source.Read(buffer));
        clock.WaitForArmedTimer();
        Assert.That(read.Wait(50), Is.False, "100 ms of audio is not due at t = 0");
        clock.Advance(TimeSpan.FromMilliseconds(60));
        Assert.That(read.Wait(50), Is.False, "nor at t = 60 ms");
        clock.Advance(TimeSpan.FromMilliseconds(40));
        Assert.That(read.Wait(5000), Is.True, "at t = 100 ms it is");
        Assert.That(read.Result, Is.EqualTo(1600));

        // A reader that is behind the clock is served at once, without waiting.
        clock.Advance(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 10; i++)
        {
            Assert.That(source.Read(buffer), Is.EqualTo(1600));
        }

        Assert.That(source.Position, Is.EqualTo(11 * 1600));
    }

    [Test]
    public void A_cancelled_paced_read_throws_and_loses_no_samples()
    {
        var options = new SyntheticAudioOptions { NoiseRms = 0.1, Seed = 3, Duration = TimeSpan.FromSeconds(1) };
        using var reference = new SyntheticAudioSource(options);
        float[] expected = ReadAll(reference, 1600);

        var clock = new ManualTimeProvider();
        using var paced = new SyntheticAudioSource(new SyntheticAudioOptions { NoiseRms = 0.1, Seed = 3, Duration = TimeSpan.FromSeconds(1), RealTime = true, TimeProvider = clock });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.That(() => paced.Read(new float[1600], cancellation.Token), Throws.InstanceOf<OperationCanceledException>());

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That(ReadAll(paced, 1600), Is.EqualTo(expected));
    }

    private static float[] ReadAll(AudioSource source, int blockSize)
    {
        var samples = new List<float>();
        var buffer = new float[blockSize];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            samples.AddRange(buffer.AsSpan(0, read));
        }

        return [.. samples];
    }
}
