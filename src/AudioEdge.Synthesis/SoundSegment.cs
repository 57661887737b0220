namespace AudioEdge.Synthesis;

/// <summary>A labelled span of a signal, in samples.</summary>
/// <param name="Kind">What sounds in the span.</param>
/// <param name="Start">First sample. May be negative after a time shift: the event began before the signal did.</param>
/// <param name="Length">Samples in the span; may reach past the end of the signal for the same reason.</param>
public readonly record struct SoundSegment(SegmentKind Kind, int Start, int Length)
{
    /// <summary>One past the last sample.</summary>
    public int End => Start + Length;

    /// <summary>Samples of this segment inside [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public int Overlap(int from, int to) => Math.Max(0, Math.Min(End, to) - Math.Max(Start, from));

    /// <summary>The same span moved by <paramref name="samples"/>.</summary>
    public SoundSegment Shifted(int samples) => this with { Start = Start + samples };
}
