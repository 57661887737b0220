namespace AudioEdge.Audio.Tests.Support;

/// <summary>
/// Least-squares fit of y[n] ≈ a·sin(ωn) + b·cos(ωn) + c: measures a tone's amplitude and phase to far better than
/// 0.001 dB on a window that need not hold a whole number of periods, and what is left after removing it.
/// </summary>
internal readonly record struct ToneFit(double Amplitude, double PhaseRadians, double ResidualRms)
{
    public double AmplitudeDb => 20 * Math.Log10(Amplitude);

    public static ToneFit Measure(ReadOnlySpan<float> y, double frequency, double sampleRate, int firstIndex)
    {
        // Normal equations of the 3-parameter fit, accumulated in double.
        double ss = 0, sc = 0, cc = 0, s1 = 0, c1 = 0, n1 = 0, ys = 0, yc = 0, y1 = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double t = 2 * Math.PI * frequency * (firstIndex + i) / sampleRate;
            double s = Math.Sin(t);
            double c = Math.Cos(t);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            s1 += s;
            c1 += c;
            n1 += 1;
            ys += y[i] * s;
            yc += y[i] * c;
            y1 += y[i];
        }

        double[,] m = { { ss, sc, s1 }, { sc, cc, c1 }, { s1, c1, n1 } };
        double[] rhs = [ys, yc, y1];
        double[] p = Solve3(m, rhs);
        double residual = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double t = 2 * Math.PI * frequency * (firstIndex + i) / sampleRate;
            double e = y[i] - (p[0] * Math.Sin(t) + p[1] * Math.Cos(t) + p[2]);
            residual += e * e;
        }

        return new ToneFit(Math.Sqrt(p[0] * p[0] + p[1] * p[1]), Math.Atan2(p[1], p[0]), Math.Sqrt(residual / y.Length));
    }

    public static double Rms(ReadOnlySpan<float> y)
    {
        double sum = 0;
        foreach (float v in y)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum / y.Length);
    }

    private static double[] Solve3(double[,] a, double[] b)
    {
        // Cramer's rule is fine for a well-conditioned 3×3 system.
        double det = Det(a);
        var result = new double[3];
        for (int col = 0; col < 3; col++)
        {
            var copy = (double[,])a.Clone();
            for (int row = 0; row < 3; row++)
            {
                copy[row, col] = b[row];
            }

            result[col] = Det(copy) / det;
        }

        return result;
    }

    private static double Det(double[,] m) =>
        m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
        - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
        + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
}
