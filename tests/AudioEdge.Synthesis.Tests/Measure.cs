using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace AudioEdge.Synthesis.Tests;

/// <summary>Measurements taken from a generated signal alone, independent of the generators' own bookkeeping.</summary>
internal static class Measure
{
    public const int Rate = 16_000;

    /// <summary>
    /// On intervals (seconds) where the amplitude envelope — the largest |x| within ±1.5 ms, enough to span a period
    /// of a 468 Hz tone — is at least <paramref name="fraction"/> of its maximum. Intervals touching either end of the
    /// signal are dropped: their true length is unknown.
    /// </summary>
    public static List<(double On, double Off)> OnIntervals(float[] x, double fraction = 0.5)
    {
        const int half = 24;
        float[] envelope = SlidingMax(x, half);
        float threshold = (float)(envelope.Max() * fraction);
        var intervals = new List<(double, double)>();
        int? start = null;
        for (int n = 0; n < x.Length; n++)
        {
            bool on = envelope[n] >= threshold;
            if (on && start is null)
            {
                start = n;
            }
            else if (!on && start is { } s)
            {
                if (s > 0)
                {
                    intervals.Add((s / (double)Rate, n / (double)Rate));
                }

                start = null;
            }
        }

        return intervals;
    }

    /// <summary>max |x[k]| for k within ±<paramref name="half"/> of each n (van Herk / Gil–Werman: three passes, any window).</summary>
    private static float[] SlidingMax(float[] x, int half)
    {
        int width = (2 * half) + 1, n = x.Length;
        var forward = new float[n];
        var backward = new float[n];
        for (int i = 0; i < n; i++)
        {
            forward[i] = i % width == 0 ? Math.Abs(x[i]) : Math.Max(forward[i - 1], Math.Abs(x[i]));
        }

        for (int i = n - 1; i >= 0; i--)
        {
            backward[i] = i == n - 1 || (i + 1) % width == 0 ? Math.Abs(x[i]) : Math.Max(backward[i + 1], Math.Abs(x[i]));
        }

        var envelope = new float[n];
        for (int i = 0; i < n; i++)
        {
            int from = Math.Max(0, i - half), to = Math.Min(n - 1, i + half);
            envelope[i] = Math.Max(backward[from], forward[to]);
        }

        return envelope;
    }

    /// <summary>Hann-windowed power spectrum of x[from..from+length), zero-padded to 2^16 points (0.24 Hz bins).</summary>
    public static double[] PowerSpectrum(float[] x, int from, int length)
    {
        const int size = 1 << 16;
        var buffer = new Complex[size];
        for (int n = 0; n < length; n++)
        {
            double w = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / length));
            buffer[n] = new Complex(x[from + n] * w, 0);
        }

        Fourier.Forward(buffer, FourierOptions.Matlab);
        return [.. buffer.Take((size / 2) + 1).Select(c => c.Magnitude * c.Magnitude)];
    }

    public static double BinHz => Rate / (double)(1 << 16);

    /// <summary>Frequency of the strongest bin within [low, high] Hz.</summary>
    public static double PeakFrequency(double[] spectrum, double low = 20, double high = 7990)
    {
        int best = (int)(low / BinHz);
        for (int k = best; k <= (int)(high / BinHz); k++)
        {
            if (spectrum[k] > spectrum[best])
            {
                best = k;
            }
        }

        return best * BinHz;
    }

    /// <summary>Peak power within ±<paramref name="tolerance"/> Hz of <paramref name="frequency"/>, in dB.</summary>
    public static double PeakDb(double[] spectrum, double frequency, double tolerance = 15)
    {
        int from = (int)((frequency - tolerance) / BinHz), to = (int)((frequency + tolerance) / BinHz);
        double peak = 0;
        for (int k = Math.Max(0, from); k <= Math.Min(spectrum.Length - 1, to); k++)
        {
            peak = Math.Max(peak, spectrum[k]);
        }

        return 10 * Math.Log10(peak + 1e-30);
    }

    /// <summary>Energy per hop in a band, from 256-point Hann frames every <paramref name="hop"/> samples.</summary>
    public static double[] BandEnergy(float[] x, double lowHz, double highHz, int hop = 32)
    {
        const int size = 256;
        var energies = new List<double>();
        var buffer = new Complex[size];
        for (int start = 0; start + size <= x.Length; start += hop)
        {
            for (int n = 0; n < size; n++)
            {
                buffer[n] = new Complex(x[start + n] * (0.5 - (0.5 * Math.Cos(2 * Math.PI * n / size))), 0);
            }

            Fourier.Forward(buffer, FourierOptions.Matlab);
            double sum = 0;
            for (int k = 0; k <= size / 2; k++)
            {
                double f = k * Rate / (double)size;
                if (f >= lowHz && f <= highHz)
                {
                    sum += buffer[k].Magnitude * buffer[k].Magnitude;
                }
            }

            energies.Add(sum);
        }

        return [.. energies];
    }

    /// <summary>Time (seconds, frame centre) at which a per-hop energy first reaches <paramref name="fraction"/> of its maximum.</summary>
    public static double FirstReach(double[] energy, double fraction, int hop = 32)
    {
        double threshold = energy.Max() * fraction;
        int index = Array.FindIndex(energy, e => e >= threshold);
        return ((index * hop) + 128) / (double)Rate;
    }

    /// <summary>Mean square of x over [from, to).</summary>
    public static double Power(ReadOnlySpan<float> x) => x.IsEmpty ? 0 : x.ToArray().Average(v => (double)v * v);
}
