using AudioEdge.DatasetBuilder.Output;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>The outcome of a build: the manifest written and how long it took.</summary>
internal sealed record BuildReport(Manifest Manifest, TimeSpan Elapsed, IReadOnlyList<string> Warnings);
