using System.Globalization;

namespace AudioEdge.Cli.Tests;

/// <summary>
/// <c>audioedge eval</c> with the tiny fixture model over a small data directory built by <c>audioedge synth</c>:
/// one model's report, and the pooled report of several (the folds of a cross-validation).
/// </summary>
[TestFixture]
public sealed class EvalCommandTests
{
    [Test]
    public void Several_models_pool_their_folds_into_one_report_that_sums_the_folds()
    {
        using var dir = new TempDirectory();
        string data = dir.File("data");
        Directory.CreateDirectory(data);
        Synth(data, "t4", "alarm-a.wav", 12);
        Synth(data, "noise", "quiet-a.wav", 4);
        Synth(data, "t3", "alarm-b.wav", 8);
        Synth(data, "noise", "quiet-b.wav", 5);
        string fold0 = List(dir, "fold0.tsv", ("alarm-a.wav", "smoke_alarm"), ("quiet-a.wav", "none"));
        string fold1 = List(dir, "fold1.tsv", ("alarm-b.wav", "smoke_alarm"), ("quiet-b.wav", "none"));

        CliRun first = Eval(data, dir.File("r0"), "--model", ClassifyFixture.Manifest, "--files", fold0);
        CliRun second = Eval(data, dir.File("r1"), "--model", ClassifyFixture.Manifest, "--files", fold1);
        CliRun pooled = Eval(data, dir.File("pooled"), "--model", ClassifyFixture.Manifest, "--files", fold0, "--model", ClassifyFixture.Manifest, "--files", fold1);

        Assert.That(first.Output, Does.StartWith("# Evaluation of tiny-fixture").And.Contain("Recordings: 2 real (validation split), "));
        Assert.That(pooled.Output, Does.StartWith("# Cross-validation of tiny-fixture").And.Contain(", 2 folds"));
        Assert.That(pooled.Output, Does.Contain("Recordings: 4 real (each fold's validation split, run through the model of that fold"));
        Assert.That(File.ReadAllText(Path.Combine(dir.File("pooled"), "report.md")), Is.EqualTo(pooled.Output));
        Assert.That(SyntheticCount(pooled.Output), Is.EqualTo(SyntheticCount(first.Output) + SyntheticCount(second.Output)).And.GreaterThan(0));
        foreach (string label in new[] { "smoke_alarm", "co_alarm", "glass_break", "alarm" })
        {
            int[] a = EventRow(first.Output, label), b = EventRow(second.Output, label), both = EventRow(pooled.Output, label);
            Assert.That(both, Is.EqualTo(a.Zip(b, (x, y) => x + y).ToArray()), $"{label}: recordings with it, found, missed, false alarms");
        }
    }

    [Test]
    public void Unpaired_folds_are_a_usage_error_in_one_line()
    {
        using var dir = new TempDirectory();
        string data = dir.File("data");
        Directory.CreateDirectory(data);
        string list = List(dir, "fold.tsv");

        CliRun unpaired = CliRun.Invoke("eval", data, "--model", ClassifyFixture.Manifest, "--model", ClassifyFixture.Manifest, "--files", list, "--out", dir.File("r"));
        CliRun listsOnly = CliRun.Invoke("eval", data, "--files", list, "--files", list, "--out", dir.File("r"));
        CliRun shards = CliRun.Invoke("eval", data, "--model", ClassifyFixture.Manifest, "--files", list, "--model", ClassifyFixture.Manifest, "--files", list, "--shards", dir.File("s"), "--out", dir.File("r"));

        Assert.That(unpaired.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(unpaired.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(unpaired.Error, Does.Contain("2 --model but 1 --files"));
        Assert.That(listsOnly.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(listsOnly.Error, Does.Contain("several --files need as many --model"));
        Assert.That(shards.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(shards.Error, Does.Contain("--shards (window-level metrics) takes one model"));
        Assert.That(Directory.Exists(dir.File("r")), Is.False, "nothing written before the arguments are checked");
    }

    private static CliRun Eval(string data, string outDirectory, params string[] models)
    {
        CliRun run = CliRun.Invoke(["eval", data, .. models, "--synthetic-per-kind", "1", "--out", outDirectory]);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        return run;
    }

    private static void Synth(string data, string kind, string name, double seconds) =>
        CliRun.Synth(kind, Path.Combine(data, name), seconds);

    private static string List(TempDirectory dir, string name, params (string Path, string Label)[] rows)
    {
        string path = dir.File(name);
        File.WriteAllLines(path, ["path\tlabel", .. rows.Select(r => $"{r.Path}\t{r.Label}")]);
        return path;
    }

    private static int SyntheticCount(string report)
    {
        string line = report.Split('\n').Single(l => l.StartsWith("Recordings: ", StringComparison.Ordinal));
        string count = line[(line.LastIndexOf("), ", StringComparison.Ordinal) + 3)..].Split(' ')[0];
        return int.Parse(count, CultureInfo.InvariantCulture);
    }

    /// <summary>The events table's row of <paramref name="label"/>: recordings with it, found, missed, false alarms.</summary>
    private static int[] EventRow(string report, string label)
    {
        string row = report.Split('\n').First(l => l.StartsWith($"| {label} | ", StringComparison.Ordinal));
        return [.. row.Split('|', StringSplitOptions.TrimEntries).Skip(2).Take(4).Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
    }
}
