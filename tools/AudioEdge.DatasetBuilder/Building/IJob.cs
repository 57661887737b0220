namespace AudioEdge.DatasetBuilder.Building;

/// <summary>One unit of work: a real recording, an augmented copy of one, or a synthetic clip.</summary>
/// <remarks>A job draws all its randomness from a <see cref="Random"/> seeded by the build seed and <see cref="Key"/>, so the result does not depend on which thread runs it or when.</remarks>
internal interface IJob
{
    /// <summary>Unique, stable name, e.g. <c>real:kitchen20/cutlery/1-…flac</c>, <c>synthetic:smoke_t3:17</c>.</summary>
    string Key { get; }

    JobResult Run(BuildContext context);
}
