using System.Text.Json;
using AudioEdge.DatasetBuilder.Output;
using AudioEdge.Dsp;
using AudioEdge.Dsp.Serialization;

namespace AudioEdge.DatasetBuilder.Tests;

/// <summary>Whole builds on a small data folder the test generates: the output contract the Python trainer reads.</summary>
[NonParallelizable]
public class EndToEndTests
{
    private static TestDataSet? _data;
    private static string? _output;
    private static int _exitCode;
    private static string _stderr = string.Empty;

    private static string Output => _output!;

    [OneTimeSetUp]
    public void Build()
    {
        _data = new TestDataSet();
        _output = _data.Scratch("out");
        (_exitCode, _, _stderr) = Run(_output);
    }

    [OneTimeTearDown]
    public void Clean() => _data?.Dispose();

    private static (int ExitCode, string Stdout, string Stderr) Run(string output, params string[] extra)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = ["--data", _data!.DataDirectory, "--out", output, "--cache", _data.Scratch("cache"), "--synthetic-per-class", "1", "--augment-per-positive", "1", "--skip-speech", "--seed", "3", "--shard-size", "100", .. extra];
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static JsonElement Manifest() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "manifest.json"))).RootElement;

    private static List<(string Split, NpyArray Features, NpyArray Labels, JsonElement[] Meta, int Count)>? _shards;

    /// <summary>Every shard of the first build, read once.</summary>
    private static List<(string Split, NpyArray Features, NpyArray Labels, JsonElement[] Meta, int Count)> Shards() => _shards ??= [.. ReadShards()];

    private static IEnumerable<(string Split, NpyArray Features, NpyArray Labels, JsonElement[] Meta, int Count)> ReadShards()
    {
        foreach (JsonElement shard in Manifest().GetProperty("shards").EnumerateArray())
        {
            yield return (
                shard.GetProperty("split").GetString()!,
                NpyReader.ReadFile(Path.Combine(Output, shard.GetProperty("features").GetString()!)),
                NpyReader.ReadFile(Path.Combine(Output, shard.GetProperty("labels").GetString()!)),
                [.. File.ReadAllLines(Path.Combine(Output, shard.GetProperty("meta").GetString()!)).Select(l => JsonDocument.Parse(l).RootElement)],
                shard.GetProperty("count").GetInt32());
        }
    }

    [Test]
    public void The_build_succeeds_and_reports_its_progress_on_stderr()
    {
        Assert.That(_exitCode, Is.Zero, _stderr);
        Assert.That(_stderr, Does.Contain("hashing and decoding").And.Contain("split:").And.Contain("wrote"));
    }

    [Test]
    public void The_manifest_follows_the_contract()
    {
        JsonElement manifest = Manifest();
        Assert.That(manifest.GetProperty("format").GetString(), Is.EqualTo("audioedge-shards/1"));
        Assert.That(manifest.GetProperty("front_end").GetString(), Is.EqualTo(FrontEndOptions.Default.Fingerprint()));
        Assert.That(manifest.GetProperty("window_frames").GetInt32(), Is.EqualTo(96));
        Assert.That(manifest.GetProperty("bands").GetInt32(), Is.EqualTo(64));
        Assert.That(manifest.GetProperty("labels").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(new[] { "alarm", "glass_break" }));
        Assert.That(manifest.GetProperty("seed").GetInt32(), Is.EqualTo(3));
        Assert.That(manifest.GetProperty("shards").GetArrayLength(), Is.GreaterThanOrEqualTo(3), "shard size 100 splits the train set");
        Assert.That(manifest.GetProperty("summary").GetProperty("train").GetProperty("examples").GetInt32(), Is.GreaterThan(0));
        Assert.That(manifest.GetProperty("summary").GetProperty("validation").GetProperty("examples").GetInt32(), Is.GreaterThan(0));
    }

    [Test]
    public void Shards_hold_float32_windows_multi_hot_labels_and_one_meta_line_per_example()
    {
        var totals = new Dictionary<string, (int Examples, int Alarm, int Glass, int None)>();
        foreach ((string split, NpyArray features, NpyArray labels, JsonElement[] meta, int count) in Shards())
        {
            Assert.That(count, Is.InRange(1, 100));
            Assert.That(features.Descr, Is.EqualTo("<f4"));
            Assert.That(features.Shape, Is.EqualTo(new[] { count, 96, 64 }));
            Assert.That(labels.Shape, Is.EqualTo(new[] { count, 2 }));
            Assert.That(labels.Data, Has.All.Matches<double>(v => v is 0 or 1));
            Assert.That(features.Data, Has.All.Matches<double>(v => double.IsFinite(v) && v > -23.1 && v < 10));
            Assert.That(meta, Has.Length.EqualTo(count));
            foreach (JsonElement line in meta)
            {
                Assert.That(line.GetProperty("group").GetString(), Is.Not.Empty);
                Assert.That(line.GetProperty("file").GetString(), Is.Not.Empty);
                Assert.That(line.GetProperty("offset_s").GetDouble(), Is.GreaterThanOrEqualTo(0));
                Assert.That(line.GetProperty("kind").GetString(), Is.AnyOf("real", "augmented", "synthetic"));
                Assert.That(line.GetProperty("category").GetString(), Is.Not.Empty);
            }

            (int e, int a, int g, int n) = totals.GetValueOrDefault(split);
            for (int i = 0; i < count; i++)
            {
                bool alarm = labels.Data[2 * i] == 1, glass = labels.Data[(2 * i) + 1] == 1;
                (a, g, n) = (a + (alarm ? 1 : 0), g + (glass ? 1 : 0), n + (alarm || glass ? 0 : 1));
            }

            totals[split] = (e + count, a, g, n);
        }

        foreach ((string split, (int examples, int alarm, int glass, int none)) in totals)
        {
            JsonElement summary = Manifest().GetProperty("summary").GetProperty(split);
            Assert.That(summary.GetProperty("examples").GetInt32(), Is.EqualTo(examples), split);
            Assert.That(summary.GetProperty("labels").GetProperty("alarm").GetInt32(), Is.EqualTo(alarm), split);
            Assert.That(summary.GetProperty("labels").GetProperty("glass_break").GetInt32(), Is.EqualTo(glass), split);
            Assert.That(summary.GetProperty("labels").GetProperty("none").GetInt32(), Is.EqualTo(none), split);
        }

        Assert.That(totals["train"].Alarm, Is.GreaterThan(0));
        Assert.That(totals["train"].Glass, Is.GreaterThan(0));
    }

    [Test]
    public void No_source_group_appears_in_both_splits()
    {
        Dictionary<string, HashSet<string>> groups = Shards().GroupBy(s => s.Split)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => s.Meta).Select(m => m.GetProperty("group").GetString()!).ToHashSet());
        Assert.That(groups.Keys, Is.EquivalentTo(new[] { "train", "validation" }));
        Assert.That(groups["train"].Intersect(groups["validation"]), Is.Empty);

        // The mixed version of an event is in the same group as the event itself.
        var byFile = Shards().SelectMany(s => s.Meta.Select(m => (File: m.GetProperty("file").GetString()!, Group: m.GetProperty("group").GetString()!, s.Split)))
            .Where(x => x.File.StartsWith("glass_break/", StringComparison.Ordinal)).Distinct().ToList();
        foreach (var mixed in byFile.Where(x => x.File.Contains("aspinity_mixed", StringComparison.Ordinal)))
        {
            string eventFile = "glass_break/aspinity_events/" + Path.GetFileName(mixed.File)[..(Path.GetFileName(mixed.File).IndexOf("_a0", StringComparison.Ordinal))] + "_000.wav";
            Assert.That(byFile.Where(x => x.File == eventFile).Select(x => (x.Group, x.Split)), Has.All.EqualTo((mixed.Group, mixed.Split)));
        }
    }

    [Test]
    public void Weak_smoke_alarms_without_a_piezo_tone_are_dropped_and_kept_ones_give_only_positives()
    {
        JsonElement[] meta = [.. Shards().SelectMany(s => s.Meta)];
        Assert.That(meta.Select(m => m.GetProperty("file").GetString()), Has.None.EqualTo("audioset/alarm/yt_bell_B_0.000.wav"));

        List<(JsonElement Meta, bool Alarm)> piezo = [.. Shards().SelectMany(s => s.Meta.Select((m, i) => (m, s.Labels.Data[2 * i] == 1)))
            .Where(x => x.m.GetProperty("file").GetString() == "audioset/alarm/yt_piezo_A_30.000.wav")];
        Assert.That(piezo, Is.Not.Empty);
        Assert.That(piezo.Select(x => x.Alarm), Has.All.True);
        Assert.That(Manifest().GetProperty("build").GetProperty("weak_smoke_alarms_dropped").GetString(), Is.EqualTo("1"));
    }

    [Test]
    public void Every_kind_of_example_is_present()
    {
        string[] kinds = [.. Shards().SelectMany(s => s.Meta).Select(m => m.GetProperty("kind").GetString()!).Distinct()];
        Assert.That(kinds, Is.EquivalentTo(new[] { "real", "augmented", "synthetic" }));
        string[] synthetic = [.. Shards().SelectMany(s => s.Meta).Where(m => m.GetProperty("kind").GetString() == "synthetic").Select(m => m.GetProperty("category").GetString()!).Distinct()];
        Assert.That(synthetic, Is.SupersetOf(new[] { "smoke_t3", "smoke_fast", "co_t4", "smoke_lf520", "glass_break", "appliance_beeps", "ringtone", "doorbell", "music", "impacts" }), "one clip per class");
    }

    [Test]
    public void The_flac_recording_is_decoded_through_the_cache()
    {
        if (_data!.FlacPath is null)
        {
            Assert.Ignore("sox is not installed: no FLAC fixture.");
        }

        Assert.That(Shards().SelectMany(s => s.Meta).Select(m => m.GetProperty("file").GetString()), Has.Some.EqualTo(_data.FlacPath));
        Assert.That(Directory.GetFiles(_data.Scratch("cache"), "*.wav"), Has.Length.EqualTo(1));
    }

    [Test]
    public void Validation_files_lists_the_real_validation_recordings_with_labels_and_audio()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Output, "validation-files.txt"));
        Assert.That(lines[0], Is.EqualTo("path\tlabel\tweak\tgroup\taudio\tevents"));
        string[][] rows = [.. lines.Skip(1).Select(l => l.Split('\t'))];
        Assert.That(rows, Is.Not.Empty);
        Assert.That(rows, Has.All.Length.EqualTo(6));
        Assert.That(rows.Select(r => r[1]), Has.All.AnyOf("glass_break", "smoke_alarm", "none"));
        Assert.That(rows.Select(r => r[4]), Has.All.Matches<string>(File.Exists));

        HashSet<string> validationGroups = [.. Shards().Where(s => s.Split == "validation").SelectMany(s => s.Meta).Select(m => m.GetProperty("group").GetString()!)];
        HashSet<string> trainGroups = [.. Shards().Where(s => s.Split == "train").SelectMany(s => s.Meta).Select(m => m.GetProperty("group").GetString()!)];
        Assert.That(rows.Select(r => r[3]), Has.None.AnyOf(trainGroups.ToArray()));
        Assert.That(rows.Select(r => r[3]).Where(validationGroups.Contains), Is.Not.Empty);
        Assert.That(rows.Where(r => r[1] == "glass_break").Select(r => r[5]), Has.All.StartWith("glass_break "));
    }

    [Test]
    public void The_same_seed_gives_byte_identical_output()
    {
        string again = _data!.Scratch("again");
        (int code, _, string stderr) = Run(again);
        Assert.That(code, Is.Zero, stderr);
        string[] names = [.. Directory.GetFiles(Output).Select(Path.GetFileName).Order()!];
        Assert.That(Directory.GetFiles(again).Select(Path.GetFileName).Order(), Is.EqualTo(names));
        foreach (string name in names)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(again, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(Output, name))), name);
        }
    }

    [Test]
    public void Missing_data_directory_is_one_line_and_exit_66()
    {
        var stderr = new StringWriter();
        int code = Program.Run(["--data", "/nonexistent/data", "--out", _data!.Scratch("x")], new StringWriter(), stderr);
        Assert.That(code, Is.EqualTo(66));
        Assert.That(stderr.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr.ToString(), Does.StartWith("audioedge-dataset: data directory /nonexistent/data does not exist"));
    }

    [Test]
    public void Missing_labels_csv_is_one_line_and_exit_66()
    {
        string empty = _data!.Scratch("empty-data");
        Directory.CreateDirectory(empty);
        var stderr = new StringWriter();
        int code = Program.Run(["--data", empty, "--out", _data.Scratch("y")], new StringWriter(), stderr);
        Assert.That(code, Is.EqualTo(66));
        Assert.That(stderr.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr.ToString(), Does.Contain("labels.csv does not exist"));
    }

    [Test]
    public void An_unwritable_output_is_one_line_and_exit_73()
    {
        string file = _data!.Scratch("a-file");
        File.WriteAllText(file, "not a directory");
        var stderr = new StringWriter();
        int code = Program.Run(["--data", _data.DataDirectory, "--out", Path.Combine(file, "out"), "--cache", _data.Scratch("cache")], new StringWriter(), stderr);
        Assert.That(code, Is.EqualTo(73));
        Assert.That(stderr.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr.ToString(), Does.StartWith("audioedge-dataset: cannot write to"));
    }

    [Test]
    public void Bad_options_are_a_usage_error()
    {
        var stderr = new StringWriter();
        Assert.That(Program.Run(["--data", "d"], new StringWriter(), stderr), Is.EqualTo(64), "--out is required");
        Assert.That(Program.Run(["--data", _data!.DataDirectory, "--out", _data.Scratch("z"), "--hop-frames", "0"], new StringWriter(), stderr), Is.EqualTo(64));
        var fold = new StringWriter();
        Assert.That(Program.Run(["--data", _data.DataDirectory, "--out", _data.Scratch("f"), "--validation-fold", "5"], new StringWriter(), fold), Is.EqualTo(64));
        Assert.That(fold.ToString().Trim(), Does.Contain("--validation-fold 5 must be within 0..4").And.Not.Contain("\n"));
    }

    [Test]
    public void A_failed_build_leaves_no_manifest_and_no_temporary_files()
    {
        string data = _data!.Scratch("broken-data");
        CopyDirectory(_data.DataDirectory, data);
        File.WriteAllText(Path.Combine(data, "kitchen20/cutlery/1-5002-A-3.wav"), "RIFF but not really a WAV file");
        string output = _data.Scratch("broken-out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "manifest.json"), "{ \"stale\": true }");
        File.WriteAllText(Path.Combine(output, "train-0000.features.npy"), "stale");

        var stderr = new StringWriter();
        int code = Program.Run(["--data", data, "--out", output, "--cache", _data.Scratch("cache"), "--synthetic-per-class", "0", "--skip-speech", "--shard-size", "5"], new StringWriter(), stderr);

        Assert.That(code, Is.EqualTo(65), stderr.ToString());
        Assert.That(stderr.ToString(), Does.Contain("1-5002-A-3.wav"));
        string[] left = [.. Directory.GetFiles(output).Select(Path.GetFileName)!];
        Assert.That(left, Has.None.EqualTo("manifest.json"), "a directory without a manifest is not a dataset");
        Assert.That(left, Has.None.Contains(".tmp-"));
        foreach (string npy in left.Where(n => n!.EndsWith(".npy", StringComparison.Ordinal)))
        {
            Assert.That(() => NpyReader.ReadFile(Path.Combine(output, npy!)), Throws.Nothing, $"{npy} is whole");
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
