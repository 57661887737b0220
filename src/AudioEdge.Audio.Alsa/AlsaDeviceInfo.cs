namespace AudioEdge.Audio.Alsa;

/// <summary>A PCM that can capture, as ALSA's name hints describe it (what <c>arecord -L</c> prints).</summary>
/// <param name="Name">What to pass as <see cref="AlsaCaptureOptions.Device"/>, e.g. <c>plughw:CARD=sndrpii2scard,DEV=0</c>.</param>
/// <param name="Description">ALSA's description; may span several lines (card name, then device name). Empty when ALSA has none.</param>
public sealed record AlsaDeviceInfo(string Name, string Description);
