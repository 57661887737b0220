namespace AudioEdge.DatasetBuilder.Labelling;

/// <summary>One training window: its first frame and its labels.</summary>
internal readonly record struct PlannedWindow(int StartFrame, bool Alarm, bool GlassBreak)
{
    /// <summary>First sample the window covers.</summary>
    public int StartSample => StartFrame * FeatureFrames.Hop;
}
