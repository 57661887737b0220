namespace AudioEdge.Inference;

/// <summary>
/// Scores one analysis window of log-mel frames. The seam between the detector and the model: the product's
/// implementation runs an ONNX Runtime session; detector unit tests may script scores behind it.
/// </summary>
public interface IWindowScorer : IDisposable
{
    /// <summary>What each score means, in output order, e.g. <c>["alarm", "glass_break"]</c>.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>Frames per window (96 = 0.96 s at a 10 ms hop).</summary>
    int WindowFrames { get; }

    /// <summary>Values per frame (mel bands, 64).</summary>
    int Bands { get; }

    /// <summary>
    /// Writes one probability in [0, 1] per label for <paramref name="window"/> (<see cref="WindowFrames"/> ×
    /// <see cref="Bands"/> log-mel values, frame-major, oldest frame first). Allocates nothing.
    /// </summary>
    void Score(ReadOnlySpan<float> window, Span<float> scores);
}
