namespace AudioEdge.DatasetBuilder.Labelling;

/// <summary>How <see cref="WindowPlanner"/> cuts one clip into training windows.</summary>
internal sealed record WindowPlan
{
    /// <summary>Frames between regularly spaced windows.</summary>
    public int HopFrames { get; init; } = 48;

    /// <summary>Most regularly spaced windows; when there are more, an evenly spread subset is kept.</summary>
    public int MaxRegularWindows { get; init; } = 20;

    /// <summary>Extra windows per glass-break onset, the onset at positions spread over 5–70 % of the window.</summary>
    public int WindowsPerOnset { get; init; } = 6;

    /// <summary>An alarm must sound at least this many samples in a window for the window to be positive (default 50 ms).</summary>
    public int MinimumAlarmSamples { get; init; } = 800;

    /// <summary>Keep windows labelled all-zero. False for weak positives, whose quiet parts may still hold the sound.</summary>
    public bool KeepNegatives { get; init; } = true;

    /// <summary>Keep the regularly spaced windows at all (false: only the onset-centred ones).</summary>
    public bool KeepRegular { get; init; } = true;

    /// <summary>Onset frames of impacts in a negative recording, each given <see cref="WindowsPerOnset"/> windows placed as a glass onset's are.</summary>
    public IReadOnlyList<int> ImpactOnsetFrames { get; init; } = [];
}
