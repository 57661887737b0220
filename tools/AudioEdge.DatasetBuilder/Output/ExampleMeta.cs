namespace AudioEdge.DatasetBuilder.Output;

/// <summary>One line of a shard's meta.jsonl.</summary>
/// <param name="Group">The source group: the same string on every example derived from one recording.</param>
/// <param name="File">The real recording (path relative to the data directory), or <c>synthetic/&lt;class&gt;/&lt;n&gt;</c>.</param>
/// <param name="OffsetSeconds">Start of the window in that file or clip.</param>
/// <param name="Kind"><see cref="ExampleKind"/>.</param>
/// <param name="Category">labels.csv's category, or the synthetic class (smoke_t3, co_t4, glass_break, appliance_beeps, …).</param>
/// <param name="Source">The data folder (kitchen20, audioset, …) or <c>synthetic</c>.</param>
/// <param name="Background">For synthetic and augmented examples: the real recording used as background, or <c>synthetic-noise</c>.</param>
/// <param name="Augmentation">For synthetic and augmented examples: what the augmenter drew.</param>
internal sealed record ExampleMeta(string Group, string File, double OffsetSeconds, string Kind, string Category, string Source, string? Background = null, string? Augmentation = null);
