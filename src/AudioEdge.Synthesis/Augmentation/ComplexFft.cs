namespace AudioEdge.Synthesis.Augmentation;

/// <summary>In-place iterative radix-2 FFT on split real/imaginary double arrays, for convolution.</summary>
/// <remarks>
/// The front end's float32 real FFT (AudioEdge.Dsp) is tuned for 512 points per frame; convolving a clip with a
/// room response needs one long transform in double precision, where a textbook radix-2 is fast enough
/// (2^17 points in a few milliseconds) and keeps the synthesis library free of the DSP project.
/// </remarks>
internal static class ComplexFft
{
    public static void Transform(double[] re, double[] im, bool inverse)
    {
        int n = re.Length;
        if (n != im.Length || n == 0 || (n & (n - 1)) != 0)
        {
            throw new ArgumentException("The FFT needs two arrays of one power-of-two length.");
        }

        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (int size = 2; size <= n; size <<= 1)
        {
            double angle = (inverse ? 2 : -2) * Math.PI / size;
            double stepRe = Math.Cos(angle), stepIm = Math.Sin(angle);
            int half = size >> 1;
            for (int block = 0; block < n; block += size)
            {
                double wRe = 1, wIm = 0;
                for (int k = 0; k < half; k++)
                {
                    int a = block + k, b = a + half;
                    double tRe = (re[b] * wRe) - (im[b] * wIm);
                    double tIm = (re[b] * wIm) + (im[b] * wRe);
                    re[b] = re[a] - tRe;
                    im[b] = im[a] - tIm;
                    re[a] += tRe;
                    im[a] += tIm;
                    double nextRe = (wRe * stepRe) - (wIm * stepIm);
                    wIm = (wRe * stepIm) + (wIm * stepRe);
                    wRe = nextRe;
                }
            }
        }

        if (inverse)
        {
            double scale = 1.0 / n;
            for (int i = 0; i < n; i++)
            {
                re[i] *= scale;
                im[i] *= scale;
            }
        }
    }
}
