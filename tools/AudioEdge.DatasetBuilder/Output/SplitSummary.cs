using System.Text.Json.Serialization;

namespace AudioEdge.DatasetBuilder.Output;

/// <summary>Counts for one split, in the manifest's "summary".</summary>
internal sealed class SplitSummary
{
    /// <summary>Examples in the split.</summary>
    [JsonPropertyName("examples")]
    public int Examples { get; set; }

    /// <summary>Examples per label: alarm, glass_break (both may be set on one example) and none (all zeros).</summary>
    [JsonPropertyName("labels")]
    public SortedDictionary<string, int> Labels { get; } = new(StringComparer.Ordinal) { ["alarm"] = 0, ["glass_break"] = 0, ["none"] = 0 };

    /// <summary>Examples per kind: real, augmented, synthetic.</summary>
    [JsonPropertyName("kinds")]
    public SortedDictionary<string, int> Kinds { get; } = new(StringComparer.Ordinal) { [ExampleKind.Real] = 0, [ExampleKind.Augmented] = 0, [ExampleKind.Synthetic] = 0 };

    /// <summary>Examples per data folder (or "synthetic").</summary>
    [JsonPropertyName("sources")]
    public SortedDictionary<string, int> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Positive examples per category (which recordings and synthetic classes the positives come from).</summary>
    [JsonPropertyName("positive_categories")]
    public SortedDictionary<string, int> PositiveCategories { get; } = new(StringComparer.Ordinal);

    /// <summary>Real recordings assigned to the split (used or not).</summary>
    [JsonPropertyName("real_files")]
    public int RealFiles { get; set; }

    /// <summary>Source groups of real recordings assigned to the split.</summary>
    [JsonPropertyName("real_groups")]
    public int RealGroups { get; set; }

    public void Count(Example example)
    {
        ArgumentNullException.ThrowIfNull(example);
        Examples++;
        if (example.Alarm)
        {
            Labels["alarm"]++;
        }

        if (example.GlassBreak)
        {
            Labels["glass_break"]++;
        }

        if (!example.Alarm && !example.GlassBreak)
        {
            Labels["none"]++;
        }
        else
        {
            string key = example.Meta.Kind + ": " + example.Meta.Category;
            PositiveCategories[key] = PositiveCategories.GetValueOrDefault(key) + 1;
        }

        Kinds[example.Meta.Kind] = Kinds.GetValueOrDefault(example.Meta.Kind) + 1;
        Sources[example.Meta.Source] = Sources.GetValueOrDefault(example.Meta.Source) + 1;
    }
}
