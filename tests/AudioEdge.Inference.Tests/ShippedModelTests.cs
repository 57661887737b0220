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
    /// ORT's optimized graph of the shipped int8 model: every convolution runs as QLinearConv and both dense layers as
    /// QGemm; no float Conv is left. (Up to audioedge-cnn 0.1.0 conv4 stayed a float Conv: its int8 output pair feeds
    /// both time poolings, and ORT's x86 int8-to-uint8 rewrite, which the QLinearConv fusion needs there, only takes a
    /// QuantizeLinear with a single DequantizeLinear. The exporter now writes uint8 activations itself.)
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

            int convolutions = OnnxModelInspector.ReadNodes(package.ModelPath).Count(n => n.OpType == "Conv");
            Assert.That(convolutions, Is.EqualTo(4), "the shipped network has four convolutions");
            Assert.That(ops.Count(o => o == "QLinearConv"), Is.EqualTo(convolutions), "integer convolutions");
            Assert.That(ops.Count(o => o == "QGemm"), Is.EqualTo(2), "integer dense layers");
            Assert.That(ops.Count(o => o is "Conv" or "FusedConv"), Is.Zero, "float convolutions left");
        }
        finally
        {
            File.Delete(optimized);
        }
    }
}
