using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace AudioEdge.Dsp.Tests.Reference;

/// <summary>
/// A deliberately plain, independent log-mel in double precision: MathNet's complex FFT of the whole zero-padded
/// frame and a dense mel matrix built from the definition. It shares no code with the product's front end.
/// </summary>
internal static class ReferenceLogMel
{
    public static double[,] MelMatrix(FrontEndOptions o)
    {
        static double ToMel(double f) => 2595.0 * Math.Log10(1.0 + (f / 700.0));
        static double ToHz(double m) => 700.0 * (Math.Pow(10.0, m / 2595.0) - 1.0);

        int bins = (o.FftSize / 2) + 1;
        var matrix = new double[o.MelBands, bins];
        double lo = ToMel(o.MinFrequency), hi = ToMel(o.MaxFrequency);
        for (int b = 0; b < o.MelBands; b++)
        {
            double left = ToHz(lo + ((hi - lo) * b / (o.MelBands + 1)));
            double centre = ToHz(lo + ((hi - lo) * (b + 1) / (o.MelBands + 1)));
            double right = ToHz(lo + ((hi - lo) * (b + 2) / (o.MelBands + 1)));
            for (int k = 0; k < bins; k++)
            {
                double f = (double)k * o.SampleRate / o.FftSize;
                matrix[b, k] = Math.Max(0.0, Math.Min((f - left) / (centre - left), (right - f) / (right - centre)));
            }
        }

        return matrix;
    }

    /// <summary>Power spectrum |X[k]|², k = 0..N/2, of <paramref name="frame"/> zero-padded to <paramref name="fftSize"/>.</summary>
    public static double[] PowerSpectrum(ReadOnlySpan<double> frame, int fftSize)
    {
        var buffer = new Complex[fftSize];
        for (int n = 0; n < frame.Length; n++)
        {
            buffer[n] = new Complex(frame[n], 0);
        }

        Fourier.Forward(buffer, FourierOptions.AsymmetricScaling | FourierOptions.Matlab); // unscaled forward DFT
        var power = new double[(fftSize / 2) + 1];
        for (int k = 0; k < power.Length; k++)
        {
            power[k] = buffer[k].Real * buffer[k].Real + buffer[k].Imaginary * buffer[k].Imaginary;
        }

        return power;
    }

    /// <summary>Frame-major [frames, bands] mel energies before the log (so tests can weigh errors by energy).</summary>
    public static double[][] MelEnergies(ReadOnlySpan<float> signal, FrontEndOptions o)
    {
        double[,] mel = MelMatrix(o);
        int frames = signal.Length < o.WindowLength ? 0 : ((signal.Length - o.WindowLength) / o.HopLength) + 1;
        var result = new double[frames][];
        var windowed = new double[o.WindowLength];
        for (int i = 0; i < frames; i++)
        {
            for (int n = 0; n < o.WindowLength; n++)
            {
                double w = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / o.WindowLength));
                windowed[n] = signal[(i * o.HopLength) + n] * w;
            }

            double[] power = PowerSpectrum(windowed, o.FftSize);
            result[i] = new double[o.MelBands];
            for (int b = 0; b < o.MelBands; b++)
            {
                double sum = 0;
                for (int k = 0; k < power.Length; k++)
                {
                    sum += mel[b, k] * power[k];
                }

                result[i][b] = sum;
            }
        }

        return result;
    }
}
