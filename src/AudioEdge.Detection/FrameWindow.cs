namespace AudioEdge.Detection;

/// <summary>
/// The last N frames, always readable as one contiguous span, oldest first: every frame is written twice, at
/// slot i and slot i + N of a 2N-frame buffer, so the window starting at the oldest slot never wraps. Two
/// 64-float copies per frame buy a scorer input with no gather copy per hop.
/// </summary>
internal sealed class FrameWindow
{
    private readonly float[] _buffer;
    private readonly int _frames;
    private readonly int _bands;
    private int _next;

    public FrameWindow(int frames, int bands)
    {
        _frames = frames;
        _bands = bands;
        _buffer = new float[2 * frames * bands];
    }

    /// <summary>Frames added so far.</summary>
    public long Count { get; private set; }

    public bool IsFull => Count >= _frames;

    public void Add(ReadOnlySpan<float> frame)
    {
        ReadOnlySpan<float> values = frame[.._bands];
        values.CopyTo(_buffer.AsSpan(_next * _bands));
        values.CopyTo(_buffer.AsSpan((_next + _frames) * _bands));
        _next = (_next + 1) % _frames;
        Count++;
    }

    /// <summary>The last N frames, oldest first (valid once <see cref="IsFull"/>).</summary>
    public ReadOnlySpan<float> Window => _buffer.AsSpan(_next * _bands, _frames * _bands);
}
