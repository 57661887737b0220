using System.Text;

namespace AudioEdge.Evaluation;

/// <summary>Counts of (expected class, predicted class) pairs over a fixed list of classes, e.g. none/smoke_alarm/co_alarm/glass_break.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;
    private readonly Dictionary<string, int> _index;

    public ConfusionMatrix(IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        Classes = classes;
        _index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        _counts = new int[classes.Count, classes.Count];
    }

    public IReadOnlyList<string> Classes { get; }

    public int this[string expected, string predicted] => _counts[Index(expected), Index(predicted)];

    public void Add(string expected, string predicted) => _counts[Index(expected), Index(predicted)]++;

    /// <summary>A markdown table: rows are the truth, columns the prediction.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| truth \\ predicted | ").AppendJoin(" | ", Classes).AppendLine(" |");
        text.Append("|---|").AppendJoin(string.Empty, Classes.Select(_ => "---:|")).AppendLine();
        for (int row = 0; row < Classes.Count; row++)
        {
            text.Append("| ").Append(Classes[row]).Append(" | ");
            text.AppendJoin(" | ", Enumerable.Range(0, Classes.Count).Select(column => _counts[row, column])).AppendLine(" |");
        }

        return text.ToString();
    }

    private int Index(string label) =>
        _index.TryGetValue(label, out int i) ? i : throw new ArgumentException($"'{label}' is not one of {string.Join(", ", Classes)}.", nameof(label));
}
