namespace AudioEdge.DatasetBuilder.Data;

/// <summary>
/// Splits by source recording. Files are joined into groups by their source key (<see cref="SourceGroups"/>) and by
/// identical content; each group goes wholly to train or to validation, so no recording (nor a cut, a remix or a
/// copy of it) is on both sides.
/// </summary>
/// <remarks>
/// Groups are stratified by (label, top folder, weak or not) — "glass_break/glass_break/strong", "none/kitchen20/
/// strong", … — and within each stratum ordered by the SHA-256 of the group id; the first round(f·n) go to
/// validation. Ordering by a hash of the id makes the assignment deterministic and independent of the build seed
/// and of row order; stratifying guarantees the small positive sets (a dozen smoke-alarm devices, a few dozen
/// glass events) each give about a fifth to validation, which a plain hash threshold would do only on average.
/// <para>
/// Cross-validation: fold k of ⌈1/f⌉ takes positions round(k·f·n) to round((k+1)·f·n) of that order instead, so the
/// folds partition every stratum and fold 0 is the default split.
/// </para>
/// </remarks>
internal static class SplitAssigner
{
    public static SplitPlan Assign(
        IReadOnlyList<LabelRow> rows, IReadOnlyDictionary<string, string> contentHashes, double validationFraction, int fold = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fold);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fold, FoldCount(validationFraction));
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(contentHashes);
        var union = new UnionFind();
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        var firstWithContent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (LabelRow row in rows.OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            string key = SourceGroups.KeyFor(row.Path);
            union.Add(key);
            if (contentHashes.TryGetValue(row.Path, out string? hash))
            {
                if (firstWithContent.TryGetValue(hash, out string? first))
                {
                    duplicates.Add(row.Path);
                    union.Union(key, SourceGroups.KeyFor(first));
                }
                else
                {
                    firstWithContent[hash] = row.Path;
                }
            }
        }

        // A group is named by the smallest key it joins (the union's root), so the name does not depend on file order.
        var groupOfPath = new Dictionary<string, string>(StringComparer.Ordinal);
        var stratumOfGroup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (LabelRow row in rows.OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            string group = union.Find(SourceGroups.KeyFor(row.Path));
            groupOfPath[row.Path] = group;
            stratumOfGroup.TryAdd(group, $"{row.Label}|{row.Folder}|{(row.WeakLabel ? "weak" : "strong")}");
        }

        var splitOfGroup = new Dictionary<string, Split>(StringComparer.Ordinal);
        foreach (IGrouping<string, string> stratum in stratumOfGroup.GroupBy(p => p.Value, p => p.Key))
        {
            List<string> ordered = [.. stratum.OrderBy(StableHash.Hex, StringComparer.Ordinal)];
            int first = FoldStart(validationFraction, fold, ordered.Count);
            int end = FoldStart(validationFraction, fold + 1, ordered.Count);
            for (int i = 0; i < ordered.Count; i++)
            {
                splitOfGroup[ordered[i]] = i >= first && i < end ? Split.Validation : Split.Train;
            }
        }

        return new SplitPlan(groupOfPath, splitOfGroup, duplicates);
    }

    /// <summary>
    /// The split of a purely synthetic group (no real recording in it): its hash's unit value within fold
    /// <paramref name="fold"/>'s slice [k·f, (k+1)·f) of [0, 1).
    /// </summary>
    public static Split ForSyntheticGroup(string group, double validationFraction, int fold = 0)
    {
        double unit = StableHash.Unit("synthetic-split\n" + group);
        bool last = fold == FoldCount(validationFraction) - 1;
        return unit >= fold * validationFraction && (last || unit < (fold + 1) * validationFraction) ? Split.Validation : Split.Train;
    }

    /// <summary>How many validation folds partition the groups at this fraction: ⌈1/f⌉ (5 at 0.2).</summary>
    public static int FoldCount(double validationFraction) => (int)Math.Ceiling((1 / validationFraction) - 1e-9);

    // Fold k's first position among n groups; past the last fold, n. Fold 0 starts at 0 and ends at round(f·n).
    private static int FoldStart(double validationFraction, int fold, int count) =>
        fold >= FoldCount(validationFraction) ? count : Math.Min(count, (int)Math.Round(fold * validationFraction * count, MidpointRounding.AwayFromZero));
}
