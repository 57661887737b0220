using AudioEdge.Detection;

namespace AudioEdge.Cli.Classification;

/// <summary>Where <c>audioedge classify</c> puts its results: JSON lines or a table.</summary>
internal interface IClassifyReport
{
    /// <summary>A completed event of <paramref name="file"/> (the path as the user gave it).</summary>
    void Event(string file, DetectionEvent detection);

    /// <summary>One window's scores (only with <c>--frames</c>).</summary>
    void Scores(string file, double time, IReadOnlyList<string> labels, ReadOnlySpan<float> scores);

    /// <summary><paramref name="file"/> could not be processed; the others still are.</summary>
    void Error(string file, string message);

    /// <summary>All files done.</summary>
    void Complete(string model, int files);
}
