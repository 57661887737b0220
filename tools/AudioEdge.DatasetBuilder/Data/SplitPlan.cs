namespace AudioEdge.DatasetBuilder.Data;

/// <summary>Which group and split every real file belongs to, and which files are duplicates left out.</summary>
internal sealed class SplitPlan
{
    private readonly Dictionary<string, string> _groupOfPath;
    private readonly Dictionary<string, Split> _splitOfGroup;

    public SplitPlan(Dictionary<string, string> groupOfPath, Dictionary<string, Split> splitOfGroup, HashSet<string> duplicates)
    {
        _groupOfPath = groupOfPath;
        _splitOfGroup = splitOfGroup;
        Duplicates = duplicates;
    }

    /// <summary>Paths whose bytes equal those of an earlier file (ordinal path order); they are not used.</summary>
    public IReadOnlySet<string> Duplicates { get; }

    /// <summary>Every group and its split.</summary>
    public IReadOnlyDictionary<string, Split> Groups => _splitOfGroup;

    public string GroupOf(string path) => _groupOfPath[path];

    public Split SplitOf(string path) => _splitOfGroup[_groupOfPath[path]];
}
