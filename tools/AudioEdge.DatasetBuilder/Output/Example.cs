using AudioEdge.DatasetBuilder.Data;

namespace AudioEdge.DatasetBuilder.Output;

/// <summary>One training example: a 96 × 64 log-mel window, its multi-hot labels, where it came from and its split.</summary>
internal sealed record Example(float[] Features, bool Alarm, bool GlassBreak, ExampleMeta Meta, Split Split);
