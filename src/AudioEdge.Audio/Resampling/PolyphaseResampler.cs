namespace AudioEdge.Audio.Resampling;

/// <summary>
/// Streaming rational-ratio resampler: a polyphase FIR whose prototype is a Kaiser-windowed sinc.
/// </summary>
/// <remarks>
/// <para>
/// <b>Ratio.</b> The rates are reduced by their greatest common divisor to L/M (for 44.1 kHz → 16 kHz,
/// L = 160 and M = 441). Conceptually the input is upsampled by L, low-pass filtered, and decimated by M;
/// only the products that survive decimation are ever computed. The L phases of the prototype are tabulated
/// in the constructor, so <see cref="Process"/> and <see cref="Flush"/> only do dot products and never allocate.
/// </para>
/// <para>
/// <b>Response (specification, verified by tests with sine tones).</b> Passband 0 … 0.4375·min(fin, fout) with
/// ≤ 0.1 dB peak-to-peak ripple; stopband from 0.5·min(fin, fout) with ≥ 80 dB attenuation. Measured for
/// 8 k … 96 kHz → 16 kHz: ripple ≤ 0.001 dB, stopband (and image) level ≤ −85 dB. The number of taps per output
/// sample (<see cref="TapsPerOutputSample"/>) grows with fin / min(fin, fout): 249 for 48 kHz → 16 kHz, 229 for
/// 44.1 kHz, 84 for 8 kHz, 497 for 96 kHz.
/// </para>
/// <para>
/// <b>Timing.</b> The prototype is symmetric around an integer centre, so the group delay is removed exactly:
/// output sample n is the signal at time n / fout, the same instant as input sample n·fin/fout. The price is a
/// look-ahead (<see cref="Lookahead"/>): an output sample is emitted only once the input that lies half a filter
/// length after it has arrived, and <see cref="Flush"/> emits those held-back samples at the end of a stream.
/// After a whole stream of N input samples the resampler has produced exactly ceil(N·fout/fin) samples, so
/// timestamps derived from sample counts stay right. Feeding the input in any chunking gives bit-identical output.
/// </para>
/// <para>
/// <b>Pass-through.</b> Equal rates copy the input unchanged, with no delay and no filtering.
/// </para>
/// <para>Not thread-safe: one instance per stream, used by one thread at a time.</para>
/// </remarks>
public sealed class PolyphaseResampler
{
    /// <summary>Lowest accepted sample rate in Hz.</summary>
    public const int MinRate = 1_000;

    /// <summary>Highest accepted sample rate in Hz.</summary>
    public const int MaxRate = 768_000;

    /// <summary>End of the passband as a fraction of min(fin, fout).</summary>
    public const double PassbandEdge = 0.4375;

    /// <summary>Start of the stopband as a fraction of min(fin, fout).</summary>
    public const double StopbandEdge = 0.5;

    /// <summary>
    /// Attenuation the Kaiser design aims for. The specification asks for 80 dB; a 2 dB margin covers the
    /// approximations in Kaiser's length and β formulas and float rounding (measured: ≥ 85 dB). Every extra dB
    /// costs about 1.4 % more taps.
    /// </summary>
    public const double DesignAttenuationDb = 82;

    /// <summary>
    /// Upper bound on the size of the coefficient table (16 MiB of floats). Ratios that reduce to a large L
    /// (e.g. 47 999 Hz → 16 kHz, L = 16 000) would need more; they are rejected rather than exhausting a Pi.
    /// </summary>
    public const int MaxCoefficientCount = 1 << 22;

    // Input samples copied into the history per round; bounds the history size independently of the caller's chunks.
    private const int BlockSize = 4096;

    private readonly int _up;
    private readonly int _down;
    private readonly int _tapsPerPhase;
    private readonly int _halfLength;
    private readonly bool _passThrough;

    // Phase-major table, each phase reversed so that it lines up with the input window in ascending time order.
    private readonly float[] _coefficients;

    // Input history: [0, _filled) holds consecutive input samples; the first TapsPerPhase - 1 slots start as
    // zeros that stand for the silence before the stream began.
    private readonly float[] _history;

    // Per output sample the window moves by M/L input samples: _stepWhole whole samples plus _stepFraction/L.
    private readonly int _stepWhole;
    private readonly int _stepFraction;

    private int _filled;
    private int _windowStart;
    private int _phase;
    private long _inputCount;
    private long _outputCount;

