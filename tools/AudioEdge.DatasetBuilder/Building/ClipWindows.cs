using AudioEdge.DatasetBuilder.Data;
using AudioEdge.DatasetBuilder.Labelling;
using AudioEdge.DatasetBuilder.Output;
using AudioEdge.Synthesis;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>Shared steps of every job: padding, digital silence, windows to examples.</summary>
internal static class ClipWindows
{
    /// <summary>Runs of at least this many exact zeros are digital silence (a gap in a file, not a quiet room).</summary>
    public const int DigitalSilenceRun = 160;

    /// <summary>
    /// A clip shorter than <paramref name="minimum"/> samples placed at a random offset in silence of that length;
    /// longer clips are returned as they are. <paramref name="offset"/> is where the clip starts.
    /// </summary>
    public static float[] PadTo(float[] samples, int minimum, Random random, out int offset)
    {
        offset = 0;
        if (samples.Length >= minimum)
        {
            return samples;
        }

        var padded = new float[minimum];
        offset = random.Next(minimum - samples.Length + 1);
        samples.CopyTo(padded, offset);
        return padded;
    }

    /// <summary>Marks samples inside runs of exact zeros of at least <see cref="DigitalSilenceRun"/>.</summary>
    public static bool[] DigitalSilence(ReadOnlySpan<float> samples)
    {
        var silent = new bool[samples.Length];
        for (int i = 0; i < samples.Length;)
        {
            if (samples[i] != 0)
            {
                i++;
                continue;
            }

            int end = i;
            while (end < samples.Length && samples[end] == 0)
            {
                end++;
            }

            if (end - i >= DigitalSilenceRun)
            {
                Array.Fill(silent, true, i, end - i);
            }

            i = end;
        }

        return silent;
    }

    /// <summary>
    /// Examples for the planned windows: feature slices with their labels. Windows more than half digital silence
    /// (per <paramref name="silence"/>, when given) are dropped: no live microphone produces them.
    /// </summary>
    public static List<Example> ToExamples(FeatureFrames frames, List<PlannedWindow> windows, Split split, Func<PlannedWindow, ExampleMeta> meta, bool[]? silence = null)
    {
        int size = FeatureFrames.WindowFrames * FeatureFrames.Bands;
        var examples = new List<Example>(windows.Count);
        foreach (PlannedWindow window in windows)
        {
            if (silence is not null && SilentShare(silence, window.StartSample) > 0.5)
            {
                continue;
            }

            float[] features = frames.LogMel.AsSpan(window.StartFrame * FeatureFrames.Bands, size).ToArray();
            examples.Add(new Example(features, window.Alarm, window.GlassBreak, meta(window), split));
        }

        return examples;
    }

    private static double SilentShare(bool[] silence, int start)
    {
        int count = 0, end = Math.Min(silence.Length, start + FeatureFrames.WindowSamples);
        for (int i = start; i < end; i++)
        {
            if (silence[i])
            {
                count++;
            }
        }

        return count / (double)FeatureFrames.WindowSamples;
    }

    /// <summary>Segments as "alarm 0.05-0.52" / "glass_break 1.00-2.10" (seconds) for validation-files.txt.</summary>
    public static string Describe(IEnumerable<SoundSegment> segments, int offset) => string.Join(
        ';',
        segments.Select(s => string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{(s.Kind == SegmentKind.Alarm ? "alarm" : "glass_break")} {Math.Max(0, s.Start - offset) / 16000.0:F2}-{Math.Max(0, s.End - offset) / 16000.0:F2}")));
}
