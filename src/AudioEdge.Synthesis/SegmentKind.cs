namespace AudioEdge.Synthesis;

/// <summary>What a <see cref="SoundSegment"/> marks in a synthesized signal.</summary>
public enum SegmentKind
{
    /// <summary>An alarm tone is sounding (one beep or pulse of a smoke, CO or low-frequency alarm).</summary>
    Alarm,

    /// <summary>A glass break: <see cref="SoundSegment.Start"/> is the onset of the thud, the end is the end of the tinkle tail.</summary>
    GlassBreak,

    /// <summary>A sound that is neither: an appliance beep, a note, an impact, speech (hard negatives).</summary>
    Distractor,
}
