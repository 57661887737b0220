using System.Globalization;

namespace AudioEdge.Dsp;

/// <summary>
/// Parameters of the log-mel front end. The defaults are the product's: the model is trained on exactly these,
/// and a model manifest records them so that the runtime can refuse a model trained on anything else.
/// </summary>
public sealed class FrontEndOptions
{
    /// <summary>Input sample rate in Hz. Default 16000.</summary>
    public int SampleRate { get; init; } = 16_000;

    /// <summary>Analysis window in samples (periodic Hann). Default 400 = 25 ms.</summary>
    public int WindowLength { get; init; } = 400;

    /// <summary>Samples between frame starts. Default 160 = 10 ms.</summary>
    public int HopLength { get; init; } = 160;

    /// <summary>Real FFT size; the window is zero-padded to it. Default 512.</summary>
    public int FftSize { get; init; } = 512;

    /// <summary>Mel bands. Default 64.</summary>
    public int MelBands { get; init; } = 64;

    /// <summary>Lower edge of the lowest mel filter in Hz. Default 60 (below it: mains hum and handling noise).</summary>
    public double MinFrequency { get; init; } = 60;

    /// <summary>Upper edge of the highest mel filter in Hz. Default 8000, the Nyquist frequency: glass shatter extends above 7.5 kHz.</summary>
    public double MaxFrequency { get; init; } = 8000;

    /// <summary>Mel energies are clamped to at least this before the natural log. Default 1e-10 (log ≈ -23.0).</summary>
    public float LogFloor { get; init; } = 1e-10f;

    /// <summary>The product defaults.</summary>
    public static FrontEndOptions Default { get; } = new();

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (SampleRate < 1000 || SampleRate > 192_000)
        {
            errors.Add($"SampleRate must be 1000..192000 Hz (got {SampleRate}).");
        }

        if (FftSize < 16 || FftSize > 65536 || (FftSize & (FftSize - 1)) != 0)
        {
            errors.Add($"FftSize must be a power of two from 16 to 65536 (got {FftSize}).");
        }

        if (WindowLength < 2 || WindowLength > FftSize)
        {
            errors.Add($"WindowLength must be 2..FftSize ({FftSize}) samples (got {WindowLength}).");
        }

        if (HopLength < 1 || HopLength > WindowLength)
        {
            errors.Add($"HopLength must be 1..WindowLength ({WindowLength}) samples (got {HopLength}).");
        }

        if (MelBands < 1 || MelBands > 512)
        {
            errors.Add($"MelBands must be 1..512 (got {MelBands}).");
        }

        if (MinFrequency < 0 || MaxFrequency <= MinFrequency || MaxFrequency > SampleRate / 2.0)
        {
            errors.Add($"The mel range must satisfy 0 <= MinFrequency < MaxFrequency <= SampleRate/2 (got {MinFrequency}..{MaxFrequency} Hz).");
        }

        if (!(LogFloor > 0) || float.IsInfinity(LogFloor))
        {
            errors.Add($"LogFloor must be a positive finite number (got {LogFloor}).");
        }

        return errors;
    }

    /// <summary>Throws one exception that lists every problem.</summary>
    public void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid front-end options: " + string.Join(" ", errors));
        }
    }

    /// <summary>A canonical one-line description; two option sets produce identical features exactly when these are equal.</summary>
    public string Fingerprint() => string.Create(
        CultureInfo.InvariantCulture,
        $"logmel/htk/hann-periodic sr={SampleRate} win={WindowLength} hop={HopLength} fft={FftSize} mels={MelBands} fmin={MinFrequency} fmax={MaxFrequency} floor={LogFloor:R}");
}
