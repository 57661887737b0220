using System.Globalization;
using AudioEdge.Detection;
using Spectre.Console;

namespace AudioEdge.Cli.Classification;

/// <summary><c>--format table</c>: for people at a terminal; collected and drawn once all files are done.</summary>
internal sealed class TableReport : IClassifyReport
{
    private readonly IAnsiConsole _console;
    private readonly List<string[]> _rows = [];
    private int _events;
    private int _errors;

    public TableReport(TextWriter output, bool terminal)
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
    }

    public void Event(string file, DetectionEvent detection)
    {
        _events++;
        var invariant = CultureInfo.InvariantCulture;
        _rows.Add([
            Markup.Escape(file),
            Markup.Escape(detection.Label),
            detection.Start.ToString("F2", invariant),
            (detection.End ?? detection.Start).ToString("F2", invariant),
            detection.Confidence.ToString("F2", invariant),
            detection.DetectedAt.ToString("F2", invariant),
        ]);
    }

    public void Scores(string file, double time, IReadOnlyList<string> labels, ReadOnlySpan<float> scores)
    {
        // Not offered: ClassifyCommand refuses --frames with the table format.
    }

    public void Error(string file, string message)
    {
        _errors++;
        _rows.Add([Markup.Escape(file), "[red]error:[/] " + Markup.Escape(message), string.Empty, string.Empty, string.Empty, string.Empty]);
    }

    public void Complete(string model, int files)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("File");
        table.AddColumn("Event");
        table.AddColumn(new TableColumn("Start s").RightAligned());
        table.AddColumn(new TableColumn("End s").RightAligned());
        table.AddColumn(new TableColumn("Confidence").RightAligned());
        table.AddColumn(new TableColumn("Detected at s").RightAligned());
        foreach (string[] row in _rows)
        {
            table.AddRow(row);
        }

        if (_rows.Count > 0)
        {
            _console.Write(table);
        }

        _console.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{_events} event{(_events == 1 ? string.Empty : "s")} in {files} file{(files == 1 ? string.Empty : "s")}{(_errors > 0 ? $", {_errors} failed" : string.Empty)} (model {model})")));
    }
}
