using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AudioEdge.Dsp.Mel;

/// <summary>
/// Triangular mel filters on the bins of a real FFT, stored sparsely (each filter's first bin and its non-zero
/// weights), so applying the bank costs about two multiply-adds per FFT bin instead of bands × bins.
/// </summary>
/// <remarks>
/// Filter b rises linearly from centre b-1 to a peak of 1.0 at centre b and falls to 0 at centre b+1, with
/// <c>bands + 2</c> centres equally spaced on the HTK mel scale from the minimum to the maximum frequency; weights
/// are evaluated at the bin frequencies k·fs/N. No area normalisation (peak 1, as torchaudio's default norm=None):
/// a band's output is then comparable across bands for a tone, which keeps tonal alarms equally visible at any pitch.
/// </remarks>
public sealed class MelFilterBank
{
    private readonly int[] _firstBin;
    private readonly int[] _binCount;
    private readonly float[] _weights;     // all filters' non-zero weights, back to back
    private readonly int[] _weightOffset;

    public MelFilterBank(int bands, int fftSize, int sampleRate, double minFrequency, double maxFrequency)
    {
        if (bands < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bands), bands, "At least one mel band is needed.");
        }

        if (minFrequency < 0 || maxFrequency <= minFrequency || maxFrequency > sampleRate / 2.0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFrequency), $"The mel range must satisfy 0 <= min < max <= fs/2; got {minFrequency}..{maxFrequency} Hz at {sampleRate} Hz.");
        }

        Bands = bands;
        BinCount = (fftSize / 2) + 1;

        double minMel = MelScale.FromHertz(minFrequency);
        double maxMel = MelScale.FromHertz(maxFrequency);
        var centres = new double[bands + 2];
        for (int i = 0; i < centres.Length; i++)
        {
            centres[i] = MelScale.ToHertz(minMel + ((maxMel - minMel) * i / (bands + 1)));
        }

        // Pin the outer edges exactly: a round trip through the mel scale can land a hair above fs/2 and leave
        // a weight of 1e-12 on the Nyquist bin.
        centres[0] = minFrequency;
        centres[^1] = maxFrequency;

        _firstBin = new int[bands];
        _binCount = new int[bands];
        _weightOffset = new int[bands];
        var weights = new List<float>();
        double binHertz = (double)sampleRate / fftSize;
        for (int b = 0; b < bands; b++)
        {
            double lower = centres[b], centre = centres[b + 1], upper = centres[b + 2];
            _weightOffset[b] = weights.Count;
            _firstBin[b] = -1;
            for (int k = 0; k < BinCount; k++)
            {
                double f = k * binHertz;
                double w = f <= lower || f >= upper ? 0.0
                    : f <= centre ? (f - lower) / (centre - lower)
                    : (upper - f) / (upper - centre);
                if (w <= 0.0)
                {
                    continue;
                }

                if (_firstBin[b] < 0)
                {
                    _firstBin[b] = k;
                }

                // Bins inside a triangle are contiguous, so the sparse run is just first bin + count.
                weights.Add((float)w);
                _binCount[b]++;
            }

            if (_binCount[b] == 0)
            {
                throw new ArgumentException(
                    $"Mel band {b} ({lower:F0}-{upper:F0} Hz) contains no FFT bin at {binHertz:F2} Hz resolution: use fewer bands, a larger FFT or a higher minimum frequency.");
            }
        }

        _weights = weights.ToArray();
    }

    public int Bands { get; }

    /// <summary>FFT bins the bank reads: fftSize / 2 + 1.</summary>
    public int BinCount { get; }

    /// <summary>The first FFT bin with a non-zero weight in <paramref name="band"/>.</summary>
    public int FirstBin(int band) => _firstBin[band];

    /// <summary>The non-zero weights of <paramref name="band"/>, starting at <see cref="FirstBin"/>.</summary>
    public ReadOnlySpan<float> Weights(int band) => _weights.AsSpan(_weightOffset[band], _binCount[band]);

    /// <summary>mel[b] = Σ weight·power over the band's bins.</summary>
    public void Apply(ReadOnlySpan<float> power, Span<float> mel)
    {
        if (power.Length < BinCount || mel.Length < Bands)
        {
            throw new ArgumentException($"Apply needs {BinCount} power bins and room for {Bands} bands.");
        }

        ref float weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        for (int b = 0; b < Bands; b++)
        {
            ReadOnlySpan<float> bins = power.Slice(_firstBin[b], _binCount[b]);
            ReadOnlySpan<float> w = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref weights, _weightOffset[b]), bins.Length);
            float sum = 0f;
            for (int i = 0; i < bins.Length; i++)
            {
                sum += w[i] * bins[i];
            }

            mel[b] = sum;
        }
    }
}
