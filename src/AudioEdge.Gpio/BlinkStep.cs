namespace AudioEdge.Gpio;

/// <summary>One step of a <see cref="BlinkPattern"/>: the output on or off for a while.</summary>
internal readonly record struct BlinkStep(bool On, TimeSpan Duration);
