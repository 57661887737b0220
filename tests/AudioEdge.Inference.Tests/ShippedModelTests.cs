using AudioEdge.Testing;
namespace AudioEdge.Inference.Tests;

/// <summary>The model committed in models/: it loads, its checksums hold, and its int8 file really runs integer kernels.</summary>
[TestFixture]
public sealed class ShippedModelTests
{
    private static string Manifest => Path.Combine(RepositoryPaths.Root, "models", "manifest.json");

    [Test]
    public void Both_variants_load_verify_and_score([Values("int8", "fp32")] string variant)
    {
        ModelPackage package = ModelPackage.Load(Manifest, variant);
        using OnnxWindowScorer scorer = package.CreateScorer();
        var window = new float[scorer.WindowFrames * scorer.Bands];
        Array.Fill(window, -12f);
        var scores = new float[scorer.Labels.Count];
        scorer.Score(window, scores);

        Assert.That(scorer.Labels, Is.EqualTo(new[] { "alarm", "glass_break" }));
        Assert.That(scores, Is.All.InRange(0f, 0.5f), "near-silence is neither an alarm nor a break");
    }

    /// <summary>
    /// ORT's optimized graph of the shipped int8 model. Measured on audioedge-cnn 0.1.0: conv1-3 run as QLinearConv and
    /// both dense layers as QGemm, but conv4 (whose output feeds the mean/max pooling through a DequantizeLinear) stays
    /// a float Conv on dequantized weights — a known gap in the exporter (MODEL_CARD.md). The test pins that state so it
    /// can only get better: more float convolutions, or fewer integer kernels, fail it.
    /// </summary>
    [Test]
    public void The_int8_model_runs_integer_convolutions_in_onnx_runtime()
    {
        ModelPackage package = ModelPackage.Load(Manifest, "int8");
        string optimized = Path.Combine(Path.GetTempPath(), $"shipped_int8.optimized.{Guid.NewGuid():N}.onnx");
        try
        {
            IReadOnlyList<OnnxGraphNode> nodes = OnnxModelInspector.WriteOptimizedModel(package.ModelPath, optimized);
            string[] ops = [.. nodes.Select(n => n.OpType)];
            TestContext.Out.WriteLine("shipped int8 optimized graph: " + string.Join(", ", ops));

            Assert.That(ops.Count(o => o == "QLinearConv"), Is.GreaterThanOrEqualTo(3), "integer convolutions");
            Assert.That(ops.Count(o => o == "QGemm"), Is.GreaterThanOrEqualTo(2), "integer dense layers");
            Assert.That(ops.Count(o => o is "Conv" or "FusedConv"), Is.LessThanOrEqualTo(1), "float convolutions left");
        }
        finally
        {
            File.Delete(optimized);
        }
    }
}
