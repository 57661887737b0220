using System.Text.Json;

namespace AudioEdge.Packaging.Tests;

/// <summary>`audioedge bench` run by the packaged (NativeAOT) program: what QA runs on the board.</summary>
public sealed class PackagedBenchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Test]
    public void HotPathAllocatesNothingPerBlockInTheNativeAotBuild()
    {
        // The JIT build's zero-allocation hot path is proven by BenchmarkDotNet and the unit tests; NativeAOT compiles
        // library code differently (Span<float>.Sort built a comparison delegate per call there, ~1 KB per block),
        // so the shipped program is measured itself. Per block: 10 frames and one inference. Events are the only
        // objects a block may create (two or three in 20 s of the bench's audio, a few hundred bytes each).
        string program = Packages.Program("amd64");
        ToolResult bench = Tool.Check(program, ["bench", "--seconds", "20", "--mode", "flat", "--json"], Timeout);
        using JsonDocument report = JsonDocument.Parse(bench.Output);
        JsonElement[] runs = [.. report.RootElement.GetProperty("runs").EnumerateArray()];
        Assert.That(runs, Has.Length.EqualTo(2), "int8 and fp32");
        Assert.Multiple(() =>
        {
            foreach (JsonElement run in runs)
            {
                long blocks = run.GetProperty("blocks").GetInt64();
                long allocated = run.GetProperty("allocated_bytes").GetInt64();
                TestContext.Out.WriteLine($"{run.GetProperty("variant").GetString()}: {allocated} B over {blocks} blocks, {run.GetProperty("events").GetInt32()} events");
                Assert.That(blocks, Is.EqualTo(200));
                Assert.That(allocated / (double)blocks, Is.LessThan(50), $"{run.GetProperty("variant").GetString()}: bytes allocated per block");
            }
        });
    }
}
