using System.Numerics;
using AudioEdge.Dsp.Fft;
using AudioEdge.Dsp.Simd;
using MathNet.Numerics.IntegralTransforms;

namespace AudioEdge.Dsp.Tests;

[TestFixture]
[Category("FrontEnd")]
public sealed class RealFftTests
{
    private static readonly SimdLevel[] Levels = Enum.GetValues<SimdLevel>();

    /// <summary>
    /// Against MathNet's double-precision complex FFT: every bin within 2e-6 × the largest bin magnitude
    /// (float32 rounding through log2 N stages; measured worst about 3e-7 at N = 4096).
    /// </summary>
    [Test]
    [Combinatorial]
    public void Forward_matches_MathNet(
        [Values(16, 32, 64, 128, 256, 512, 1024, 4096)] int size,
        [ValueSource(nameof(Levels))] SimdLevel level,
        [Values(1.0, 0.75, 0.5)] double filled)
    {
        int length = Math.Max(1, (int)(size * filled) | 1); // odd lengths too: exercises the zero-padding path
        length = Math.Min(length, size);
        float[] input = TestSignals.Noise(length, 1.0, size + length);
        var fft = new RealFft(size, level);
        var re = new float[fft.BinCount];
        var im = new float[fft.BinCount];

        fft.Forward(input, re, im);

        var reference = new Complex[size];
        for (int i = 0; i < input.Length; i++)
        {
            reference[i] = new Complex(input[i], 0);
        }

        Fourier.Forward(reference, FourierOptions.AsymmetricScaling | FourierOptions.Matlab);
        double peak = reference.Take(fft.BinCount).Max(c => c.Magnitude);
        for (int k = 0; k < fft.BinCount; k++)
        {
            double error = (new Complex(re[k], im[k]) - reference[k]).Magnitude;
            Assert.That(error, Is.LessThanOrEqualTo(2e-6 * peak), $"bin {k} of {size} ({level}): {re[k]}+{im[k]}i vs {reference[k]}");
        }
    }

    [Test]
    public void PowerSpectrum_is_the_squared_magnitude_of_Forward([ValueSource(nameof(Levels))] SimdLevel level)
    {
        float[] input = TestSignals.Noise(400, 0.5, 7);
        var fft = new RealFft(512, level);
        var re = new float[257];
        var im = new float[257];
        var power = new float[257];

        fft.Forward(input, re, im);
        fft.PowerSpectrum(input, power);

        double peak = power.Max();
        for (int k = 0; k < power.Length; k++)
        {
            double expected = (re[k] * (double)re[k]) + (im[k] * (double)im[k]);
            Assert.That(power[k], Is.EqualTo(expected).Within(1e-5 * peak), $"bin {k}");
        }
    }

    [Test]
    public void A_tone_on_a_bin_puts_its_energy_in_that_bin([ValueSource(nameof(Levels))] SimdLevel level)
    {
        const int size = 512;
        const int bin = 99; // 99 · 31.25 Hz = 3093.75 Hz
        float[] tone = TestSignals.Tone(size, bin * 16000.0 / size, 1.0);
        var power = new float[257];

        new RealFft(size, level).PowerSpectrum(tone, power);

        int loudest = Array.IndexOf(power, power.Max());
        Assert.That(loudest, Is.EqualTo(bin));
        Assert.That(power[bin], Is.EqualTo((size / 2.0) * (size / 2.0)).Within(1e-3).Percent, "amplitude 1 → (N/2)²");
    }

    [Test]
    public void Rejects_sizes_that_are_not_powers_of_two_in_range([Values(0, 8, 100, 513, 131072)] int size)
    {
        Assert.That(() => new RealFft(size), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Rejects_too_long_input_and_too_short_output()
    {
        var fft = new RealFft(64);
        Assert.That(() => fft.PowerSpectrum(new float[65], new float[33]), Throws.ArgumentException);
        Assert.That(() => fft.PowerSpectrum(new float[64], new float[32]), Throws.ArgumentException);
    }
}
