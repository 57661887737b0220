using AudioEdge.Synthesis;

namespace AudioEdge.DatasetBuilder.Labelling;

/// <summary>
/// Chooses the windows of a clip and labels them from its segments.
/// </summary>
/// <remarks>
/// <para>Labels: <c>alarm</c> when alarm segments sound for at least <see cref="WindowPlan.MinimumAlarmSamples"/>
/// inside the window; <c>glass_break</c> when a glass-break onset lies inside the window with at least 100 ms of the
/// window after it (the shatter follows the thud by up to 60 ms, so the window hears it).</para>
/// <para>Windows whose label would be a guess are left out: an alarm that sounds for less than the minimum (a
/// beep's edge), a glass-break onset in the last 100 ms, and a window that holds the ringing tail of a glass break
/// but not its onset (neither "a break starts here" nor "nothing happens here").</para>
/// </remarks>
internal static class WindowPlanner
{
    /// <summary>Samples of window that must follow a glass-break onset for the window to count it.</summary>
    public const int GlassLeadSamples = 1600;

    public static List<PlannedWindow> Plan(int frameCount, IReadOnlyList<SoundSegment> segments, WindowPlan plan, Random random)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(random);
        int last = frameCount - FeatureFrames.WindowFrames;
        var windows = new List<PlannedWindow>();
        if (last < 0)
        {
            return windows;
        }

        var starts = new SortedSet<int>();
        if (plan.KeepRegular)
        {
            List<int> regular = [.. Enumerable.Range(0, (last / plan.HopFrames) + 1).Select(i => i * plan.HopFrames)];
            if (last - regular[^1] >= plan.HopFrames / 2)
            {
                regular.Add(last);
            }

            if (regular.Count > plan.MaxRegularWindows)
            {
                // An even spread over the whole recording rather than its beginning.
                int count = plan.MaxRegularWindows;
                regular = count == 1
                    ? [regular[regular.Count / 2]]
                    : [.. Enumerable.Range(0, count).Select(i => regular[(int)Math.Round(i * (regular.Count - 1) / (double)(count - 1))]).Distinct()];
            }

            starts.UnionWith(regular);
        }

        // Glass onsets, then a negative's impacts, placed alike (see WindowPlan.ImpactOnsetFrames).
        IEnumerable<int> onsetFrames = segments.Where(s => s.Kind == SegmentKind.GlassBreak)
            .Select(glass => glass.Start / FeatureFrames.Hop)
            .Concat(plan.ImpactOnsetFrames);
        foreach (int onsetFrame in onsetFrames)
        {
            for (int k = 0; k < plan.WindowsPerOnset; k++)
            {
                // Spread the onset over the window, each position jittered within its share.
                double position = 0.05 + (0.65 * (k + random.NextDouble()) / plan.WindowsPerOnset);
                starts.Add(Math.Clamp(onsetFrame - (int)(position * FeatureFrames.WindowFrames), 0, last));
            }
        }

        foreach (int start in starts)
        {
            PlannedWindow? window = Label(start, segments, plan);
            if (window is { } w && (plan.KeepNegatives || w.Alarm || w.GlassBreak))
            {
                windows.Add(w);
            }
        }

        return windows;
    }

    /// <summary>The labels of the window starting at <paramref name="startFrame"/>, or null when they would be a guess.</summary>
    public static PlannedWindow? Label(int startFrame, IReadOnlyList<SoundSegment> segments, WindowPlan plan)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(plan);
        int from = startFrame * FeatureFrames.Hop, to = from + FeatureFrames.WindowSamples;
        int alarm = 0;
        bool glass = false, unsure = false;
        foreach (SoundSegment segment in segments)
        {
            switch (segment.Kind)
            {
                case SegmentKind.Alarm:
                    alarm += segment.Overlap(from, to);
                    break;
                case SegmentKind.GlassBreak when segment.Start >= from && segment.Start < to - GlassLeadSamples:
                    glass = true;
                    break;
                case SegmentKind.GlassBreak when segment.Overlap(from, to) > 0:
                    unsure = true;
                    break;
            }
        }

        if (unsure && !glass)
        {
            return null;
        }

        if (alarm > 0 && alarm < plan.MinimumAlarmSamples)
        {
            return null;
        }

        return new PlannedWindow(startFrame, alarm >= plan.MinimumAlarmSamples, glass);
    }
}
