using AudioEdge.Synthesis.Analysis;

namespace AudioEdge.Synthesis.Augmentation;

/// <summary>
/// The individual augmentations. Each returns new samples (the input is not modified) and, where time changes,
/// new segments. <see cref="Augmenter"/> chains them with randomly drawn parameters.
/// </summary>
public static class Augmentations
{
    /// <summary>Largest sample magnitude <see cref="ApplyGain"/> allows: a hair below full scale, so 16-bit PCM never clips.</summary>
    public const float ClipLimit = 0.99f;

    /// <summary>
    /// Convolves with <paramref name="impulseResponse"/> (direct sound at sample 0, so nothing moves in time).
    /// Alarm and distractor segments are lengthened by RT60/3, the time the tail needs to fall 20 dB: while it
    /// rings the tone is still plainly audible. Glass-break segments keep their onset and are lengthened alike.
    /// </summary>
    public static SynthesizedSound AddReverb(SynthesizedSound sound, ReadOnlySpan<float> impulseResponse, double rt60Seconds)
    {
        ArgumentNullException.ThrowIfNull(sound);
        float[] wet = Convolution.Convolve(sound.Samples, impulseResponse);
        int extension = SynthesizedSound.ToSamples(rt60Seconds / 3);
        SoundSegment[] segments = [.. sound.Segments.Select(s => s with { Length = s.Length + extension })];
        return new SynthesizedSound(wet, segments, sound.Description);
    }

    /// <summary>
    /// A source <paramref name="distanceMeters"/> away instead of 1 m: level falls by 20·log10(d) dB (inverse
    /// square law) and the top octave dulls (air absorption, furniture and doorways in the path): a low-pass at
    /// 7.5 kHz·d^-0.3, not below 3 kHz. Within 1 m nothing changes. When the result is then mixed at a target SNR,
    /// the level part is superseded and only the colouring remains.
    /// </summary>
    public static float[] ApplyDistance(ReadOnlySpan<float> samples, double distanceMeters)
    {
        if (!(distanceMeters > 0 && double.IsFinite(distanceMeters)))
        {
            throw new ArgumentOutOfRangeException(nameof(distanceMeters), distanceMeters, "The distance must be positive and finite.");
        }

        float[] output = samples.ToArray();
        if (distanceMeters <= 1)
        {
            return output;
        }

        Biquad.LowPass(DistanceCutoffHz(distanceMeters)).Process(output);
        SignalLevels.Scale(output, 1 / distanceMeters);
        return output;
    }

    /// <summary>The low-pass corner <see cref="ApplyDistance"/> uses at <paramref name="distanceMeters"/>.</summary>
    public static double DistanceCutoffHz(double distanceMeters) =>
        distanceMeters <= 1 ? double.PositiveInfinity : Math.Max(3000, 7500 * Math.Pow(distanceMeters, -0.3));

    /// <summary>A random microphone: high-pass, a few broad peaking bands, a high shelf (all drawn from <paramref name="options"/>).</summary>
    public static float[] ApplyMicrophone(ReadOnlySpan<float> samples, Random random, MicrophoneOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        options ??= MicrophoneOptions.Default;
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid MicrophoneOptions: " + string.Join(" ", errors), nameof(options));
        }

        float[] output = samples.ToArray();
        Biquad.HighPass(options.HighPassHz.Sample(random)).Process(output);
        for (int band = options.PeakingBands.SampleInt(random); band > 0; band--)
        {
            Biquad.Peaking(options.PeakingCentreHz.Sample(random), options.PeakingQ.Sample(random), options.PeakingGainDb.Sample(random)).Process(output);
        }

        Biquad.HighShelf(4000, options.HighShelfDb.Sample(random)).Process(output);
        return output;
    }

    /// <summary>
    /// Multiplies by <paramref name="gainDb"/>, reduced where necessary so that no sample exceeds
    /// <see cref="ClipLimit"/> (a recording level that clips would teach the model distortion). Returns the gain
    /// actually applied, in dB.
    /// </summary>
    public static double ApplyGain(Span<float> samples, double gainDb)
    {
        if (!double.IsFinite(gainDb))
        {
            throw new ArgumentOutOfRangeException(nameof(gainDb), gainDb, "The gain must be finite.");
        }

        double gain = SignalLevels.DbToGain(gainDb);
        float peak = SignalLevels.Peak(samples);
        if (peak * gain > ClipLimit)
        {
            gain = ClipLimit / peak;
        }

        SignalLevels.Scale(samples, gain);
        return SignalLevels.GainToDb(gain);
    }

    /// <summary>
    /// Delays the signal by <paramref name="shiftSamples"/> (advances it when negative), keeping its length: silence
    /// enters at one end and audio leaves at the other. Segments move with it and may then start before 0 or end
    /// after the signal (an event that began before the recording did).
    /// </summary>
    public static SynthesizedSound TimeShift(SynthesizedSound sound, int shiftSamples)
    {
        ArgumentNullException.ThrowIfNull(sound);
        int length = sound.Samples.Length;
        var output = new float[length];
        for (int i = 0; i < length; i++)
        {
            int source = i - shiftSamples;
            if (source >= 0 && source < length)
            {
                output[i] = sound.Samples[source];
            }
        }

        SoundSegment[] segments = [.. sound.Segments.Select(s => s.Shifted(shiftSamples)).Where(s => s.End > 0 && s.Start < length)];
        return new SynthesizedSound(output, segments, sound.Description);
    }
}
