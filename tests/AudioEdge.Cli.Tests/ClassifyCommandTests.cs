using System.Diagnostics;
using System.Text.Json;
using AudioEdge.Testing;

namespace AudioEdge.Cli.Tests;

/// <summary>The exact stdout contract of <c>audioedge classify</c>, and its failures.</summary>
[TestFixture]
public sealed class ClassifyCommandTests
{
    private static readonly string[] EventKeys = ["file", "label", "start", "end", "confidence", "detected_at", "model"];

    [Test]
    public void Jsonl_is_one_event_object_per_line_with_exact_keys_and_types()
    {
        using var dir = new TempDirectory();
        string t3 = Synth(dir, "t3", 12), t4 = Synth(dir, "t4", 12), noise = Synth(dir, "noise", 5);

        CliRun run = CliRun.Invoke("classify", "--model", ClassifyFixture.Manifest, t3, t4, noise);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Error, Is.Empty);
        List<JsonElement> lines = ParseLines(run.Output);
        Assert.That(lines, Has.Count.EqualTo(2), run.Output);
        foreach (JsonElement line in lines)
        {
            Assert.That(line.EnumerateObject().Select(p => p.Name), Is.EqualTo(EventKeys), "exactly these keys, in this order");
            Assert.That(line.GetProperty("file").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(line.GetProperty("label").GetString(), Is.AnyOf("smoke_alarm", "co_alarm", "glass_break"));
            foreach (string number in new[] { "start", "end", "confidence", "detected_at" })
            {
                Assert.That(line.GetProperty(number).ValueKind, Is.EqualTo(JsonValueKind.Number), number);
            }

            Assert.That(line.GetProperty("confidence").GetDouble(), Is.InRange(0, 1));
            Assert.That(line.GetProperty("end").GetDouble(), Is.GreaterThanOrEqualTo(line.GetProperty("start").GetDouble()));
            Assert.That(line.GetProperty("detected_at").GetDouble(), Is.GreaterThanOrEqualTo(line.GetProperty("start").GetDouble()));
            Assert.That(line.GetProperty("model").GetString(), Is.EqualTo("tiny-fixture@0.0.1"));
        }

        Assert.That(lines[0].GetProperty("file").GetString(), Is.EqualTo(t3), "the path as given");
        Assert.That(lines[0].GetProperty("label").GetString(), Is.EqualTo("smoke_alarm"));
        Assert.That(lines[0].GetProperty("detected_at").GetDouble(), Is.LessThanOrEqualTo(3.0));
        Assert.That(lines[1].GetProperty("file").GetString(), Is.EqualTo(t4));
        Assert.That(lines[1].GetProperty("label").GetString(), Is.EqualTo("co_alarm"));
    }

