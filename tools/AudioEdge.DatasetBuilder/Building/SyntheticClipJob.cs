using System.Globalization;
using AudioEdge.DatasetBuilder.Data;
using AudioEdge.DatasetBuilder.Labelling;
using AudioEdge.DatasetBuilder.Output;
using AudioEdge.Synthesis;
using AudioEdge.Synthesis.Augmentation;
using AudioEdge.Synthesis.Noise;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>
/// One synthetic clip: a generated event (alarm, glass break or hard negative) put through the augmenter over a
/// real background recording (85 %) or synthetic noise. The clip belongs to its background's group and split; over
/// synthetic noise it is its own group, split by a hash of its name.
/// </summary>
internal sealed class SyntheticClipJob(SyntheticClass synthetic, int index) : IJob
{
    /// <summary>Share of synthetic clips mixed into a real recording rather than synthetic noise.</summary>
    public const double RealBackgroundShare = 0.85;

    public string Key => string.Create(CultureInfo.InvariantCulture, $"synthetic:{synthetic.Name}:{index}");

    public JobResult Run(BuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        BuildOptions options = context.Options;
        var random = new Random(StableHash.Seed(options.Seed, Key));
        double seconds = synthetic.Seconds.Min + ((synthetic.Seconds.Max - synthetic.Seconds.Min) * random.NextDouble());
        SynthesizedSound foreground = synthetic.Generate(seconds, random);
        int length = foreground.Samples.Length;

        string name = string.Create(CultureInfo.InvariantCulture, $"synthetic/{synthetic.Name}/{index}");
        RealRecording? source = null;
        float[]? background = random.NextDouble() < RealBackgroundShare ? context.Backgrounds.Take(null, length, random, out source) : null;
        string group;
        Split split;
        if (background is not null && source is not null)
        {
            group = source.Group;
            split = source.Split;
        }
        else
        {
            NoiseColour colour = (NoiseColour)random.Next(4);
            background = NoiseGenerator.Generate(colour, length, Synthesis.Analysis.SignalLevels.DbToGain(-60 + (30 * random.NextDouble())), random);
            group = name;
            split = SplitAssigner.ForSyntheticGroup(group, options.ValidationFraction, options.ValidationFold);
        }

        AugmentationResult result = context.Augmenter.Apply(foreground, background, random);
        float[] signal = result.Sound.Samples;
        MicrophoneNoise.Add(signal, options.NoiseFloorDb, random);
        var frames = new FeatureFrames(signal);
        var plan = new WindowPlan
        {
            HopFrames = synthetic.HopFrames,
            MaxRegularWindows = options.MaxWindowsPerFile,
            WindowsPerOnset = Math.Max(1, options.GlassWindowsPerOnset * 2 / 3),
        };
        List<PlannedWindow> windows = WindowPlanner.Plan(frames.Count, result.Sound.Segments, plan, random);
        string augmentation = result.Record.ToString();
        List<Example> examples = ClipWindows.ToExamples(
            frames,
            windows,
            split,
            w => new ExampleMeta(group, name, w.StartSample / 16000.0, ExampleKind.Synthetic, synthetic.Name, "synthetic", source?.Path ?? "synthetic-noise", augmentation));
        return new JobResult(examples);
    }
}
