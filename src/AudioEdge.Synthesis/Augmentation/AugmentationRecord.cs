using System.Globalization;
using System.Text;

namespace AudioEdge.Synthesis.Augmentation;

/// <summary>The parameters <see cref="Augmenter"/> drew for one example (null: that step was skipped).</summary>
public sealed record AugmentationRecord(
    int TimeShiftSamples,
    double? Rt60Seconds,
    double? DistanceMeters,
    double SnrDb,
    bool BackgroundSilent,
    bool Microphone,
    double GainDb)
{
    /// <summary>A compact one-line form for logs and dataset metadata, e.g. <c>snr=12.3dB rt60=0.65s dist=3.1m mic gain=-4.0dB</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        IFormatProvider invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"snr={SnrDb:F1}dB");
        if (BackgroundSilent)
        {
            text.Append("(silent bed)");
        }

        if (TimeShiftSamples != 0)
        {
            text.Append(invariant, $" shift={TimeShiftSamples / (double)SynthesizedSound.SampleRate:F3}s");
        }

        if (Rt60Seconds is { } rt60)
        {
            text.Append(invariant, $" rt60={rt60:F2}s");
        }

        if (DistanceMeters is { } distance)
        {
            text.Append(invariant, $" dist={distance:F1}m");
        }

        if (Microphone)
        {
            text.Append(" mic");
        }

        text.Append(invariant, $" gain={GainDb:F1}dB");
        return text.ToString();
    }
}
