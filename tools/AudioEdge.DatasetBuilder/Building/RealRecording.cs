using AudioEdge.DatasetBuilder.Data;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>A labelled recording with its source group, its split and the SHA-256 of its bytes.</summary>
internal sealed record RealRecording(LabelRow Row, string Group, Split Split, string ContentHash)
{
    public string Path => Row.Path;
}
