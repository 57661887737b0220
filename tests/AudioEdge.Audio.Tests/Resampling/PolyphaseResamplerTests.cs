using AudioEdge.Testing;
using AudioEdge.Audio.Resampling;
using AudioEdge.Audio.Tests.Support;

namespace AudioEdge.Audio.Tests.Resampling;

/// <summary>
/// Measures the resampler's actual response with sine tones (not its design parameters) against the specification:
/// passband 0..0.4375·min(fin, fout) within ±0.05 dB (so ≤ 0.1 dB ripple), stopband from 0.5·min(fin, fout) at
/// least 80 dB down, and the group delay removed (the output tone has the input's phase).
/// </summary>
[TestFixture]
public sealed class PolyphaseResamplerTests
{
    private const int Target = 16_000;
    private const double SignalSeconds = 0.5;

    // Steady-state window: skip the zero-padded start and the flushed end of the filter.
    private const double EdgeSeconds = 0.05;

    private static readonly int[] ProductRates = [8000, 11025, 22050, 32000, 44100, 48000, 96000];

    [TestCase(48000)]
    [TestCase(44100)]
    [TestCase(32000)]
    [TestCase(22050)]
    [TestCase(11025)]
    [TestCase(8000)]
    [TestCase(96000)]
    public void Passband_is_flat_within_0_05_dB_and_phase_is_preserved(int inputRate)
    {
        double edge = PolyphaseResampler.PassbandEdge * Math.Min(inputRate, Target);
        double[] fractions = [0.01, 0.1, 0.25, 0.5, 0.7, 0.85, 0.95, 1.0];
        double min = double.MaxValue;
        double max = double.MinValue;
        foreach (double fraction in fractions)
        {
            double frequency = fraction * edge;
            ToneFit fit = MeasureTone(inputRate, frequency, out _);
            min = Math.Min(min, fit.AmplitudeDb);
            max = Math.Max(max, fit.AmplitudeDb);
            Assert.Multiple(() =>
            {
                Assert.That(fit.AmplitudeDb, Is.InRange(-0.05, 0.05), $"gain at {frequency:0} Hz");

                // Delay compensation: the 16 kHz output tone starts with the input's phase (0 rad). 1e-3 rad is
                // 0.16 µs at 1 kHz, far below one sample at any rate involved.
                Assert.That(fit.PhaseRadians, Is.InRange(-1e-3, 1e-3), $"phase at {frequency:0} Hz");
            });
        }

        TestContext.Out.WriteLine($"{inputRate} Hz: passband ripple {max - min:0.00000} dB p-p (min {min:0.00000}, max {max:0.00000})");
        Assert.That(max - min, Is.LessThanOrEqualTo(0.1));
    }

    [TestCase(48000)]
    [TestCase(44100)]
    [TestCase(32000)]
    [TestCase(22050)]
    [TestCase(96000)]
    public void Stopband_tones_of_a_downsampler_are_at_least_80_dB_down(int inputRate)
    {
        double stop = PolyphaseResampler.StopbandEdge * Target;
        double nyquist = inputRate / 2.0;
        // Dense just above the edge, where a Kaiser design's largest sidelobes are, then spread to the input Nyquist.
        double[] frequencies =
        [
            .. Enumerable.Range(0, 12).Select(k => stop + (k * 50)),
            1.25 * stop, 1.5 * stop, 2 * stop, (stop + nyquist) / 2, nyquist - 200, nyquist - 10,
        ];
        double worst = double.MinValue;
        foreach (double frequency in frequencies.Where(f => f < nyquist))
        {
            float[] output = Resample(inputRate, Signals.Sine(frequency, inputRate, (int)(inputRate * SignalSeconds)));
            int first = (int)(EdgeSeconds * Target);
            double rms = ToneFit.Rms(output.AsSpan(first, output.Length - (2 * first)));
            double attenuation = 20 * Math.Log10(rms / Math.Sqrt(0.5));
            worst = Math.Max(worst, attenuation);
            Assert.That(attenuation, Is.LessThanOrEqualTo(-80), $"tone at {frequency:0} Hz");
        }

        TestContext.Out.WriteLine($"{inputRate} Hz: worst stopband level {worst:0.0} dB");
    }

