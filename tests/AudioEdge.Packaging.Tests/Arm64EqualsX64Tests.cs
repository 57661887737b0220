using System.Text.Json;

namespace AudioEdge.Packaging.Tests;

/// <summary>
/// The arm64 package's program, run under qemu-aarch64 user emulation (tools/ci/qemu-arm64.sh --fake-cpuinfo: ONNX
/// Runtime needs an ARM /proc/cpuinfo; needs root), detects exactly what the amd64 package's program detects on the
/// same recordings: the same events (file, label, start, end, detected_at, model) with confidences within 1e-3,
/// and the same per-window scores (--frames): fp32 within 1e-3 (identical at the 4 printed decimals when this was
/// written), int8 within 1e-2 (measured: 106 of 1100 window scores differ, by at most 0.0025; ONNX Runtime's int8
/// kernels differ between x64 and ARM NEON, and an int8 rounding step moves a score by a few 1e-3). About 58 s of audio: synthesised T3, T4, continuous
/// alarms and noise, and the demo's recording (smoke alarm and glass break in household noise).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class Arm64EqualsX64Tests
{
    private const double ScoreTolerance = 1e-3;
    private const double Int8WindowScoreTolerance = 1e-2;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private string recordings = string.Empty;
    private string[] files = [];

    [OneTimeSetUp]
    public void GenerateRecordings()
    {
        recordings = Path.Combine(Path.GetTempPath(), $"audioedge-recordings-{Environment.ProcessId}");
        Directory.CreateDirectory(recordings);
        string program = X64Program;
        Tool.Check(program, ["synth", "t3", "--seconds", "12", "--seed", "1", "-o", "t3.wav"], Timeout, recordings);
        Tool.Check(program, ["synth", "t4", "--seconds", "12", "--seed", "2", "-o", "t4.wav"], Timeout, recordings);
        Tool.Check(program, ["synth", "continuous", "--seconds", "6", "--seed", "3", "-o", "continuous.wav"], Timeout, recordings);
        Tool.Check(program, ["synth", "noise", "--seconds", "4", "--seed", "4", "-o", "noise.wav"], Timeout, recordings);
        Tool.Check(program, ["demo", "--save-recording", "demo.wav"], Timeout, recordings);
        files = ["t3.wav", "t4.wav", "continuous.wav", "noise.wav", "demo.wav"];
    }

    [OneTimeTearDown]
    public void DeleteRecordings()
    {
        if (Directory.Exists(recordings))
        {
            Directory.Delete(recordings, recursive: true);
        }
    }

    private static string X64Program => Packages.Program("amd64");

    private static string Arm64Program => Packages.Program("arm64");

    [TestCase("int8")]
    [TestCase("fp32")]
    public void Arm64EventsAndScoresEqualX64(string variant)
    {
        string[] arguments = ["classify", "--format", "jsonl", "--frames", "--variant", variant, .. files];
        ToolResult x64 = Tool.Check(X64Program, arguments, Timeout, recordings);
        ToolResult arm64 = Tool.Check("bash", [Path.Combine(RepositoryPathsRoot, "tools", "ci", "qemu-arm64.sh"), "--fake-cpuinfo", Arm64Program, .. arguments],
            Timeout, recordings);

        var (x64Events, x64Frames) = Parse(x64.Output);
        var (armEvents, armFrames) = Parse(arm64.Output);
        TestContext.Out.WriteLine($"{variant}: x64 {x64Events.Count} events, {x64Frames.Count} windows; arm64 {armEvents.Count} events, {armFrames.Count} windows");
        foreach (JsonElement e in x64Events)
        {
            TestContext.Out.WriteLine("  x64:   " + e.GetRawText());
        }

        foreach (JsonElement e in armEvents)
        {
            TestContext.Out.WriteLine("  arm64: " + e.GetRawText());
        }

        Assert.That(x64Events, Is.Not.Empty, "the x64 build detected nothing: the comparison would prove nothing");
        Assert.That(x64Frames, Has.Count.GreaterThan(400), "per-window scores for about 58 s of audio");
        Assert.That(armEvents, Has.Count.EqualTo(x64Events.Count), "event count");
        Assert.That(armFrames, Has.Count.EqualTo(x64Frames.Count), "window count");

        double windowTolerance = (variant == "int8" ? Int8WindowScoreTolerance : ScoreTolerance) + 1e-9; // the printed scores have 4 decimals
        double worstEvent = 0, worstFrame = 0;
        using (Assert.EnterMultipleScope())
        {
            for (int i = 0; i < x64Events.Count; i++)
            {
                JsonElement a = x64Events[i], b = armEvents[i];
                foreach (string field in new[] { "file", "label", "start", "end", "detected_at", "model" })
                {
                    Assert.That(b.GetProperty(field).GetRawText(), Is.EqualTo(a.GetProperty(field).GetRawText()), $"event {i} {field}");
                }

                double delta = Math.Abs(a.GetProperty("confidence").GetDouble() - b.GetProperty("confidence").GetDouble());
                worstEvent = Math.Max(worstEvent, delta);
                Assert.That(delta, Is.LessThanOrEqualTo(ScoreTolerance + 1e-9), $"event {i} confidence");
            }

            for (int i = 0; i < x64Frames.Count; i++)
            {
                JsonElement a = x64Frames[i], b = armFrames[i];
                Assert.That(b.GetProperty("file").GetString(), Is.EqualTo(a.GetProperty("file").GetString()), $"window {i} file");
                Assert.That(b.GetProperty("time").GetDouble(), Is.EqualTo(a.GetProperty("time").GetDouble()), $"window {i} time");
                foreach (JsonProperty score in a.GetProperty("scores").EnumerateObject())
                {
                    double delta = Math.Abs(score.Value.GetDouble() - b.GetProperty("scores").GetProperty(score.Name).GetDouble());
                    worstFrame = Math.Max(worstFrame, delta);
                    Assert.That(delta, Is.LessThanOrEqualTo(windowTolerance), $"window {i} ({a.GetProperty("file").GetString()} t={a.GetProperty("time").GetDouble()}) {score.Name}");
                }
            }
        }

        TestContext.Out.WriteLine($"largest difference: event confidence {worstEvent}, window score {worstFrame}");
    }

    private static string RepositoryPathsRoot => AudioEdge.Testing.RepositoryPaths.Root;

    private static (List<JsonElement> Events, List<JsonElement> Frames) Parse(string jsonl)
    {
        var events = new List<JsonElement>();
        var frames = new List<JsonElement>();
        foreach (string line in jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            JsonElement element = JsonDocument.Parse(line).RootElement.Clone();
            Assert.That(element.TryGetProperty("error", out _), Is.False, line);
            (element.TryGetProperty("scores", out _) ? frames : events).Add(element);
        }

        return (events, frames);
    }
}
