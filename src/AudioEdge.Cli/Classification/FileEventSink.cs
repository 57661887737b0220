using AudioEdge.Detection;

namespace AudioEdge.Cli.Classification;

/// <summary>Connects one file's pipeline to the report: completed events, and window scores when asked for.</summary>
internal sealed class FileEventSink : IEventSink, IWindowScoreObserver
{
    private readonly IClassifyReport _report;
    private readonly string _file;
    private readonly IReadOnlyList<string> _labels;

    public FileEventSink(IClassifyReport report, string file, IReadOnlyList<string> labels)
    {
        _report = report;
        _file = file;
        _labels = labels;
    }

    public int Events { get; private set; }

    /// <summary>A file is classified after the fact: an event is reported once, when complete.</summary>
    public void EventStarted(DetectionEvent detection)
    {
    }

    public void EventEnded(DetectionEvent detection)
    {
        Events++;
        _report.Event(_file, detection);
    }

    public void WindowScored(double time, ReadOnlySpan<float> scores) => _report.Scores(_file, time, _labels, scores);
}