    [TestCase(8000)]
    [TestCase(11025)]
    public void Images_of_an_upsampler_are_at_least_80_dB_down(int inputRate)
    {
        // Upsampling creates images of a tone f at fin − f, fin + f, …; for passband tones they all fall in the
        // stopband (≥ 0.5·fin), so everything but the fitted tone must be ≥ 80 dB below it.
        double edge = PolyphaseResampler.PassbandEdge * inputRate;
        double worst = double.MinValue;
        foreach (double fraction in new[] { 0.1, 0.5, 0.8, 1.0 })
        {
            ToneFit fit = MeasureTone(inputRate, fraction * edge, out _);
            double level = 20 * Math.Log10(fit.ResidualRms / Math.Sqrt(0.5));
            worst = Math.Max(worst, level);
            Assert.That(level, Is.LessThanOrEqualTo(-80), $"images of {fraction * edge:0} Hz");
        }

        TestContext.Out.WriteLine($"{inputRate} Hz: worst image level {worst:0.0} dB");
    }

    [TestCase(48000)]
    [TestCase(44100)]
    public void Passband_tones_come_out_without_audible_aliasing_or_noise(int inputRate)
    {
        ToneFit fit = MeasureTone(inputRate, 1000, out _);
        Assert.That(20 * Math.Log10(fit.ResidualRms / Math.Sqrt(0.5)), Is.LessThan(-80));
    }

    [Test]
    public void Reports_the_filter_size()
    {
        foreach (int rate in ProductRates)
        {
            var resampler = new PolyphaseResampler(rate, Target);
            TestContext.Out.WriteLine(
                $"{rate} → {Target}: L/M = {resampler.UpFactor}/{resampler.DownFactor}, {resampler.TapsPerOutputSample} taps per output sample, look-ahead {resampler.Lookahead.TotalMilliseconds:0.00} ms");
        }

        Assert.Multiple(() =>
        {
            // Cost guard for the Pi: the specification's budget is about 250 multiply-adds per output at 48 kHz.
            Assert.That(new PolyphaseResampler(48000, Target).TapsPerOutputSample, Is.LessThanOrEqualTo(260));
            Assert.That(new PolyphaseResampler(44100, Target).TapsPerOutputSample, Is.LessThanOrEqualTo(260));
        });
    }

    [TestCaseSource(nameof(AllRates))]
    public void Any_chunking_gives_exactly_the_output_of_one_call(int inputRate)
    {
        float[] input = Signals.Noise(inputRate / 3, seed: inputRate);
        float[] expected = Resample(inputRate, input);

        var random = new Random(inputRate);
        var resampler = new PolyphaseResampler(inputRate, Target);
        var output = new float[expected.Length + 1];
        var chunk = new float[resampler.MaxOutputLength(6000) + resampler.MaxFlushLength];
        int produced = 0;
        int position = 0;
        while (position < input.Length)
        {
            // Mostly small, period-like chunks, with empty, single-sample and large ones mixed in.
            int size = random.Next(6) switch
            {
                0 => 0,
                1 => 1,
                2 => random.Next(2, 16),
                3 => random.Next(16, 600),
                _ => random.Next(600, 6000),
            };
            size = Math.Min(size, input.Length - position);
            int count = resampler.Process(input.AsSpan(position, size), chunk);
            Assert.That(count, Is.LessThanOrEqualTo(resampler.MaxOutputLength(size)));
            chunk.AsSpan(0, count).CopyTo(output.AsSpan(produced));
            produced += count;
            position += size;
        }

        produced += resampler.Flush(output.AsSpan(produced));
        Assert.That(output.AsSpan(0, produced).ToArray(), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(AllRates))]
    public void A_whole_stream_yields_ceil_of_n_times_fout_over_fin_samples(int inputRate)
    {
        foreach (int length in new[] { 0, 1, 2, 3, 147, 441, 1000, 4095, 4096, 4097, 12345 })
        {
            float[] output = Resample(inputRate, new float[length]);
            long expected = (((long)length * Target) + inputRate - 1) / inputRate;
            Assert.That(output, Has.Length.EqualTo(expected), $"{length} input samples");
        }
    }

