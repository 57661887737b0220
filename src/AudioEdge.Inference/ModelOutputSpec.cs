namespace AudioEdge.Inference;

/// <summary>The model's output tensor: <c>float32 [1, labels]</c> of independent probabilities in [0, 1].</summary>
public sealed class ModelOutputSpec
{
    /// <summary>Tensor name in the ONNX graph, e.g. <c>"scores"</c>.</summary>
    public string Name { get; init; } = string.Empty;
}
