namespace AudioEdge.DatasetBuilder.Data;

/// <summary>The two partitions of the dataset.</summary>
internal enum Split
{
    Train,
    Validation,
}
