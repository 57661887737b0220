using AudioEdge.Testing;
using System.Diagnostics;
using AudioEdge.Inference;

namespace AudioEdge.DatasetBuilder.Tests;

/// <summary>
/// The documented retraining chain end to end on tiny data, in seconds: the C# dataset builder writes shards from a
/// generated data folder; tools/train/train.py (Debian's python3-torch) trains, folds, exports fp32, calibrates and
/// exports int8 QDQ, evaluates and writes the model manifest; the C# runtime then loads and verifies that manifest and
/// scores a window with both variants. A change on either side of the shard or model contract breaks this test.
/// </summary>
[NonParallelizable]
public class RetrainingPipelineTests
{
    [Test]
    public void Dataset_then_training_then_the_runtime_loads_both_variants()
    {
        using var data = new TestDataSet();
        string shards = data.Scratch("shards");
        string model = data.Scratch("model");
        int built = Program.Run(
            ["--data", data.DataDirectory, "--out", shards, "--cache", data.Scratch("cache"), "--synthetic-per-class", "2", "--augment-per-positive", "1", "--skip-speech", "--seed", "5"],
            TextWriter.Null,
            TextWriter.Null);
        Assert.That(built, Is.Zero, "dataset builder");

        (int exit, string output) = RunTrainer("--smoke", "--shards", shards, "--out", model, "--seed", "1");
        Assert.That(exit, Is.Zero, output);

        foreach (string variant in new[] { "int8", "fp32" })
        {
            ModelPackage package = ModelPackage.Load(Path.Combine(model, "manifest.json"), variant);
            using OnnxWindowScorer scorer = package.CreateScorer();
            Assert.That(scorer.Labels, Is.EqualTo(new[] { "alarm", "glass_break" }));
            var window = new float[scorer.WindowFrames * scorer.Bands];
            Array.Fill(window, -10f);
            var scores = new float[2];
            scorer.Score(window, scores);
            Assert.That(scores, Is.All.InRange(0f, 1f), variant);
        }
    }

    private static (int ExitCode, string Output) RunTrainer(params string[] args)
    {
        string train = Path.Combine(RepositoryPaths.Root, "tools", "train", "train.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(train);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("train.py --smoke did not finish within 3 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
