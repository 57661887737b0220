using AudioEdge.DatasetBuilder.Data;
using AudioEdge.DatasetBuilder.Labelling;
using AudioEdge.DatasetBuilder.Output;
using AudioEdge.Synthesis;
using AudioEdge.Synthesis.Augmentation;
using AudioEdge.Synthesis.Noise;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>
/// A strongly labelled real positive (a glass break, an alarm excerpt) put into another room and another recording
/// chain: reverberation, distance, microphone, gain, mixed at an SNR into a real background of the same split.
/// </summary>
internal sealed class AugmentedRecordingJob(RealRecording recording, int variant) : IJob
{
    public string Key => $"augmented:{recording.Path}#{variant}";

    public JobResult Run(BuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        BuildOptions options = context.Options;
        var random = new Random(StableHash.Seed(options.Seed, Key));
        float[] raw = context.Loader.Load(recording.Path, recording.ContentHash);

        // Half a second more than a window, so that even a short excerpt can land anywhere in it.
        float[] clean = ClipWindows.PadTo(raw, FeatureFrames.WindowSamples + 8000, random, out int offset);

        // Locate the event on the clean recording (with the noise floor, as in the real job).
        float[] probe = (float[])clean.Clone();
        MicrophoneNoise.Add(probe, options.NoiseFloorDb, random);
        (List<SoundSegment> segments, WindowPlan? plan, _) = RealEvents.Locate(recording, new FeatureFrames(probe), options);
        if (plan is null)
        {
            return new JobResult([]);
        }

        float[]? background = context.Backgrounds.Take(recording.Split, clean.Length, random, out RealRecording? source);
        background ??= NoiseGenerator.Generate(NoiseColour.Pink, clean.Length, 0.003, random);
        AugmentationResult result = context.Augmenter.Apply(new SynthesizedSound(clean, segments, recording.Path), background, random);
        float[] signal = result.Sound.Samples;
        MicrophoneNoise.Add(signal, options.NoiseFloorDb, random);

        var frames = new FeatureFrames(signal);
        List<PlannedWindow> windows = WindowPlanner.Plan(frames.Count, result.Sound.Segments, plan, random);
        LabelRow row = recording.Row;
        string augmentation = result.Record.ToString();
        List<Example> examples = ClipWindows.ToExamples(
            frames,
            windows,
            recording.Split,
            w => new ExampleMeta(recording.Group, row.Path, (w.StartSample - offset) / 16000.0, ExampleKind.Augmented, row.Category, row.Folder, source?.Path ?? "synthetic-noise", augmentation));
        return new JobResult(examples);
    }
}
