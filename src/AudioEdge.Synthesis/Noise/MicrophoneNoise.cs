using AudioEdge.Synthesis.Analysis;

namespace AudioEdge.Synthesis.Noise;

/// <summary>
/// A microphone's self-noise: Gaussian, white, added to audio so that no digital silence reaches the front end's
/// log floor (no live input produces it). The training data carries it; so must anything judged against it.
/// </summary>
public static class MicrophoneNoise
{
    /// <summary>The noise floor every training example carries, dBFS RMS (the dataset builder's default).</summary>
    public const double DefaultDb = -85;

    /// <summary>Adds Gaussian noise of RMS <paramref name="db"/> dBFS to <paramref name="samples"/>, drawn from <paramref name="random"/>.</summary>
    public static void Add(Span<float> samples, double db, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double rms = SignalLevels.DbToGain(db);
        for (int i = 0; i < samples.Length; i++)
        {
            // Written out rather than through RandomExtensions.Gaussian: the product's order is the one the
            // committed datasets were built with, and a different rounding would change their bytes.
            double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            samples[i] += (float)(rms * radius * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
    }
}
