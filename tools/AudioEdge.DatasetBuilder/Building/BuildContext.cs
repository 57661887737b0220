using AudioEdge.DatasetBuilder.Decoding;
using AudioEdge.Synthesis.Augmentation;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>What every job reads: the options, the audio, the backgrounds, the augmenter. Shared by the worker threads; nothing here is mutated by jobs.</summary>
internal sealed record BuildContext(BuildOptions Options, AudioLoader Loader, BackgroundPool Backgrounds, Augmenter Augmenter);
