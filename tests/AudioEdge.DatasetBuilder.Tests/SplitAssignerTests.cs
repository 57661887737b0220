using AudioEdge.DatasetBuilder.Data;

namespace AudioEdge.DatasetBuilder.Tests;

public class SplitAssignerTests
{
    private static LabelRow Row(string path, string label = LabelRow.None, bool weak = false) => new(path, label, "c", "s", "l", weak, string.Empty);

    private static List<LabelRow> Corpus()
    {
        var rows = new List<LabelRow>();
        for (int e = 0; e < 30; e++)
        {
            rows.Add(Row($"glass_break/aspinity_events/Room{e}_000.wav", LabelRow.GlassBreak));
            rows.Add(Row($"glass_break/aspinity_mixed/Room{e}_000_a00{e % 10}_0_30_000.wav", LabelRow.GlassBreak));
            rows.Add(Row($"glass_break/aspinity_mixed/Room{e}_000_a01{e % 10}_30_60_000.wav", LabelRow.GlassBreak));
        }

        for (int s = 0; s < 50; s++)
        {
            foreach (char take in "ABC")
            {
                rows.Add(Row($"kitchen20/cutlery/{s % 4}-{1000 + s}-{take}-3.flac"));
            }
        }

        for (int a = 0; a < 12; a++)
        {
            rows.Add(Row($"smoke_alarm/tinyml_alert/alarm.id{a}.ingestion-p.s1.wav", LabelRow.SmokeAlarm));
            rows.Add(Row($"smoke_alarm/tinyml_alert/alarm.id{a}.ingestion-p.s2.wav", LabelRow.SmokeAlarm));
        }

        for (int y = 0; y < 40; y++)
        {
            rows.Add(Row($"audioset/alarm/yt{y}_x_{y}0.000.flac", LabelRow.SmokeAlarm, weak: true));
        }

        return rows;
    }

    private static Dictionary<string, string> DistinctContent(IEnumerable<LabelRow> rows) => rows.ToDictionary(r => r.Path, r => "hash-of-" + r.Path);

    [Test]
    public void No_group_is_in_both_splits_and_cuts_of_one_source_stay_together()
    {
        List<LabelRow> rows = Corpus();
        SplitPlan plan = SplitAssigner.Assign(rows, DistinctContent(rows), 0.2);

        Dictionary<string, Split[]> splitsPerGroup = rows.GroupBy(r => plan.GroupOf(r.Path)).ToDictionary(g => g.Key, g => g.Select(r => plan.SplitOf(r.Path)).Distinct().ToArray());
        Assert.That(splitsPerGroup.Values, Has.All.Length.EqualTo(1));
        Assert.That(plan.GroupOf("glass_break/aspinity_mixed/Room7_000_a007_0_30_000.wav"), Is.EqualTo(plan.GroupOf("glass_break/aspinity_events/Room7_000.wav")));
        Assert.That(plan.GroupOf("kitchen20/cutlery/1-1005-A-3.flac"), Is.EqualTo(plan.GroupOf("kitchen20/cutlery/1-1005-C-3.flac")));
        Assert.That(plan.GroupOf("smoke_alarm/tinyml_alert/alarm.id3.ingestion-p.s1.wav"), Is.EqualTo(plan.GroupOf("smoke_alarm/tinyml_alert/alarm.id3.ingestion-p.s2.wav")));
    }

