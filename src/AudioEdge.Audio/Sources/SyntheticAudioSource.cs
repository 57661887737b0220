using System.Globalization;
using System.Text;

namespace AudioEdge.Audio.Sources;

/// <summary>
/// A reproducible test signal through the <see cref="AudioSource"/> seam: a sum of sine tones, optionally gated
/// by an on/off cadence (e.g. a smoke alarm's temporal-three), plus seeded white Gaussian noise; finite or endless.
/// </summary>
/// <remarks>
/// Sample n is a pure function of n and the options (the noise is a seeded sequence), so the output does not
/// depend on how reads are sized. Tones are computed from the sample index rather than an accumulated phase, so
/// they do not drift over a long run. The sum is clipped to [-1, 1). Reads allocate nothing.
/// </remarks>
public sealed class SyntheticAudioSource : AudioSource
{
    private static readonly float BelowOne = MathF.BitDecrement(1f);

    private readonly SyntheticTone[] _tones;
    private readonly double[] _cyclesPerSample;
    private readonly long[] _cadence;
    private readonly long _length;
    private readonly double _noiseRms;
    private readonly Random _random;
    private readonly RealTimePacer? _pacer;
    private long _position;
    private int _segment;
    private long _segmentLeft;
    private double _spareNoise;
    private bool _hasSpareNoise;

    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SyntheticAudioSource(SyntheticAudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid SyntheticAudioOptions: {string.Join(" ", errors)}", nameof(options));
        }

        SampleRate = options.SampleRate;
        _tones = [.. options.Tones];
        _cyclesPerSample = [.. _tones.Select(t => t.Frequency / options.SampleRate)];
        _cadence = [.. options.Cadence.Select(d => (long)Math.Round(d.TotalSeconds * options.SampleRate))];
        _length = options.Duration is { } duration ? (long)Math.Round(duration.TotalSeconds * options.SampleRate) : long.MaxValue;
        _noiseRms = options.NoiseRms;
        _random = new Random(options.Seed);
        _segmentLeft = _cadence.Length > 0 ? _cadence[0] : long.MaxValue;
        _pacer = options.RealTime ? new RealTimePacer(options.TimeProvider, options.SampleRate) : null;
        Description = Describe(options);
    }

    public override int SampleRate { get; }

    public override string Description { get; }

    /// <summary>Samples generated so far.</summary>
    public long Position => _position;

    /// <summary>Total samples, or null for an endless source.</summary>
    public long? Length => _length == long.MaxValue ? null : _length;

    /// <summary>Generates up to <paramref name="destination"/>.Length samples; 0 once a finite source has ended.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while a paced read was waiting.</exception>
    public override int Read(Span<float> destination, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        int count = (int)Math.Min(destination.Length, _length - _position);
        if (count <= 0)
        {
            return 0;
        }

        // Nothing is generated before the wait, so a cancelled read leaves the stream where it was.
        _pacer?.WaitUntilDue(_position + count, cancellationToken);
        for (int i = 0; i < count; i++)
        {
            destination[i] = NextSample();
        }

        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pacer?.Dispose();
        }

        base.Dispose(disposing);
    }

    private float NextSample()
    {
        double value = 0;
        if (_segment % 2 == 0)
        {
            for (int t = 0; t < _tones.Length; t++)
            {
                // The fractional cycle count keeps the argument of Sin small and exact-ish for any position.
                double cycles = _cyclesPerSample[t] * _position;
                value += _tones[t].Amplitude * Math.Sin((2 * Math.PI * (cycles - Math.Floor(cycles))) + _tones[t].PhaseRadians);
            }
        }

        if (_noiseRms > 0)
        {
            value += _noiseRms * NextGaussian();
        }

        _position++;
        if (--_segmentLeft == 0)
        {
            _segment = (_segment + 1) % _cadence.Length;
            _segmentLeft = _cadence[_segment];
        }

        return Math.Clamp((float)value, -1f, BelowOne);
    }

    private double NextGaussian()
    {
        // Box–Muller yields pairs; the second of each pair is kept for the next sample.
        if (_hasSpareNoise)
        {
            _hasSpareNoise = false;
            return _spareNoise;
        }

        double radius = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble()));
        double angle = 2 * Math.PI * _random.NextDouble();
        _spareNoise = radius * Math.Sin(angle);
        _hasSpareNoise = true;
        return radius * Math.Cos(angle);
    }

    private static string Describe(SyntheticAudioOptions options)
    {
        var text = new StringBuilder("synthetic:");
        text.AppendJoin('+', options.Tones.Select(t => t.Frequency.ToString("0.#", CultureInfo.InvariantCulture) + "Hz"));
        if (options.Cadence.Count > 0)
        {
            text.Append(options.Tones.Count > 0 ? " " : string.Empty).Append("cadence");
        }

        if (options.NoiseRms > 0)
        {
            text.Append(options.Tones.Count > 0 ? "+" : string.Empty).Append("noise");
        }

        return text.Length == "synthetic:".Length ? "synthetic:silence" : text.ToString();
    }
}
