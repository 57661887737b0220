using System.Numerics.Tensors;
using AudioEdge.Dsp;
using AudioEdge.Dsp.Mel;
using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace AudioEdge.Benchmarks;

/// <summary>
/// The baseline the front end is measured against: the same features (window, 512-point power spectrum, the same
/// sparse mel bank, log) with the FFT done by MathNet.Numerics' managed Fourier transform on Complex32 — what one
/// would write without a hand-made FFT. Allocation-free per frame too, so the comparison is about the FFT.
/// </summary>
internal sealed class MathNetLogMelBaseline
{
    private readonly FrontEndOptions _options = FrontEndOptions.Default;
    private readonly float[] _window;
    private readonly Complex32[] _spectrum;
    private readonly float[] _power;
    private readonly MelFilterBank _bank;
    private readonly float[] _pending;
    private int _pendingCount;

    public MathNetLogMelBaseline()
    {
        _window = new float[_options.WindowLength];
        for (int n = 0; n < _window.Length; n++)
        {
            _window[n] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * n / _options.WindowLength)));
        }

        _spectrum = new Complex32[_options.FftSize];
        _power = new float[(_options.FftSize / 2) + 1];
        _bank = new MelFilterBank(_options.MelBands, _options.FftSize, _options.SampleRate, _options.MinFrequency, _options.MaxFrequency);
        _pending = new float[_options.WindowLength];
    }

    public int Process(ReadOnlySpan<float> samples, Span<float> frames)
    {
        int produced = 0;
        while (!samples.IsEmpty)
        {
            int take = Math.Min(_pending.Length - _pendingCount, samples.Length);
            samples[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            samples = samples[take..];
            if (_pendingCount == _pending.Length)
            {
                ComputeFrame(frames.Slice(produced * _options.MelBands, _options.MelBands));
                produced++;
                _pending.AsSpan(_options.HopLength).CopyTo(_pending);
                _pendingCount -= _options.HopLength;
            }
        }

        return produced;
    }

    private void ComputeFrame(Span<float> mel)
    {
        for (int n = 0; n < _spectrum.Length; n++)
        {
            _spectrum[n] = n < _pending.Length ? new Complex32(_pending[n] * _window[n], 0f) : Complex32.Zero;
        }

        Fourier.Forward(_spectrum, FourierOptions.AsymmetricScaling | FourierOptions.Matlab);
        for (int k = 0; k < _power.Length; k++)
        {
            _power[k] = _spectrum[k].MagnitudeSquared;
        }

        _bank.Apply(_power, mel);
        TensorPrimitives.Max(mel, _options.LogFloor, mel);
        TensorPrimitives.Log(mel, mel);
    }
}