    [Test]
    public void A_file_that_cannot_be_read_is_an_error_object_and_the_others_are_still_processed()
    {
        using var dir = new TempDirectory();
        string t3 = Synth(dir, "t3", 8);
        string missing = dir.File("missing.wav");
        string bad = dir.File("bad.wav");
        File.WriteAllText(bad, "not audio at all");

        CliRun run = CliRun.Invoke("classify", "--model", ClassifyFixture.Manifest, missing, t3, bad);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.NoInput), "non-zero: the first failure's code");
        List<JsonElement> lines = ParseLines(run.Output);
        Assert.That(lines, Has.Count.EqualTo(3), run.Output);
        Assert.That(lines[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "file", "error" }));
        Assert.That(lines[0].GetProperty("file").GetString(), Is.EqualTo(missing));
        Assert.That(lines[0].GetProperty("error").GetString(), Does.Contain("no such file"));
        Assert.That(lines[1].GetProperty("label").GetString(), Is.EqualTo("smoke_alarm"), "processed after the failure");
        Assert.That(lines[2].GetProperty("file").GetString(), Is.EqualTo(bad));
        Assert.That(lines[2].GetProperty("error").GetString(), Does.Contain("not a RIFF file"));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(2), "one stderr line per failed file");
    }

    [Test]
    public void A_flac_recording_is_classified_like_the_wav_it_was_made_from_and_one_sox_cannot_read_is_an_error_object()
    {
        using var dir = new TempDirectory();
        string t3 = Synth(dir, "t3", 8);
        string flac = dir.File("t3 copy.flac"), notFlac = dir.File("text.flac");
        SoxConvert.Run(t3, flac);
        File.WriteAllText(notFlac, "not audio at all");

        CliRun run = CliRun.Invoke("classify", "--model", ClassifyFixture.Manifest, t3, notFlac, flac);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DataError), run.Error);
        List<JsonElement> lines = ParseLines(run.Output);
        Assert.That(lines.Select(l => l.GetProperty("file").GetString()), Is.EqualTo(new[] { t3, notFlac, flac }), run.Output);
        Assert.That(lines[1].GetProperty("error").GetString(), Does.StartWith($"{notFlac}: sox cannot decode it"));
        Assert.That(lines[2].ToString(), Is.EqualTo(lines[0].ToString().Replace(JsonEncodedText.Encode(t3).ToString(), JsonEncodedText.Encode(flac).ToString(), StringComparison.Ordinal)),
            "FLAC is lossless: the same event to the millisecond");
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
    }

    [Test]
    public void An_ogg_vorbis_recording_of_an_alarm_is_found_by_the_shipped_model()
    {
        // Lossy: the tiny fixture model keys on the faint noise floor Vorbis drops, so this needs the real model.
        using var dir = new TempDirectory();
        string t3 = Synth(dir, "t3", 8), ogg = dir.File("t3.ogg");
        SoxConvert.Run(t3, ogg);

        CliRun run = CliRun.Invoke("classify", ogg);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        JsonElement line = ParseLines(run.Output).Single();
        Assert.That(line.GetProperty("label").GetString(), Is.EqualTo("smoke_alarm"));
        Assert.That(line.GetProperty("detected_at").GetDouble(), Is.LessThanOrEqualTo(3.0));
    }

    [Test]
    public void Only_invalid_audio_exits_65()
    {
        using var dir = new TempDirectory();
        string bad = dir.File("bad.wav");
        File.WriteAllText(bad, "RIFF");

        CliRun run = CliRun.Invoke("classify", "--model", ClassifyFixture.Manifest, bad);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DataError));
        Assert.That(ParseLines(run.Output).Single().GetProperty("error").GetString(), Does.StartWith(bad));
    }

    [Test]
    public void Frames_adds_one_score_line_per_window()
    {
        using var dir = new TempDirectory();
        string noise = Synth(dir, "noise", 3);

        CliRun run = CliRun.Invoke("classify", "--model", ClassifyFixture.Manifest, "--frames", noise);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        List<JsonElement> lines = ParseLines(run.Output);
        // 3 s = 298 frames between the 1 s lead-in (100 frames of the file's background) and the 0.5 s lead-out
        // (50): the windows ending at the file's frames 9, 19, …, 289 and at the lead-out's 1, 11, …, 41.
        Assert.That(lines, Has.Count.EqualTo(34));
        double previous = 0;
        foreach (JsonElement line in lines)
        {
            Assert.That(line.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "file", "time", "scores" }));
            Assert.That(line.GetProperty("scores").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "alarm", "glass_break" }));
            Assert.That(line.GetProperty("scores").EnumerateObject().Select(p => p.Value.GetDouble()), Has.All.InRange(0, 1));
            double time = line.GetProperty("time").GetDouble();
            Assert.That(time, Is.GreaterThan(previous));
            previous = time;
        }

        Assert.That(lines[0].GetProperty("time").GetDouble(), Is.EqualTo(0.103));
        Assert.That(lines[9].GetProperty("time").GetDouble(), Is.EqualTo(1.002), "the same grid as the daemon's windows");
        Assert.That(lines[^1].GetProperty("time").GetDouble(), Is.EqualTo(3.402));
    }

    [Test]
    public void A_checksum_mismatch_is_one_line_and_exit_78_before_any_file()
    {
        using var dir = new TempDirectory();
        string manifest = ClassifyFixture.CopyTo(dir);
        string model = Path.Combine(Path.GetDirectoryName(manifest)!, "tiny_int8.onnx");
        File.AppendAllText(model, "tampered");
        string t3 = Synth(dir, "t3", 4);

        CliRun run = CliRun.Invoke("classify", "--model", manifest, t3);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Config));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.StartWith("audioedge: ").And.Contain("tiny_int8.onnx: checksum mismatch"));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void A_front_end_mismatch_is_one_line_naming_the_parameter_and_exit_78()
    {
        using var dir = new TempDirectory();
        string manifest = ClassifyFixture.CopyTo(dir);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("mels=64", "mels=40", StringComparison.Ordinal));

        CliRun run = CliRun.Invoke("classify", "--model", manifest, Synth(dir, "noise", 1));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Config));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain("mels: model 40, runtime 64"));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void A_missing_model_says_where_it_looked()
    {
        using var dir = new TempDirectory();
        CliRun run = CliRun.Invoke("classify", "--model", dir.File("nowhere/manifest.json"), Synth(dir, "noise", 1));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Config));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain($"no model at {dir.File("nowhere/manifest.json")}"));

        // Without --model: models/manifest.json beside the program (the build copies the repository's models/ there).
        string defaultManifest = Path.Combine(AppContext.BaseDirectory, "models", "manifest.json");
        CliRun byDefault = CliRun.Invoke("classify", Synth(dir, "noise2", 1));
        if (File.Exists(defaultManifest))
        {
            Assert.That(byDefault.ExitCode, Is.Zero, "a trained model is installed: " + byDefault.Error);
        }
        else
        {
            Assert.That(byDefault.ExitCode, Is.EqualTo(ExitCodes.Config));
            Assert.That(byDefault.Error, Does.Contain($"no model at {defaultManifest}").And.Contain("--model"));
        }
    }

    [Test]
    public void The_table_format_is_for_people_and_refuses_frames()
    {
        using var dir = new TempDirectory();
        string t4 = Synth(dir, "t4", 8);

        CliRun run = CliRun.Invoke("classify", "--model", ClassifyFixture.Manifest, "--format", "table", t4, dir.File("gone.wav"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.NoInput));
        Assert.That(run.Output, Does.Contain("co_alarm").And.Contain("Detected at").And.Contain("1 event in 2 files, 1 failed (model tiny-fixture@0.0.1)"));
        Assert.That(run.Output, Does.Not.Contain("\u001b["), "no colour codes when not at a terminal");

        CliRun frames = CliRun.Invoke("classify", "--model", ClassifyFixture.Manifest, "--format", "table", "--frames", t4);
        Assert.That(frames.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(frames.Error, Does.Contain("--frames needs --format jsonl"));
    }

    [Test]
    public void Usage_errors_and_help()
    {
        Assert.That(CliRun.Invoke("classify", "--help").Output, Does.Contain("--model").And.Contain("--format").And.Contain("--frames"));
        Assert.That(CliRun.Invoke("classify").ExitCode, Is.EqualTo(ExitCodes.Usage), "a file is required");
        Assert.That(CliRun.Invoke("classify", "--format", "xml", "a.wav").ExitCode, Is.EqualTo(ExitCodes.Usage));
    }

    /// <summary>The real process with stdout redirected, as a pipeline into jq sees it: JSON lines by default, nothing else.</summary>
    [Test]
    public void As_a_process_with_stdout_redirected_the_default_is_jsonl_only()
    {
        using var dir = new TempDirectory();
        string t3 = Synth(dir, "t3", 8);
        string cli = Path.Combine(TestContext.CurrentContext.TestDirectory, "audioedge.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { cli, "classify", "--model", ClassifyFixture.Manifest, t3, dir.File("absent.wav") })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        Assert.That(process.WaitForExit(60_000), Is.True);

        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.NoInput), stderr);
        List<JsonElement> lines = ParseLines(stdout);
        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines[0].GetProperty("label").GetString(), Is.EqualTo("smoke_alarm"));
        Assert.That(lines[1].GetProperty("error").GetString(), Does.Contain("no such file"));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), stderr);
    }

    private static string Synth(TempDirectory dir, string pattern, double seconds)
    {
        string path = dir.File($"{pattern}.wav");
        CliRun.Synth(pattern.TrimEnd('2'), path, seconds);
        return path;
    }

    /// <summary>Every stdout line must be one JSON object.</summary>
    private static List<JsonElement> ParseLines(string output)
    {
        var lines = new List<JsonElement>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using JsonDocument document = JsonDocument.Parse(line);
            Assert.That(document.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object), line);
            lines.Add(document.RootElement.Clone());
        }

        return lines;
    }
}
