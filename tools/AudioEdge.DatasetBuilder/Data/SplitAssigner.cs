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
/// </remarks>
internal static class SplitAssigner
{
    public static SplitPlan Assign(IReadOnlyList<LabelRow> rows, IReadOnlyDictionary<string, string> contentHashes, double validationFraction)
    {
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
            int validation = (int)Math.Round(validationFraction * ordered.Count, MidpointRounding.AwayFromZero);
            for (int i = 0; i < ordered.Count; i++)
            {
                splitOfGroup[ordered[i]] = i < validation ? Split.Validation : Split.Train;
            }
        }

        return new SplitPlan(groupOfPath, splitOfGroup, duplicates);
    }

    /// <summary>The split of a purely synthetic group (no real recording in it): a hash threshold at the validation fraction.</summary>
    public static Split ForSyntheticGroup(string group, double validationFraction) =>
        StableHash.Unit("synthetic-split\n" + group) < validationFraction ? Split.Validation : Split.Train;
}
