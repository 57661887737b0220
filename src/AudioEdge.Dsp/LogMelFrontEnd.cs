using System.Numerics.Tensors;
using AudioEdge.Dsp.Fft;
using AudioEdge.Dsp.Mel;
using AudioEdge.Dsp.Simd;

namespace AudioEdge.Dsp;

/// <summary>
/// Streaming log-mel features: audio in, any chunk size; frames out, identical to computing them over the whole
/// signal at once. Frame i covers samples [i·hop, i·hop + window), with no padding before the first sample, so
/// frame i is ready as soon as that sample range has arrived.
/// </summary>
/// <remarks>
/// Per frame: periodic Hann window → zero-padded real FFT → power spectrum → triangular HTK mel filters →
/// ln(max(energy, floor)). Every buffer is allocated in the constructor; <see cref="Process"/> allocates nothing.
/// An instance holds stream state: one per audio stream and thread.
/// </remarks>
public sealed class LogMelFrontEnd
{
    private readonly float[] _window;
    private readonly float[] _pending;     // the last WindowLength - hop samples of the stream, plus what came since
    private readonly float[] _windowed;
    private readonly float[] _power;
    private readonly RealFft _fft;
    private readonly MelFilterBank _melBank;
    private int _pendingCount;

    public LogMelFrontEnd(FrontEndOptions? options = null, SimdLevel? level = null)
    {
        Options = options ?? FrontEndOptions.Default;
        Options.ThrowIfInvalid();
        Level = level ?? SimdCapabilities.Best;

        _window = new float[Options.WindowLength];
        for (int n = 0; n < _window.Length; n++)
        {
            // Periodic Hann (denominator N, not N-1): the DFT-even window used for spectral analysis.
            _window[n] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * n / Options.WindowLength)));
        }

        _pending = new float[Options.WindowLength];
        _windowed = new float[Options.WindowLength];
        _fft = new RealFft(Options.FftSize, Level);
        _power = new float[_fft.BinCount];
        _melBank = new MelFilterBank(Options.MelBands, Options.FftSize, Options.SampleRate, Options.MinFrequency, Options.MaxFrequency);
    }

    public FrontEndOptions Options { get; }

    public SimdLevel Level { get; }

    /// <summary>Values per frame (mel bands).</summary>
    public int FrameLength => Options.MelBands;

    /// <summary>Frames produced since construction or <see cref="Reset"/>.</summary>
    public long FramesProduced { get; private set; }

    /// <summary>The mel filter bank in use (read-only tables; tests and plots use it).</summary>
    public MelFilterBank MelFilterBank => _melBank;

    /// <summary>Frames produced by an offline pass over <paramref name="sampleCount"/> samples.</summary>
    public static int FrameCount(long sampleCount, FrontEndOptions? options = null)
    {
        options ??= FrontEndOptions.Default;
        return sampleCount < options.WindowLength ? 0 : (int)(((sampleCount - options.WindowLength) / options.HopLength) + 1);
    }

    /// <summary>Exactly how many frames the next <see cref="Process"/> call produces for this many new samples.</summary>
    public int FramesAfter(int additionalSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(additionalSamples);
        long available = _pendingCount + (long)additionalSamples;
        return available < Options.WindowLength ? 0 : (int)(((available - Options.WindowLength) / Options.HopLength) + 1);
    }

    /// <summary>
    /// Consumes all of <paramref name="samples"/> and writes every frame that became complete into
    /// <paramref name="frames"/> (frame-major, <see cref="FrameLength"/> values each). Returns the number of frames.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="frames"/> is shorter than <see cref="FramesAfter"/> frames; nothing was consumed.</exception>
    public int Process(ReadOnlySpan<float> samples, Span<float> frames)
    {
        int expected = FramesAfter(samples.Length);
        if (frames.Length < expected * FrameLength)
        {
            throw new ArgumentException($"{samples.Length} samples complete {expected} frames; the output holds {frames.Length / FrameLength}.", nameof(frames));
        }

        int produced = 0;
        int window = Options.WindowLength, hop = Options.HopLength;
        while (!samples.IsEmpty)
        {
            int take = Math.Min(window - _pendingCount, samples.Length);
            samples[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            samples = samples[take..];

            if (_pendingCount == window)
            {
                ComputeFrame(_pending, frames.Slice(produced * FrameLength, FrameLength));
                produced++;
                _pending.AsSpan(hop, window - hop).CopyTo(_pending);
                _pendingCount = window - hop;
            }
        }

        FramesProduced += produced;
        return produced;
    }

    /// <summary>The features of one window of exactly <see cref="FrontEndOptions.WindowLength"/> samples; no stream state involved.</summary>
    public void ComputeFrame(ReadOnlySpan<float> windowSamples, Span<float> frame)
    {
        if (windowSamples.Length != Options.WindowLength || frame.Length < FrameLength)
        {
            throw new ArgumentException($"A frame needs exactly {Options.WindowLength} samples and room for {FrameLength} values.");
        }

        if (Level == SimdLevel.Scalar)
        {
            for (int n = 0; n < _windowed.Length; n++)
            {
                _windowed[n] = windowSamples[n] * _window[n];
            }
        }
        else
        {
            TensorPrimitives.Multiply(windowSamples, _window, _windowed);
        }

        _fft.PowerSpectrum(_windowed, _power);
        Span<float> mel = frame[..FrameLength];
        _melBank.Apply(_power, mel);

        float floor = Options.LogFloor;
        if (Level == SimdLevel.Scalar)
        {
            for (int b = 0; b < mel.Length; b++)
            {
                mel[b] = MathF.Log(MathF.Max(mel[b], floor));
            }
        }
        else
        {
            TensorPrimitives.Max(mel, floor, mel);
            TensorPrimitives.Log(mel, mel);
        }
    }

    /// <summary>Forgets the stream: the next sample is the first of a new stream.</summary>
    public void Reset()
    {
        _pendingCount = 0;
        FramesProduced = 0;
    }

    /// <summary>Offline convenience: every frame of <paramref name="signal"/>, frame-major.</summary>
    public static float[] ComputeAll(ReadOnlySpan<float> signal, FrontEndOptions? options = null, SimdLevel? level = null)
    {
        var frontEnd = new LogMelFrontEnd(options, level);
        var frames = new float[frontEnd.FramesAfter(signal.Length) * frontEnd.FrameLength];
        frontEnd.Process(signal, frames);
        return frames;
    }
}
