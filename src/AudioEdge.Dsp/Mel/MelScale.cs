namespace AudioEdge.Dsp.Mel;

/// <summary>
/// The HTK mel scale, m = 2595·log10(1 + f/700). Chosen over Slaney's (linear below 1 kHz) because it is what
/// torchaudio and Kaldi use by default, so a model trained elsewhere on "mel" features sees the same axis, and
/// because it keeps resolution above 4 kHz where alarm tones and glass shatter live.
/// </summary>
public static class MelScale
{
    public static double FromHertz(double hertz) => 2595.0 * Math.Log10(1.0 + (hertz / 700.0));

    public static double ToHertz(double mel) => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
}
