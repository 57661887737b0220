namespace AudioEdge.Dsp.Tests.Reference;

/// <summary>
/// The front end's stated accuracy against a float64 reference, for every SIMD path:
/// <list type="bullet">
/// <item>bands within 80 dB of the frame's loudest band (and above the log floor): |Δ ln energy| ≤ <see cref="LogTolerance"/>
/// (0.2 % in energy, far below anything a model can see);</item>
/// <item>quieter bands: |Δ energy| ≤ <see cref="QuietBandEnergyTolerance"/> × the frame's loudest band, because float32
/// rounding in the FFT puts an absolute error floor about 140 dB below the frame's peak, so the log of a band 100 dB
/// down is legitimately less exact.</item>
/// </list>
/// </summary>
internal static class LogMelTolerance
{
    public const double LogTolerance = 2e-3;
    public const double QuietBandEnergyTolerance = 1e-9;
    public const double LoudBandDynamicRange = 1e-8; // 80 dB

    /// <summary>Returns null when <paramref name="actualLog"/> matches <paramref name="referenceEnergy"/>, else a description of the worst miss.</summary>
    public static string? Compare(ReadOnlySpan<float> actualLog, double[][] referenceEnergy, int bands, float floor)
    {
        string? worst = null;
        double worstExcess = 1.0;
        for (int f = 0; f < referenceEnergy.Length; f++)
        {
            double peak = referenceEnergy[f].Max();
            for (int b = 0; b < bands; b++)
            {
                double reference = referenceEnergy[f][b];
                double actual = actualLog[(f * bands) + b];
                double excess;
                if (reference >= peak * LoudBandDynamicRange && reference > floor)
                {
                    excess = Math.Abs(actual - Math.Log(reference)) / LogTolerance;
                }
                else
                {
                    double allowed = Math.Max(peak * QuietBandEnergyTolerance, floor);
                    excess = Math.Abs(Math.Exp(actual) - Math.Max(reference, floor)) / allowed;
                }

                if (excess > worstExcess || double.IsNaN(actual))
                {
                    worstExcess = double.IsNaN(actual) ? double.PositiveInfinity : excess;
                    worst = $"frame {f} band {b}: got ln E = {actual:G6}, reference E = {reference:G6} (ln {Math.Log(Math.Max(reference, floor)):G6}), frame peak {peak:G6}, {excess:F1}x the tolerance";
                }
            }
        }

        return worst;
    }
}
