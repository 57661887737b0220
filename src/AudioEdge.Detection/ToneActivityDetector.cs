using AudioEdge.Dsp;

namespace AudioEdge.Detection;

/// <summary>
/// Per log-mel frame: is an alarm sounder's tone on? Looks for a narrow-band peak in the piezo region
/// (2.7–4 kHz) and around 520 Hz: the prominence is the peak band's level above the median of its neighbourhood
/// (guard bands excluded), so broadband sounds (speech onsets, clatter, noise) do not count however loud they
/// are, and a tone counts however quiet the room is. Hysteresis (absolute on/off thresholds plus a relative
/// drop/rise) gives clean on/off timing at frame resolution (10 ms) for the cadence decoder.
/// </summary>
/// <remarks>Allocation-free per frame; one instance per stream.</remarks>
public sealed class ToneActivityDetector
{
    // ln(energy) per dB: log-mel values are natural logs of power.
    private const double NepersPerDb = 0.230258509299;

    private readonly (int First, int Last)[] _regions;
    private const int SmoothingFrames = 3;

    private readonly float[] _scratch;
    private readonly float[] _history;
    private readonly float[] _smoothed;
    private int _historyNext;
    private int _historyCount;
    private readonly int _guard;
    private readonly int _neighbourhood;
    private readonly double _on;
    private readonly double _off;
    private readonly double _drop;
    private readonly double _rise;
    private double _peakSinceOn;
    // Minus infinity: a stream that starts in the middle of a tone turns on at once.
    private double _lowestSinceOff = double.NegativeInfinity;

    /// <param name="region">
    /// The product runs one detector per region (<see cref="DetectionPipeline"/>): with both in one detector, a
    /// machine's hum near 520 Hz (a blender's motor) switched the detector on in a piezo alarm's off periods and
    /// broke its cadence.
    /// </param>
    public ToneActivityDetector(ToneActivityOptions? options = null, FrontEndOptions? frontEnd = null, ToneRegion region = ToneRegion.Both)
    {
        options ??= new ToneActivityOptions();
        frontEnd ??= FrontEndOptions.Default;
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid ToneActivityOptions: " + string.Join(" ", errors), nameof(options));
        }

        Bands = frontEnd.MelBands;
        (int, int) piezo = BandMap.Between(frontEnd, options.PiezoLowHertz, options.PiezoHighHertz);
        (int, int) low = BandMap.Between(frontEnd, options.LowToneLowHertz, options.LowToneHighHertz);
        _regions = region switch
        {
            ToneRegion.Piezo => [piezo],
            ToneRegion.LowFrequency => [low],
            _ => [piezo, low],
        };
        _guard = options.GuardBands;
        _neighbourhood = options.NeighbourhoodBands;
        _scratch = new float[2 * options.NeighbourhoodBands];
        _history = new float[SmoothingFrames * Bands];
        _smoothed = new float[Bands];
        _on = options.OnProminenceDb * NepersPerDb;
        _off = options.OffProminenceDb * NepersPerDb;
        _drop = options.DropDb * NepersPerDb;
        _rise = options.RiseDb * NepersPerDb;
    }

    /// <summary>Values per frame.</summary>
    public int Bands { get; }

    /// <summary>Whether the tone is on after the last <see cref="Update"/>.</summary>
    public bool IsOn { get; private set; }

    /// <summary>The band of the most prominent peak in the last frame.</summary>
    public int PeakBand { get; private set; }

    /// <summary>The last frame's prominence in dB (the larger of the two regions).</summary>
    public double ProminenceDb { get; private set; }

    /// <summary>Takes the next frame; returns <see cref="IsOn"/>.</summary>
    public bool Update(ReadOnlySpan<float> input)
    {
        if (input.Length < Bands)
        {
            throw new ArgumentException($"A frame has {Bands} values.", nameof(input));
        }

        // Average three consecutive frames (25 ms windows, 10 ms apart: 45 ms in all): a tone is stationary and
        // keeps its level, while the frame-to-frame scatter of noise in narrow bands (one or two FFT bins near
        // 500 Hz) shrinks, which is what otherwise lifts random peaks above the threshold. The cost is that
        // on/off transitions are reported one frame late, equally for both, so beep lengths are unchanged.
        input[..Bands].CopyTo(_history.AsSpan(_historyNext * Bands, Bands));
        _historyNext = (_historyNext + 1) % SmoothingFrames;
        _historyCount = Math.Min(_historyCount + 1, SmoothingFrames);
        Span<float> frame = _smoothed;
        frame.Clear();
        for (int h = 0; h < _historyCount; h++)
        {
            ReadOnlySpan<float> past = _history.AsSpan(h * Bands, Bands);
            for (int b = 0; b < Bands; b++)
            {
                frame[b] += past[b];
            }
        }

        if (_historyCount < SmoothingFrames)
        {
            // Not yet three frames: one frame alone scatters too much to be trusted.
            return IsOn;
        }

        float scale = 1f / _historyCount;
        for (int b = 0; b < Bands; b++)
        {
            frame[b] *= scale;
        }

        double best = double.MinValue;
        int bestBand = 0;
        foreach ((int first, int last) in _regions)
        {
            if (last < first)
            {
                continue;
            }

            int peak = first;
            for (int b = first + 1; b <= last; b++)
            {
                if (frame[b] > frame[peak])
                {
                    peak = b;
                }
            }

            double prominence = frame[peak] - NeighbourhoodMedian(frame, peak);
            if (prominence > best)
            {
                best = prominence;
                bestBand = peak;
            }
        }

        PeakBand = bestBand;
        ProminenceDb = best / NepersPerDb;
        if (IsOn)
        {
            _peakSinceOn = Math.Max(_peakSinceOn, best);
            if (best < _off || best < _peakSinceOn - _drop)
            {
                IsOn = false;
                _lowestSinceOff = best;
            }
        }
        else
        {
            _lowestSinceOff = Math.Min(_lowestSinceOff, best);
            if (best >= _on && best >= _lowestSinceOff + _rise)
            {
                IsOn = true;
                _peakSinceOn = best;
            }
        }

        return IsOn;
    }

    /// <summary>Forgets the stream.</summary>
    public void Reset()
    {
        IsOn = false;
        _historyCount = 0;
        _historyNext = 0;
        _lowestSinceOff = double.NegativeInfinity;
        _peakSinceOn = 0;
        PeakBand = 0;
        ProminenceDb = 0;
    }

    private float NeighbourhoodMedian(Span<float> frame, int peak)
    {
        int count = 0;
        int from = Math.Max(0, peak - _neighbourhood), to = Math.Min(Bands - 1, peak + _neighbourhood);
        for (int b = from; b <= to; b++)
        {
            if (Math.Abs(b - peak) > _guard)
            {
                _scratch[count++] = frame[b];
            }
        }

        if (count == 0)
        {
            return frame[peak];
        }

        // At most 2 × 32 values: sorting in place is cheaper than anything cleverer, and allocates nothing.
        Span<float> values = _scratch.AsSpan(0, count);
        values.Sort();
        return (count & 1) == 1 ? values[count / 2] : 0.5f * (values[(count / 2) - 1] + values[count / 2]);
    }
}
