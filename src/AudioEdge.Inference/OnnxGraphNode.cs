namespace AudioEdge.Inference;

/// <summary>One node of an ONNX graph as <see cref="OnnxModelInspector"/> reads it.</summary>
/// <param name="OpType">The operator, e.g. <c>QLinearConv</c>.</param>
/// <param name="Domain">The operator set domain: empty for the standard <c>ai.onnx</c>, e.g. <c>com.microsoft</c> for ORT's contrib ops.</param>
/// <param name="Name">The node's name, often empty.</param>
public sealed record OnnxGraphNode(string OpType, string Domain, string Name);
