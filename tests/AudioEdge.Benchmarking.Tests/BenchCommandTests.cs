using System.Text.Json;
using AudioEdge.Cli;

namespace AudioEdge.Benchmarking.Tests;

/// <summary>`audioedge bench` through the CLI's entry point: exit codes, the one-line usage errors, the JSON contract, the soak.</summary>
[NonParallelizable]
public class BenchCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = Program.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string[] Short(params string[] extra) =>
        ["bench", "--seconds", "0.5", "--mode", "flat", "--variant", "fp32", "--model", BenchRunnerTests.Manifest, .. extra];

    [Test]
    public void Over_budget_exits_1_and_within_budget_exits_0()
    {
        (int over, _, _) = Run(Short("--budget-ms", "0.000001", "--json"));
        (int within, string table, _) = Run(Short("--budget-ms", "1000000000"));
        Assert.Multiple(() =>
        {
            Assert.That(over, Is.EqualTo(1));
            Assert.That(within, Is.EqualTo(0));
            Assert.That(table, Does.Contain("Latency per 100 ms block").And.Contain("end to end").And.Contain("PASS"));
        });
    }

    [Test]
    public void Json_output_is_one_document_with_the_documented_schema()
    {
        (int exit, string stdout, string stderr) = Run(Short("--json"));
        Assert.That(exit, Is.EqualTo(0), stderr);
        using JsonDocument json = JsonDocument.Parse(stdout); // throws if anything else is on stdout
        JsonElement root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("audioedge-bench/1"));
            Assert.That(root.GetProperty("model").GetString(), Is.EqualTo(BenchRunnerTests.ModelName));
            Assert.That(root.GetProperty("settings").GetProperty("budget_ms").GetDouble(), Is.EqualTo(200));
            JsonElement hw = root.GetProperty("hardware");
            foreach (string key in new[] { "architecture", "cpu_model", "board", "cores", "adv_simd", "dot_product", "avx2", "vnni", "runtime_intrinsics" })
            {
                Assert.That(hw.TryGetProperty(key, out _), Is.True, key);
            }

            JsonElement startup = root.GetProperty("startup")[0];
            Assert.That(startup.GetProperty("variant").GetString(), Is.EqualTo("fp32"));
            Assert.That(startup.GetProperty("first_score_ms").GetDouble(), Is.GreaterThan(0));

            JsonElement run = root.GetProperty("runs")[0];
            Assert.That(root.GetProperty("runs").GetArrayLength(), Is.EqualTo(1));
            Assert.That(run.GetProperty("variant").GetString(), Is.EqualTo("fp32"));
            Assert.That(run.GetProperty("mode").GetString(), Is.EqualTo("flat"));
            Assert.That(run.GetProperty("real_time_factor").GetDouble(), Is.GreaterThan(0));
            foreach (string key in new[] { "cpu_percent", "peak_rss_mb", "rss_mb", "managed_heap_mb", "late_blocks", "events", "thermal_before", "thermal_after" })
            {
                Assert.That(run.TryGetProperty(key, out _), Is.True, key);
            }

            foreach (string stage in new[] { "front_end", "inference", "detection", "end_to_end" })
            {
                JsonElement s = run.GetProperty("latency_ms").GetProperty(stage);
                double[] values = [.. new[] { "p50", "p95", "p99", "max" }.Select(k => s.GetProperty(k).GetDouble())];
                Assert.That(values, Is.Ordered, stage);
            }

            JsonElement verdict = root.GetProperty("verdict");
            Assert.That(verdict.GetProperty("within_budget").GetBoolean(), Is.True);
            Assert.That(verdict.GetProperty("exit_code").GetInt32(), Is.Zero);
            Assert.That(verdict.GetProperty("soak_passed").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [TestCase("--seconds", "-1")]
    [TestCase("--seconds", "abc")]
    [TestCase("--mode", "sideways")]
    [TestCase("--variant", "int4")]
    [TestCase("--budget-ms", "0")]
    [TestCase("--soak", "-2")]
    public void Bad_arguments_are_one_line_and_exit_64(string option, string value)
    {
        (int exit, string stdout, string stderr) = Run("bench", option, value);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(64));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr.TrimEnd('\n', '\r').Split('\n'), Has.Length.EqualTo(1), stderr);
        });
    }

    [Test]
    public void A_missing_model_exits_78()
    {
        (int exit, _, string stderr) = Run("bench", "--seconds", "0.5", "--model", Path.Combine(Path.GetTempPath(), "no-such-model", "manifest.json"));
        Assert.That(exit, Is.EqualTo(78), stderr);
    }

    [Test]
    public void A_short_soak_samples_memory_every_simulated_minute()
    {
        // 0.05 h = 3 minutes of audio, flat out: four samples (minutes 0, 1, 2 and the end).
        (int exit, string stdout, string stderr) = Run(Short("--soak", "0.05", "--json"));
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement run = json.RootElement.GetProperty("runs")[0];
        JsonElement soak = run.GetProperty("soak");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.AnyOf(0, 2), stderr);
            Assert.That(run.GetProperty("audio_seconds").GetDouble(), Is.EqualTo(180));
            Assert.That(soak.GetProperty("samples").GetInt32(), Is.EqualTo(4));
            Assert.That(soak.GetProperty("series").GetArrayLength(), Is.EqualTo(4));
            Assert.That(soak.GetProperty("threshold_mb").GetDouble(), Is.EqualTo(10));
            Assert.That(json.RootElement.GetProperty("settings").GetProperty("soak_hours").GetDouble(), Is.EqualTo(0.05));
        });
    }
}