    [Test]
    public void Equal_rates_pass_samples_through_unchanged_with_no_delay()
    {
        var resampler = new PolyphaseResampler(Target, Target);
        float[] input = Signals.Noise(1000, seed: 5, amplitude: 1);
        input[3] = float.Epsilon;
        input[4] = -0f;
        var output = new float[1000];
        Assert.Multiple(() =>
        {
            Assert.That(resampler.IsPassThrough, Is.True);
            Assert.That(resampler.TapsPerOutputSample, Is.EqualTo(1));
            Assert.That(resampler.Lookahead, Is.EqualTo(TimeSpan.Zero));
            Assert.That(resampler.MaxFlushLength, Is.Zero);
            Assert.That(resampler.Process(input.AsSpan(0, 1), output), Is.EqualTo(1), "the first sample comes out at once");
            Assert.That(resampler.Process(input.AsSpan(1), output.AsSpan(1)), Is.EqualTo(999));
            Assert.That(resampler.Flush(Span<float>.Empty), Is.Zero);
        });
        Assert.That(output.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(input.Select(BitConverter.SingleToInt32Bits)));
    }

    [Test]
    public void Reset_starts_a_new_stream()
    {
        var resampler = new PolyphaseResampler(44100, Target);
        float[] input = Signals.Noise(5000, seed: 9);
        float[] first = Resample(resampler, input);
        resampler.Process(Signals.Noise(777, seed: 1), new float[resampler.MaxOutputLength(777)]);
        resampler.Reset();
        Assert.That(Resample(resampler, input), Is.EqualTo(first));
    }

    [Test]
    public void Flush_leaves_the_resampler_ready_for_another_stream()
    {
        var resampler = new PolyphaseResampler(48000, Target);
        float[] input = Signals.Noise(3000, seed: 2);
        float[] first = Resample(resampler, input);
        float[] second = Resample(resampler, input);
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void A_constant_input_comes_out_constant()
    {
        // Each polyphase branch is normalised to unit DC gain, so no phase-dependent ripple on a constant.
        foreach (int rate in new[] { 44100, 11025, 22050 })
        {
            float[] output = Resample(rate, Enumerable.Repeat(0.5f, rate).ToArray());
            int edge = Target / 10;
            foreach (float value in output.AsSpan(edge, output.Length - (2 * edge)))
            {
                Assert.That(value, Is.EqualTo(0.5f).Within(1e-6f), $"{rate} Hz");
            }
        }
    }

    [Test]
    public void Process_and_Flush_allocate_nothing()
    {
        var resampler = new PolyphaseResampler(44100, Target);
        float[] input = Signals.Noise(10_000, seed: 3);
        var output = new float[resampler.MaxOutputLength(input.Length) + resampler.MaxFlushLength];

        long allocated = SteadyState.MinimumAllocatedBytes(() =>
        {
            int count = resampler.Process(input, output);
            resampler.Flush(output.AsSpan(count));
        });

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Too_small_an_output_span_is_rejected_before_anything_is_consumed()
    {
        var resampler = new PolyphaseResampler(8000, Target);
        Assert.Throws<ArgumentException>(() => resampler.Process(new float[100], new float[199]));
        Assert.That(Resample(resampler, new float[10]), Has.Length.EqualTo(20), "state untouched by the rejected call");
    }

    [Test]
    public void Rejects_rates_out_of_range_and_oversized_ratios()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new PolyphaseResampler(999, Target));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new PolyphaseResampler(Target, 768_001));
            Assert.Throws<ArgumentException>(() => _ = new PolyphaseResampler(95_999, Target));
            Assert.That(PolyphaseResampler.IsSupported(95_999, Target), Is.False);
            Assert.That(PolyphaseResampler.IsSupported(0, Target), Is.False);
            Assert.That(PolyphaseResampler.IsSupported(44_100, Target), Is.True);
            Assert.That(PolyphaseResampler.IsSupported(192_000, Target), Is.True);
        });
    }

    private static IEnumerable<int> AllRates() => [.. ProductRates, 16000, 24000, 88200, 192000, 12000];

    private static ToneFit MeasureTone(int inputRate, double frequency, out float[] output)
    {
        output = Resample(inputRate, Signals.Sine(frequency, inputRate, (int)(inputRate * SignalSeconds)));
        int first = (int)(EdgeSeconds * Target);
        return ToneFit.Measure(output.AsSpan(first, output.Length - (2 * first)), frequency, Target, first);
    }

    private static float[] Resample(int inputRate, float[] input) => Resample(new PolyphaseResampler(inputRate, Target), input);

    private static float[] Resample(PolyphaseResampler resampler, float[] input)
    {
        var output = new float[resampler.MaxOutputLength(input.Length) + resampler.MaxFlushLength];
        int count = resampler.Process(input, output);
        count += resampler.Flush(output.AsSpan(count));
        return output[..count];
    }
}
