namespace AudioEdge.DatasetBuilder.Output;

/// <summary>Where an example's sound came from (the meta "kind").</summary>
internal static class ExampleKind
{
    /// <summary>A window of a real recording as it is (plus the microphone noise floor).</summary>
    public const string Real = "real";

    /// <summary>A real labelled recording put through room, distance, microphone, gain and mixed into another real background.</summary>
    public const string Augmented = "augmented";

    /// <summary>A synthesized event (or hard negative) over a real or synthetic background.</summary>
    public const string Synthetic = "synthetic";
}
