namespace AudioEdge.Synthesis.Augmentation;

/// <summary>An augmented example and the parameters that made it.</summary>
/// <param name="Sound">The mix; its segments follow the foreground's events.</param>
/// <param name="Record">What was drawn.</param>
public sealed record AugmentationResult(SynthesizedSound Sound, AugmentationRecord Record);
