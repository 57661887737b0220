using AudioEdge.DatasetBuilder.Output;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>What one job produced: its examples, and for real recordings where the events were found.</summary>
/// <param name="Examples">In window order.</param>
/// <param name="RealPath">The real recording of a real-recording job, else null.</param>
/// <param name="Events">The located events of that recording (see <see cref="ClipWindows.Describe"/>).</param>
/// <param name="Warning">A note for the log (an event that could not be located, …), or null.</param>
internal sealed record JobResult(List<Example> Examples, string? RealPath = null, string? Events = null, string? Warning = null);