    [Test]
    public void Every_stratum_gives_a_fifth_of_its_groups_to_validation()
    {
        List<LabelRow> rows = Corpus();
        SplitPlan plan = SplitAssigner.Assign(rows, DistinctContent(rows), 0.2);

        int Validation(string prefix) => rows.Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal)).Select(r => plan.GroupOf(r.Path)).Distinct()
            .Count(g => plan.Groups[g] == Split.Validation);
        Assert.That(Validation("glass_break/"), Is.EqualTo(6), "30 events");
        Assert.That(Validation("kitchen20/"), Is.EqualTo(10), "50 sources");
        Assert.That(Validation("smoke_alarm/"), Is.EqualTo(2), "12 devices (2.4 rounds to 2)");
        Assert.That(Validation("audioset/"), Is.EqualTo(8), "40 clips");
    }

    [Test]
    public void Identical_files_are_one_group_and_the_later_copy_is_a_duplicate()
    {
        List<LabelRow> rows = [Row("glass_break/aspinity_events/Room1_3_W3_1_000_000.wav", LabelRow.GlassBreak), Row("glass_break/aspinity_events/Room1_window_hit_3_W3_window_hit__crash__event_1_000_000.wav", LabelRow.GlassBreak), Row("glass_break/aspinity_mixed/Room1_window_hit_3_W3_window_hit__crash__event_1_000_a005_90_120_000.wav", LabelRow.GlassBreak)];
        var hashes = new Dictionary<string, string> { [rows[0].Path] = "same", [rows[1].Path] = "same", [rows[2].Path] = "other" };

        SplitPlan plan = SplitAssigner.Assign(rows, hashes, 0.2);

        Assert.That(plan.GroupOf(rows[0].Path), Is.EqualTo(plan.GroupOf(rows[1].Path)).And.EqualTo(plan.GroupOf(rows[2].Path)));
        Assert.That(plan.Duplicates, Is.EquivalentTo(new[] { rows[1].Path }), "ordinal order: 'Room1_3…' comes before 'Room1_window…'");
    }

    [Test]
    public void The_split_depends_neither_on_row_order_nor_on_anything_but_the_data()
    {
        List<LabelRow> rows = Corpus();
        SplitPlan forward = SplitAssigner.Assign(rows, DistinctContent(rows), 0.2);
        var shuffled = rows.OrderBy(r => StableHash.Hex(r.Path)).ToList();
        SplitPlan backward = SplitAssigner.Assign(shuffled, DistinctContent(rows), 0.2);

        Assert.That(rows.Select(r => backward.SplitOf(r.Path)), Is.EqualTo(rows.Select(r => forward.SplitOf(r.Path))));
    }

    [Test]
    public void Synthetic_groups_split_by_hash_at_about_the_fraction()
    {
        int validation = Enumerable.Range(0, 2000).Count(i => SplitAssigner.ForSyntheticGroup($"synthetic/smoke_t3/{i}", 0.2) == Split.Validation);
        Assert.That(validation, Is.InRange(340, 460));
        Assert.That(Enumerable.Range(0, 5).Select(_ => SplitAssigner.ForSyntheticGroup("synthetic/x/1", 0.2)).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void The_folds_partition_every_stratum_and_fold_zero_is_the_default_split()
    {
        List<LabelRow> rows = Corpus();
        Dictionary<string, string> content = DistinctContent(rows);
        SplitPlan[] folds = [.. Enumerable.Range(0, 5).Select(k => SplitAssigner.Assign(rows, content, 0.2, k))];
        SplitPlan standard = SplitAssigner.Assign(rows, content, 0.2);

        Assert.That(rows.Select(r => folds[0].SplitOf(r.Path)), Is.EqualTo(rows.Select(r => standard.SplitOf(r.Path))));
        foreach (string group in standard.Groups.Keys)
        {
            Assert.That(folds.Count(f => f.Groups[group] == Split.Validation), Is.EqualTo(1), group);
        }

        int Validation(SplitPlan plan, string prefix) => rows.Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(r => plan.GroupOf(r.Path)).Distinct().Count(g => plan.Groups[g] == Split.Validation);
        Assert.That(folds.Select(f => Validation(f, "smoke_alarm/")), Is.EqualTo(new[] { 2, 3, 2, 3, 2 }), "12 devices: round(2.4k) to round(2.4(k+1))");
        Assert.That(folds.Select(f => Validation(f, "glass_break/")), Has.All.EqualTo(6), "30 events");
        Assert.That(() => SplitAssigner.Assign(rows, content, 0.2, 5), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Synthetic_groups_fall_in_exactly_one_fold()
    {
        string[] groups = [.. Enumerable.Range(0, 2000).Select(i => $"synthetic/smoke_t3/{i}")];
        int[] perFold = [.. Enumerable.Range(0, 5).Select(k => groups.Count(g => SplitAssigner.ForSyntheticGroup(g, 0.2, k) == Split.Validation))];

        Assert.That(groups.Select(g => Enumerable.Range(0, 5).Count(k => SplitAssigner.ForSyntheticGroup(g, 0.2, k) == Split.Validation)), Has.All.EqualTo(1));
        Assert.That(perFold, Has.All.InRange(340, 460));
        Assert.That(perFold[0], Is.EqualTo(groups.Count(g => SplitAssigner.ForSyntheticGroup(g, 0.2) == Split.Validation)));
    }
}
