namespace AudioEdge.DatasetBuilder.Data;

/// <summary>The names splits have in file names and the manifest.</summary>
internal static class SplitNames
{
    public static string Name(this Split split) => split == Split.Train ? "train" : "validation";
}
