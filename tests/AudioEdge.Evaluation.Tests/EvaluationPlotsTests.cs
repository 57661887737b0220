namespace AudioEdge.Evaluation.Tests;

[TestFixture]
public sealed class EvaluationPlotsTests
{
    [Test]
    public void Writes_a_precision_recall_png_and_a_timeline_png()
    {
        string dir = Directory.CreateTempSubdirectory("eval-plots").FullName;
        try
        {
            var curve = PrecisionRecallCurve.Compute([0.9, 0.8, 0.3, 0.2], [true, true, false, true]);
            EvaluationPlots.SavePrecisionRecall(
                Path.Combine(dir, "pr.png"),
                new Dictionary<string, PrecisionRecallCurve> { ["alarm"] = curve },
                new Dictionary<string, double> { ["alarm"] = 0.5 },
                "test");
            EvaluationPlots.SaveScoreTimeline(
                Path.Combine(dir, "timeline.png"),
                "miss",
                [0.0, 0.1, 0.2],
                new Dictionary<string, double[]> { ["alarm"] = [0.1, 0.7, 0.2] },
                new Dictionary<string, double> { ["alarm"] = 0.5 },
                [(0.05, 0.15, "expected smoke_alarm")]);

            foreach (string file in new[] { "pr.png", "timeline.png" })
            {
                byte[] png = File.ReadAllBytes(Path.Combine(dir, file));
                Assert.That(png.Take(4).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), file);
                Assert.That(png, Has.Length.GreaterThan(2000), file);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
