using AudioEdge.Dsp;
using AudioEdge.Dsp.Mel;

namespace AudioEdge.DatasetBuilder.Labelling;

/// <summary>
/// A whole clip's log-mel frames from the product front end, with the per-frame band energies the event locators
/// read. Windows for training are slices of <see cref="LogMel"/>: exactly what the device computes over a stream.
/// </summary>
internal sealed class FeatureFrames
{
    /// <summary>Frames per training window: 96 × 10 ms = 0.96 s.</summary>
    public const int WindowFrames = 96;

    /// <summary>Samples a window covers: 95 hops plus one analysis window = 15,600.</summary>
    public static readonly int WindowSamples = ((WindowFrames - 1) * FrontEndOptions.Default.HopLength) + FrontEndOptions.Default.WindowLength;

    private static readonly double[] BandCentres = ComputeCentres(FrontEndOptions.Default);

    public FeatureFrames(float[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        LogMel = LogMelFrontEnd.ComputeAll(samples, FrontEndOptions.Default);
        Count = LogMel.Length / Bands;
    }

    public static int Bands => FrontEndOptions.Default.MelBands;

    public static int Hop => FrontEndOptions.Default.HopLength;

    /// <summary>Frame-major log-mel values, <see cref="Count"/> × <see cref="Bands"/>.</summary>
    public float[] LogMel { get; }

    public int Count { get; }

    /// <summary>Centre frequency of mel band <paramref name="band"/>, Hz.</summary>
    public static double Centre(int band) => BandCentres[band];

    /// <summary>The linear energy of band <paramref name="band"/> in frame <paramref name="frame"/>.</summary>
    public double Energy(int frame, int band) => Math.Exp(LogMel[(frame * Bands) + band]);

    /// <summary>Summed linear energy of the bands whose centres lie in [low, high] Hz, per frame.</summary>
    public double[] BandEnergy(double lowHz, double highHz)
    {
        var energy = new double[Count];
        for (int f = 0; f < Count; f++)
        {
            for (int b = 0; b < Bands; b++)
            {
                if (BandCentres[b] >= lowHz && BandCentres[b] <= highHz)
                {
                    energy[f] += Energy(f, b);
                }
            }
        }

        return energy;
    }

    /// <summary>First sample of frame <paramref name="frame"/>'s centre hop (the 10 ms the frame is centred on).</summary>
    public static int CentreSample(int frame) => (frame * Hop) + ((FrontEndOptions.Default.WindowLength - Hop) / 2);

    private static double[] ComputeCentres(FrontEndOptions options)
    {
        double low = MelScale.FromHertz(options.MinFrequency), high = MelScale.FromHertz(options.MaxFrequency);
        return [.. Enumerable.Range(0, options.MelBands).Select(b => MelScale.ToHertz(low + ((high - low) * (b + 1) / (options.MelBands + 1))))];
    }
}
