using AudioEdge.Synthesis.Analysis;

namespace AudioEdge.Synthesis.Augmentation;

/// <summary>Mixes a foreground event into a background at a chosen signal-to-noise ratio.</summary>
public static class Mixer
{
    /// <summary>Background power below which a background counts as silent (about -120 dBFS).</summary>
    public const double SilencePower = 1e-12;

    /// <summary>
    /// Returns signal · g + background, with g chosen so that 10·log10(P_signal·g² / P_background) =
    /// <paramref name="snrDb"/>, both powers measured over the samples covered by <paramref name="reference"/>
    /// (the event while it sounds) or over the whole signal when there are no such segments. The background keeps its
    /// level: it is the room the event happens in. A silent background (power below <see cref="SilencePower"/>) leaves
    /// the signal unscaled (g = 1). No clipping is applied here; see <see cref="Augmentations.ApplyGain"/>.
    /// </summary>
    /// <param name="signalGain">The g that was applied.</param>
    /// <exception cref="ArgumentException">The background is shorter than the signal.</exception>
    public static float[] MixAtSnr(ReadOnlySpan<float> signal, ReadOnlySpan<float> background, double snrDb, IReadOnlyList<SoundSegment>? reference, out double signalGain)
    {
        if (background.Length < signal.Length)
        {
            throw new ArgumentException($"The background ({background.Length} samples) is shorter than the signal ({signal.Length}).", nameof(background));
        }

        if (!double.IsFinite(snrDb))
        {
            throw new ArgumentOutOfRangeException(nameof(snrDb), snrDb, "The SNR must be finite.");
        }

        reference ??= [];
        ReadOnlySpan<float> bed = background[..signal.Length];
        double signalPower = SignalLevels.MeanSquare(signal, reference);
        double backgroundPower = SignalLevels.MeanSquare(bed, reference);
        signalGain = backgroundPower < SilencePower || signalPower <= 0
            ? 1
            : Math.Sqrt(backgroundPower / signalPower * Math.Pow(10, snrDb / 10));

        var mix = new float[signal.Length];
        float g = (float)signalGain;
        for (int i = 0; i < mix.Length; i++)
        {
            mix[i] = (signal[i] * g) + bed[i];
        }

        return mix;
    }
}
