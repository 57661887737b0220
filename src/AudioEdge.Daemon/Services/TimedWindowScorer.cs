using System.Diagnostics;
using AudioEdge.Daemon.Diagnostics;
using AudioEdge.Inference;
using AudioEdge.Telemetry;

namespace AudioEdge.Daemon.Services;

/// <summary>Measures every inference for the latency metric and telemetry; otherwise the scorer it wraps. Owns it.</summary>
internal sealed class TimedWindowScorer : IWindowScorer
{
    private readonly IWindowScorer _inner;
    private readonly DaemonMetrics _metrics;
    private readonly TelemetryAggregator _telemetry;

    public TimedWindowScorer(IWindowScorer inner, DaemonMetrics metrics, TelemetryAggregator telemetry)
    {
        _inner = inner;
        _metrics = metrics;
        _telemetry = telemetry;
    }

    public IReadOnlyList<string> Labels => _inner.Labels;

    public int WindowFrames => _inner.WindowFrames;

    public int Bands => _inner.Bands;

    public void Score(ReadOnlySpan<float> window, Span<float> scores)
    {
        long start = Stopwatch.GetTimestamp();
        _inner.Score(window, scores);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        _metrics.Inference(elapsed.TotalSeconds);
        _telemetry.RecordInferenceLatency(elapsed);
        _telemetry.RecordWindowScores(scores);
    }

    public void Dispose() => _inner.Dispose();
}