    /// <summary>Creates a resampler from <paramref name="inputRate"/> to <paramref name="outputRate"/> (Hz).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is outside <see cref="MinRate"/>..<see cref="MaxRate"/>.</exception>
    /// <exception cref="ArgumentException">The ratio would need more than <see cref="MaxCoefficientCount"/> coefficients.</exception>
    public PolyphaseResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, MinRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputRate, MaxRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, MinRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputRate, MaxRate);

        InputRate = inputRate;
        OutputRate = outputRate;
        int divisor = GreatestCommonDivisor(inputRate, outputRate);
        _up = outputRate / divisor;
        _down = inputRate / divisor;
        _passThrough = _up == _down;

        if (_passThrough)
        {
            // One unit tap: the general machinery would reproduce the input too, but a plain copy is exact by
            // construction and costs nothing.
            _tapsPerPhase = 1;
            _halfLength = 0;
            _coefficients = [1f];
            _history = [];
            return;
        }

        _tapsPerPhase = TapsPerPhaseFor(inputRate, outputRate);
        long tableSize = (long)_tapsPerPhase * _up;
        if (tableSize > MaxCoefficientCount)
        {
            throw new ArgumentException(
                $"Resampling {inputRate} Hz to {outputRate} Hz reduces to {_up}/{_down} and would need {tableSize} filter coefficients (limit {MaxCoefficientCount}).",
                nameof(inputRate));
        }

        // Odd-length prototype (2·D + 1 ≤ K·L) centred on an integer, so the delay compensation is exact.
        _halfLength = (int)((tableSize - 1) / 2);
        _coefficients = BuildTable(inputRate, outputRate, _up, _tapsPerPhase, _halfLength);
        _stepWhole = _down / _up;
        _stepFraction = _down % _up;
        _history = new float[_tapsPerPhase + Math.Max(BlockSize, 2 * (_stepWhole + 1))];
        Reset();
    }

    /// <summary>Samples per second of the input.</summary>
    public int InputRate { get; }

    /// <summary>Samples per second of the output.</summary>
    public int OutputRate { get; }

    /// <summary>Interpolation factor L of the reduced ratio L/M = fout/fin.</summary>
    public int UpFactor => _up;

    /// <summary>Decimation factor M of the reduced ratio L/M = fout/fin.</summary>
    public int DownFactor => _down;

    /// <summary>Multiply-adds per output sample (the taps of one polyphase branch); 1 for pass-through.</summary>
    public int TapsPerOutputSample => _tapsPerPhase;

    /// <summary>True when the rates are equal and the input is copied unchanged.</summary>
    public bool IsPassThrough => _passThrough;

    /// <summary>
    /// How far the input must run ahead of an output sample before that sample can be computed (half the filter).
    /// This is the latency the resampler adds to a live stream; the output timestamps themselves are not shifted.
    /// </summary>
    public TimeSpan Lookahead => TimeSpan.FromSeconds(_halfLength / ((double)_up * InputRate));

    /// <summary>The most samples <see cref="Flush"/> can write; size its buffer with this.</summary>
    public int MaxFlushLength => (int)((_halfLength + (long)_down - 1) / _down);

    /// <summary>
    /// Whether a resampler for these rates can be built (rates in range and the table within
    /// <see cref="MaxCoefficientCount"/>). Allocates nothing.
    /// </summary>
    public static bool IsSupported(int inputRate, int outputRate)
    {
        if (inputRate is < MinRate or > MaxRate || outputRate is < MinRate or > MaxRate)
        {
            return false;
        }

        int divisor = GreatestCommonDivisor(inputRate, outputRate);
        int up = outputRate / divisor;
        return up == inputRate / divisor || (long)TapsPerPhaseFor(inputRate, outputRate) * up <= MaxCoefficientCount;
    }

    /// <summary>The most output samples <see cref="Process"/> can produce for this many input samples.</summary>
    public int MaxOutputLength(int inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);

        // count(T) = max(0, ceil((T·L − D)/M)) outputs exist after T inputs, and ceil is subadditive, so one call
        // with x inputs adds at most ceil(x·L/M).
        long bound = ((long)inputLength * _up + _down - 1) / _down;
        return (int)Math.Min(bound, int.MaxValue);
    }

    /// <summary>Consumes all of <paramref name="input"/>, writes the output samples now available, returns their count.</summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <see cref="MaxOutputLength"/> of the input length.</exception>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < MaxOutputLength(input.Length))
        {
            throw new ArgumentException(
                $"The output span ({output.Length}) must hold MaxOutputLength({input.Length}) = {MaxOutputLength(input.Length)} samples.",
                nameof(output));
        }

        if (_passThrough)
        {
            input.CopyTo(output);
            _inputCount += input.Length;
            _outputCount += input.Length;
            return input.Length;
        }

        int produced = 0;
        while (!input.IsEmpty)
        {
            int take = Math.Min(input.Length, _history.Length - _filled);
            input[..take].CopyTo(_history.AsSpan(_filled));
            _filled += take;
            _inputCount += take;
            input = input[take..];
            produced += Drain(output[produced..], long.MaxValue);
            Compact();
        }

        return produced;
    }

    /// <summary>
    /// At end of stream: writes the samples still held back by the filter's look-ahead (the input is taken to be
    /// silent after its end), so that the stream's total output is ceil(N·fout/fin) samples. Afterwards the resampler
    /// is reset and ready for a new stream.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> cannot hold the pending samples (use <see cref="MaxFlushLength"/>).</exception>
    public int Flush(Span<float> output)
    {
        long total = (_inputCount * _up + _down - 1) / _down;
        long remaining = total - _outputCount;
        if (output.Length < remaining)
        {
            throw new ArgumentException(
                $"The output span ({output.Length}) must hold the {remaining} pending samples (MaxFlushLength = {MaxFlushLength}).",
                nameof(output));
        }

        int produced = 0;
        while (produced < remaining)
        {
            _history.AsSpan(_filled).Clear();
            _filled = _history.Length;
            produced += Drain(output[produced..], remaining - produced);
            Compact();
        }

        Reset();
        return produced;
    }

    /// <summary>Forgets all history: the next sample is the start of a new stream.</summary>
    public void Reset()
    {
        _inputCount = 0;
        _outputCount = 0;
        if (_passThrough)
        {
            return;
        }

        // The zeros before the stream start occupy the first K − 1 slots; output 0's window ends at input
        // floor(D/L), i.e. starts at slot floor(D/L), and uses phase D mod L.
        _history.AsSpan().Clear();
        _filled = _tapsPerPhase - 1;
        _windowStart = _halfLength / _up;
        _phase = _halfLength % _up;
    }

    /// <summary>Writes every output whose input window is complete, at most <paramref name="limit"/> of them.</summary>
    private int Drain(Span<float> output, long limit)
    {
        int taps = _tapsPerPhase;
        ReadOnlySpan<float> history = _history;
        ReadOnlySpan<float> coefficients = _coefficients;
        int count = 0;
        while (count < limit && _windowStart + taps <= _filled)
        {
            output[count++] = VectorMath.Dot(history.Slice(_windowStart, taps), coefficients.Slice(_phase * taps, taps));
            _windowStart += _stepWhole;
            _phase += _stepFraction;
            if (_phase >= _up)
            {
                _phase -= _up;
                _windowStart++;
            }
        }

        _outputCount += count;
        return count;
    }

    /// <summary>Drops the input no future window needs, moving the rest to the front of the history.</summary>
    private void Compact()
    {
        int discard = Math.Min(_windowStart, _filled);
        if (discard == 0)
        {
            return;
        }

        _history.AsSpan(discard, _filled - discard).CopyTo(_history);
        _filled -= discard;
        _windowStart -= discard;
    }

    private static int TapsPerPhaseFor(int inputRate, int outputRate)
    {
        // Kaiser's estimate N = (A − 7.95) / (2.285 · Δω), with the transition width Δω expressed at the input
        // rate; that is the number of input samples under the filter, i.e. the taps of one polyphase branch.
        double transition = (StopbandEdge - PassbandEdge) * Math.Min(inputRate, outputRate);
        double deltaOmega = 2 * Math.PI * transition / inputRate;
        return (int)Math.Ceiling((DesignAttenuationDb - 7.95) / (2.285 * deltaOmega)) + 1;
    }

    private static float[] BuildTable(int inputRate, int outputRate, int up, int tapsPerPhase, int halfLength)
    {
        // Prototype at the upsampled rate fin·L; cut-off in the middle of the transition band.
        double cutoff = (PassbandEdge + StopbandEdge) / 2 * Math.Min(inputRate, outputRate) / ((double)inputRate * up);
        double beta = KaiserBeta(DesignAttenuationDb);
        double besselBeta = BesselI0(beta);

        var table = new float[tapsPerPhase * up];
        for (int phase = 0; phase < up; phase++)
        {
            // Tap i of this phase weights input k0 − i at prototype offset m = phase − D + i·L.
            Span<float> row = table.AsSpan(phase * tapsPerPhase, tapsPerPhase);
            double sum = 0;
            for (int i = 0; i < tapsPerPhase; i++)
            {
                long m = phase - (long)halfLength + (long)i * up;
                double value = m > halfLength ? 0 : Prototype(m, halfLength, cutoff, beta, besselBeta);
                row[tapsPerPhase - 1 - i] = (float)value;
                sum += value;
            }

            // Each branch sees a DC input as-is; scaling its taps to sum to exactly 1 removes the tiny
            // per-phase gain differences that would otherwise modulate a constant signal.
            float scale = (float)(1 / sum);
            for (int i = 0; i < row.Length; i++)
            {
                row[i] *= scale;
            }
        }

        return table;
    }

    private static double Prototype(long m, int halfLength, double cutoff, double beta, double besselBeta)
    {
        double x = 2 * cutoff * m;
        double sinc = m == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
        double ratio = halfLength == 0 ? 0 : (double)m / halfLength;
        double window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - ratio * ratio))) / besselBeta;
        return sinc * window;
    }

    private static double KaiserBeta(double attenuationDb) => attenuationDb switch
    {
        > 50 => 0.1102 * (attenuationDb - 8.7),
        >= 21 => 0.5842 * Math.Pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21),
        _ => 0,
    };

    private static double BesselI0(double x)
    {
        // Power series sum((x/2)^k / k!)^2; converges quickly for the β ≤ 15 used here.
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 200; k++)
        {
            term *= half / k;
            double squared = term * term;
            sum += squared;
            if (squared < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
