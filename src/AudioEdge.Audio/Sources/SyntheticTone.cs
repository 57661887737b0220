namespace AudioEdge.Audio.Sources;

/// <summary>One sine component of a <see cref="SyntheticAudioSource"/>.</summary>
/// <param name="Frequency">Hz, above 0 and below half the sample rate.</param>
/// <param name="Amplitude">Peak amplitude (1 = full scale).</param>
/// <param name="PhaseRadians">Phase at sample 0: the tone is Amplitude · sin(2π·Frequency·t + PhaseRadians).</param>
public readonly record struct SyntheticTone(double Frequency, double Amplitude, double PhaseRadians = 0);
