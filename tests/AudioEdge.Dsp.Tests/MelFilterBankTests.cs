using AudioEdge.Dsp.Mel;
using AudioEdge.Dsp.Tests.Reference;

namespace AudioEdge.Dsp.Tests;

[TestFixture]
public sealed class MelFilterBankTests
{
    [Test]
    public void Matches_the_dense_reference_matrix()
    {
        FrontEndOptions o = FrontEndOptions.Default;
        var bank = new MelFilterBank(o.MelBands, o.FftSize, o.SampleRate, o.MinFrequency, o.MaxFrequency);
        double[,] dense = ReferenceLogMel.MelMatrix(o);

        for (int b = 0; b < o.MelBands; b++)
        {
            int first = bank.FirstBin(b);
            ReadOnlySpan<float> weights = bank.Weights(b);
            for (int k = 0; k < bank.BinCount; k++)
            {
                double sparse = k >= first && k < first + weights.Length ? weights[k - first] : 0.0;
                Assert.That(sparse, Is.EqualTo(dense[b, k]).Within(1e-6), $"band {b}, bin {k}");
            }
        }
    }

    [Test]
    public void Every_band_has_bins_and_the_bank_spans_60_Hz_to_8_kHz()
    {
        FrontEndOptions o = FrontEndOptions.Default;
        var bank = new MelFilterBank(o.MelBands, o.FftSize, o.SampleRate, o.MinFrequency, o.MaxFrequency);
        const double binHz = 16000.0 / 512;

        Assert.That(Enumerable.Range(0, bank.Bands).Select(b => bank.Weights(b).Length), Is.All.GreaterThan(0));
        Assert.That(bank.FirstBin(0) * binHz, Is.GreaterThan(60).And.LessThan(120));
        int lastBand = bank.Bands - 1;
        Assert.That((bank.FirstBin(lastBand) + bank.Weights(lastBand).Length - 1) * binHz, Is.LessThan(8000).And.GreaterThan(7900));
    }

    [Test]
    public void Too_many_bands_for_the_resolution_is_a_clear_error()
    {
        Assert.That(
            () => new MelFilterBank(200, 512, 16000, 0, 8000),
            Throws.ArgumentException.With.Message.Contains("contains no FFT bin"));
    }
}
