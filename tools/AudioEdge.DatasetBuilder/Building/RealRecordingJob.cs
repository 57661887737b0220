using AudioEdge.DatasetBuilder.Data;
using AudioEdge.DatasetBuilder.Labelling;
using AudioEdge.DatasetBuilder.Output;
using AudioEdge.Synthesis;
using AudioEdge.Synthesis.Noise;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>Windows of one real recording as it is (plus the microphone noise floor).</summary>
internal sealed class RealRecordingJob(RealRecording recording) : IJob
{
    public string Key => "real:" + recording.Path;

    public JobResult Run(BuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        BuildOptions options = context.Options;
        var random = new Random(StableHash.Seed(options.Seed, Key));
        float[] raw = context.Loader.Load(recording.Path, recording.ContentHash);
        bool[] rawSilence = ClipWindows.DigitalSilence(raw);

        // A clip shorter than a window is placed in a window of microphone noise (the padding is not "digital
        // silence": it becomes the noise floor below).
        float[] signal = ClipWindows.PadTo(raw, FeatureFrames.WindowSamples, random, out int offset);
        var silence = new bool[signal.Length];
        Array.Copy(rawSilence, 0, silence, offset, rawSilence.Length);
        MicrophoneNoise.Add(signal, options.NoiseFloorDb, random);

        var frames = new FeatureFrames(signal);
        (List<SoundSegment> segments, WindowPlan? plan, string? warning) = RealEvents.Locate(recording, frames, options);
        string events = ClipWindows.Describe(segments, offset);
        if (plan is null)
        {
            return new JobResult([], recording.Path, events, warning);
        }

        List<PlannedWindow> windows = WindowPlanner.Plan(frames.Count, segments, plan, random);
        LabelRow row = recording.Row;
        List<Example> examples = ClipWindows.ToExamples(
            frames,
            windows,
            recording.Split,
            w => new ExampleMeta(recording.Group, row.Path, (w.StartSample - offset) / 16000.0, ExampleKind.Real, row.Category, row.Folder),
            silence);
        return new JobResult(examples, recording.Path, events, warning);
    }
}
