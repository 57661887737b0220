using AudioEdge.Audio;

namespace AudioEdge.Synthesis;

/// <summary>A generated mono signal at 16 kHz together with the labelled spans that say what sounds where.</summary>
/// <remarks>
/// The segments are the ground truth the dataset builder turns into window labels, so every generator and every
/// augmentation keeps them in step with the samples (an echo tail lengthens an alarm segment; a time shift moves it).
/// </remarks>
public sealed class SynthesizedSound
{
    /// <summary>Every signal in this library is at the product rate.</summary>
    public const int SampleRate = AudioSource.TargetSampleRate;

    public SynthesizedSound(float[] samples, IReadOnlyList<SoundSegment> segments, string description)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentException.ThrowIfNullOrEmpty(description);
        Samples = samples;
        Segments = segments;
        Description = description;
    }

    /// <summary>The signal; the caller owns it.</summary>
    public float[] Samples { get; }

    /// <summary>Labelled spans, in time order per kind.</summary>
    public IReadOnlyList<SoundSegment> Segments { get; }

    /// <summary>What was generated, with its drawn parameters, e.g. <c>smoke T3 3215 Hz</c>.</summary>
    public string Description { get; }

    /// <summary>Length in seconds.</summary>
    public double DurationSeconds => Samples.Length / (double)SampleRate;

    /// <summary>The same description and segments with other samples (an augmentation that does not move anything in time).</summary>
    public SynthesizedSound WithSamples(float[] samples) => new(samples, Segments, Description);

    /// <summary>Converts seconds to a sample count at <see cref="SampleRate"/>.</summary>
    public static int ToSamples(double seconds) => (int)Math.Round(seconds * SampleRate);
}
