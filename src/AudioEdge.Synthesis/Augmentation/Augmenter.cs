using AudioEdge.Synthesis.Analysis;

namespace AudioEdge.Synthesis.Augmentation;

/// <summary>
/// Puts a foreground event into a room and a recording chain, with every parameter drawn from the caller's
/// <see cref="Random"/>: time shift → room reverberation → distance → mix into the background at an SNR →
/// microphone colouring (of the whole mix: the microphone hears the room too) → overall gain, clip-safe.
/// </summary>
public sealed class Augmenter
{
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public Augmenter(AugmentationOptions? options = null)
    {
        Options = options ?? AugmentationOptions.Default;
        IReadOnlyList<string> errors = Options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid AugmentationOptions: " + string.Join(" ", errors), nameof(options));
        }
    }

    public AugmentationOptions Options { get; }

    /// <summary>Augments <paramref name="foreground"/> over <paramref name="background"/> (at least as long; its first part is used).</summary>
    public AugmentationResult Apply(SynthesizedSound foreground, ReadOnlySpan<float> background, Random random)
    {
        ArgumentNullException.ThrowIfNull(foreground);
        ArgumentNullException.ThrowIfNull(random);
        if (background.Length < foreground.Samples.Length)
        {
            throw new ArgumentException($"The background ({background.Length} samples) is shorter than the foreground ({foreground.Samples.Length}).", nameof(background));
        }

        AugmentationOptions o = Options;
        SynthesizedSound sound = foreground;
        int shift = 0;
        if (o.MaxTimeShiftSeconds > 0)
        {
            int most = SynthesizedSound.ToSamples(o.MaxTimeShiftSeconds);
            shift = random.Next(-most, most + 1);
            sound = Augmentations.TimeShift(sound, shift);
        }

        double? rt60 = null;
        if (random.Chance(o.ReverbProbability))
        {
            rt60 = o.Rt60Seconds.Sample(random);
            float[] response = RoomImpulseResponse.Generate(rt60.Value, random, o.Room);
            sound = Augmentations.AddReverb(sound, response, rt60.Value);
        }

        double? distance = null;
        if (random.Chance(o.DistanceProbability))
        {
            distance = o.DistanceMeters.Sample(random);
            sound = sound.WithSamples(Augmentations.ApplyDistance(sound.Samples, distance.Value));
        }

        double snr = o.SnrDb.Sample(random);
        ReadOnlySpan<float> bed = background[..sound.Samples.Length];
        bool silent = SignalLevels.MeanSquare(bed) < Mixer.SilencePower;
        float[] mix = Mixer.MixAtSnr(sound.Samples, bed, snr, sound.Segments, out _);

        bool microphone = random.Chance(o.MicrophoneProbability);
        if (microphone)
        {
            mix = Augmentations.ApplyMicrophone(mix, random, o.Microphone);
        }

        double gain = Augmentations.ApplyGain(mix, o.GainDb.Sample(random));
        var record = new AugmentationRecord(shift, rt60, distance, snr, silent, microphone, gain);
        return new AugmentationResult(new SynthesizedSound(mix, sound.Segments, foreground.Description), record);
    }
}
