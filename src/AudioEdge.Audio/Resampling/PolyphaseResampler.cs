namespace AudioEdge.Audio.Resampling;

/// <summary>
/// CONTRACT STUB (to be implemented): streaming rational-ratio resampler (polyphase, Kaiser-windowed sinc).
/// Passband 0..0.4375·min(fin, fout) with ripple ≤ 0.1 dB; stopband from 0.5·min(fin, fout) with ≥ 80 dB attenuation.
/// </summary>
public sealed class PolyphaseResampler
{
    public PolyphaseResampler(int inputRate, int outputRate) => throw new NotImplementedException();

    public int InputRate => throw new NotImplementedException();

    public int OutputRate => throw new NotImplementedException();

    /// <summary>The most output samples <see cref="Process"/> can produce for this many input samples.</summary>
    public int MaxOutputLength(int inputLength) => throw new NotImplementedException();

    /// <summary>Consumes all of <paramref name="input"/>, writes the output samples now available, returns their count.</summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output) => throw new NotImplementedException();

    /// <summary>At end of stream: writes the samples still held back by the filter's delay.</summary>
    public int Flush(Span<float> output) => throw new NotImplementedException();

    public void Reset() => throw new NotImplementedException();
}
