using System.Diagnostics;
using AudioEdge.Inference;

namespace AudioEdge.Benchmarking;

/// <summary>
/// An <see cref="IWindowScorer"/> decorator that times every call of the real scorer with
/// <see cref="Stopwatch.GetTimestamp"/>: the pipeline runs unchanged, and the bench reads how much of each block
/// went to inference. Allocates nothing; does not own the inner scorer.
/// </summary>
internal sealed class TimingScorer : IWindowScorer
{
    private readonly IWindowScorer _inner;

    public TimingScorer(IWindowScorer inner) => _inner = inner;

    public IReadOnlyList<string> Labels => _inner.Labels;

    public int WindowFrames => _inner.WindowFrames;

    public int Bands => _inner.Bands;

    /// <summary>Inference calls so far.</summary>
    public long Calls { get; private set; }

    /// <summary>Stopwatch ticks spent in inference since the last <see cref="TakeTicks"/>.</summary>
    public long PendingTicks { get; private set; }

    /// <summary>Stopwatch timestamp at which the first score was returned; 0 before.</summary>
    public long FirstScoreTimestamp { get; private set; }

    /// <summary>Optional per-call sink (the inference histogram).</summary>
    public LatencyHistogram? PerCall { get; set; }

    public void Score(ReadOnlySpan<float> window, Span<float> scores)
    {
        long start = Stopwatch.GetTimestamp();
        _inner.Score(window, scores);
        long end = Stopwatch.GetTimestamp();
        PendingTicks += end - start;
        Calls++;
        PerCall?.Record(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
        if (FirstScoreTimestamp == 0)
        {
            FirstScoreTimestamp = end;
        }
    }

    /// <summary>Returns and clears the ticks spent in inference since the last call.</summary>
    public long TakeTicks()
    {
        long ticks = PendingTicks;
        PendingTicks = 0;
        return ticks;
    }

    public void Dispose()
    {
        // The inner scorer belongs to the caller.
    }
}
