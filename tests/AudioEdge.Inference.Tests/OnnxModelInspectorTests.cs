namespace AudioEdge.Inference.Tests;

[TestFixture]
public sealed class OnnxModelInspectorTests
{
    [Test]
    public void Reads_the_nodes_of_the_source_graphs()
    {
        Assert.That(OnnxModelInspector.ReadNodes(TinyModel.Fp32).Select(n => n.OpType),
            Is.EqualTo(new[] { "Conv", "Relu", "GlobalAveragePool", "Flatten", "Gemm", "Sigmoid" }));
        Assert.That(OnnxModelInspector.ReadNodes(TinyModel.Int8).Select(n => n.OpType),
            Has.Exactly(2).EqualTo("QuantizeLinear"));
    }

    /// <summary>The point of the int8 model: ORT must run integer kernels, not float ones on dequantized weights.</summary>
    [Test]
    public void On_the_int8_qdq_model_ort_runs_an_integer_convolution()
    {
        string optimized = Path.Combine(Path.GetTempPath(), $"tiny_int8.optimized.{Guid.NewGuid():N}.onnx");
        try
        {
            IReadOnlyList<OnnxGraphNode> nodes = OnnxModelInspector.WriteOptimizedModel(TinyModel.Int8, optimized);
            string[] ops = nodes.Select(n => n.OpType).ToArray();
            TestContext.Out.WriteLine("int8 optimized graph: " + string.Join(", ", nodes.Select(n => n.Domain.Length == 0 ? n.OpType : $"{n.Domain}.{n.OpType}")));

            Assert.That(File.Exists(optimized), Is.True);
            Assert.That(ops, Has.Some.EqualTo("QLinearConv"), "Conv + Relu with its QDQ pairs fused into an int8 convolution");
            Assert.That(ops, Has.None.EqualTo("Conv").And.None.EqualTo("FusedConv"), "no float convolution left");
        }
        finally
        {
            File.Delete(optimized);
        }
    }

    [Test]
    public void On_the_fp32_model_ort_runs_float_kernels()
    {
        string optimized = Path.Combine(Path.GetTempPath(), $"tiny_fp32.optimized.{Guid.NewGuid():N}.onnx");
        try
        {
            string[] ops = OnnxModelInspector.WriteOptimizedModel(TinyModel.Fp32, optimized).Select(n => n.OpType).ToArray();
            TestContext.Out.WriteLine("fp32 optimized graph: " + string.Join(", ", ops));
            Assert.That(ops, Has.None.StartsWith("QLinear"));
            Assert.That(ops, Has.Some.Contains("Conv"));
        }
        finally
        {
            File.Delete(optimized);
        }
    }

    [Test]
    public void A_truncated_file_is_invalid_data()
    {
        string path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.onnx");
        byte[] model = File.ReadAllBytes(TinyModel.Fp32);
        File.WriteAllBytes(path, model.AsSpan(0, model.Length / 2).ToArray());
        try
        {
            Assert.That(() => OnnxModelInspector.ReadNodes(path), Throws.InstanceOf<InvalidDataException>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
