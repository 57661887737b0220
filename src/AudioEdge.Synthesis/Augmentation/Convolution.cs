namespace AudioEdge.Synthesis.Augmentation;

/// <summary>Linear convolution through the FFT.</summary>
public static class Convolution
{
    /// <summary>
    /// The first <paramref name="signal"/>.Length samples of signal ∗ kernel: the response keeps the signal's length
    /// and timing (sample n of the output is what a listener hears at time n), and a tail that would outlast the
    /// signal is cut, as it would be in a recording of that length.
    /// </summary>
    public static float[] Convolve(ReadOnlySpan<float> signal, ReadOnlySpan<float> kernel)
    {
        if (signal.IsEmpty || kernel.IsEmpty)
        {
            return new float[signal.Length];
        }

        int size = 1;
        while (size < signal.Length + kernel.Length - 1)
        {
            size <<= 1;
        }

        // Both real sequences go through one complex transform (signal real, kernel imaginary) and are separated
        // by conjugate symmetry: half the work of two transforms.
        var re = new double[size];
        var im = new double[size];
        for (int i = 0; i < signal.Length; i++)
        {
            re[i] = signal[i];
        }

        for (int i = 0; i < kernel.Length; i++)
        {
            im[i] = kernel[i];
        }

        ComplexFft.Transform(re, im, inverse: false);
        var productRe = new double[size];
        var productIm = new double[size];
        for (int k = 0; k < size; k++)
        {
            int mirror = (size - k) & (size - 1);
            double xRe = (re[k] + re[mirror]) / 2, xIm = (im[k] - im[mirror]) / 2;     // X[k]
            double hRe = (im[k] + im[mirror]) / 2, hIm = (re[mirror] - re[k]) / 2;     // H[k]
            productRe[k] = (xRe * hRe) - (xIm * hIm);
            productIm[k] = (xRe * hIm) + (xIm * hRe);
        }

        ComplexFft.Transform(productRe, productIm, inverse: true);
        var output = new float[signal.Length];
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = (float)productRe[i];
        }

        return output;
    }
}
