namespace AudioEdge.Inference;

/// <summary>The model's input tensor: <c>float32 [1, 1, Frames, Bands]</c> of raw log-mel values, oldest frame first.</summary>
public sealed class ModelInputSpec
{
    /// <summary>Tensor name in the ONNX graph, e.g. <c>"logmel"</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Frames per window (96 = 0.96 s at the 10 ms hop).</summary>
    public int Frames { get; init; }

    /// <summary>Values per frame: the front end's mel bands (64).</summary>
    public int Bands { get; init; }
}
