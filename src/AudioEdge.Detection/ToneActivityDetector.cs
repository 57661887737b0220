using AudioEdge.Dsp;

namespace AudioEdge.Detection;

/// <summary>
/// Per log-mel frame: is an alarm sounder's tone on? Looks for a narrow-band peak in the piezo region
/// (2.7–4 kHz) and around 520 Hz: the prominence is the peak band's level above the median of its neighbourhood
/// (guard bands excluded), so broadband sounds (speech onsets, clatter, noise) do not count however loud they
/// are, and a tone counts however quiet the room is. Hysteresis (absolute on/off thresholds plus a relative
/// drop/rise) gives clean on/off timing at frame resolution (10 ms) for the cadence decoder. Once on, the detector
/// follows the beep in its own band (a sounder keeps its pitch) and reports its refined <see cref="Pitch"/> and
/// <see cref="LevelDb"/>, so that other tones in the region neither extend, split nor imitate it.
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
    // While on: the band the beep was found in (a beep keeps its pitch), and the loudest its own level has been.
    private int _lockedBand;
    private int _framesOn;
    private double _levelPeakSinceOn;
    private readonly int _regionFirst;
    private readonly int _regionLast;
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
        _regionFirst = _regions.Min(r => r.First);
        _regionLast = _regions.Max(r => r.Last);
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

    /// <summary>
    /// Whether the last frame's tone is a new, much louder one that took over from a weak tone still on (the
    /// cadence decoder then starts a new beep here rather than counting the weak one's time as part of it).
    /// </summary>
    public bool Restarted { get; private set; }

    /// <summary>
    /// How many frames before the last one the tone that just came on began: 0, except when it was already
    /// sounding as the stream started. The first judgement waits for three frames of history, so such a tone is
    /// reported on at the third frame; here it gets its true onset back (the frames before, as far back as each
    /// alone shows it standing out), or a recording trimmed to an alarm would start with a beep 20 ms short.
    /// </summary>
    public int OnsetFramesAgo { get; private set; }

    /// <summary>The band of the most prominent peak in the last frame (while on: the beep's own band).</summary>
    public int PeakBand { get; private set; }

    /// <summary>
    /// While on: the beep's pitch as a fractional mel band (the peak band refined by a parabola through it and its
    /// neighbours' log levels), steadier than <see cref="PeakBand"/> for comparing beeps; NaN while off.
    /// </summary>
    public double Pitch { get; private set; } = double.NaN;

    /// <summary>While on: the level of the beep's own band in dB (log-mel, 10·log10 of the band energy); NaN while off.</summary>
    public double LevelDb { get; private set; } = double.NaN;

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
        bool firstJudgement = _historyCount == SmoothingFrames - 1;
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

        Restarted = false;
        OnsetFramesAgo = 0;
        (double best, int bestBand) = RegionPeak(frame);
        if (IsOn)
        {
            return UpdateOn(frame, best, bestBand);
        }

        PeakBand = bestBand;
        ProminenceDb = best / NepersPerDb;
        _lowestSinceOff = Math.Min(_lowestSinceOff, best);
        if (best >= _on && best >= _lowestSinceOff + _rise)
        {
            Lock(frame, bestBand);
            if (firstJudgement)
            {
                OnsetFramesAgo = FramesAlreadySounding(bestBand);
            }
        }

        return IsOn;
    }

    /// <summary>
    /// A beep in progress is followed in its own band (± one, for drift and warble), not wherever the region's
    /// loudest peak is: another tonal sound in the region (music, a kettle, a second appliance) neither extends nor
    /// splits it. It ends when its band's level falls <see cref="ToneActivityOptions.DropDb"/> below the loudest it
    /// was (the sounder stopped; reverberation decays that far within tens of milliseconds), or when it no longer
    /// stands <see cref="ToneActivityOptions.OffProminenceDb"/> above its neighbourhood (masked). Judging the drop
    /// by the band's level rather than by its prominence keeps a steady beep on when the noise around it swells.
    /// </summary>
    private bool UpdateOn(Span<float> frame, double regionBest, int regionBand)
    {
        // The first frames of a beep may still carry the onset's splatter: the pitch settles by the third.
        int centre = _lockedBand;
        int from = Math.Max(_regionFirst, centre - 1), to = Math.Min(_regionLast, centre + 1);
        int peak = from;
        for (int b = from + 1; b <= to; b++)
        {
            if (frame[b] > frame[peak])
            {
                peak = b;
            }
        }

        if (_framesOn++ < 3)
        {
            _lockedBand = peak;
        }

        double level = frame[peak];
        if (Math.Abs(regionBand - _lockedBand) > 1 && regionBest >= _on && frame[regionBand] >= level + _drop)
        {
            // A much louder tone started elsewhere in the region while a weak one held the lock: the beep is
            // that one (the cadence decoder sees the pitch change and splits the two).
            Lock(frame, regionBand);
            Restarted = true;
            PeakBand = regionBand;
            ProminenceDb = regionBest / NepersPerDb;
            return true;
        }

        double prominence = level - NeighbourhoodMedian(frame, peak);
        PeakBand = _lockedBand;
        Pitch = RefinedPitch(frame, peak);
        LevelDb = level / NepersPerDb;
        ProminenceDb = prominence / NepersPerDb;
        _levelPeakSinceOn = Math.Max(_levelPeakSinceOn, level);
        if (prominence < _off || level < _levelPeakSinceOn - _drop)
        {
            IsOn = false;
            Pitch = double.NaN;
            LevelDb = double.NaN;
            _lowestSinceOff = prominence;
        }

        return IsOn;
    }

    private void Lock(Span<float> frame, int band)
    {
        IsOn = true;
        Pitch = RefinedPitch(frame, band);
        LevelDb = frame[band] / NepersPerDb;
        _lockedBand = band;
        _framesOn = 1;
        _levelPeakSinceOn = frame[band];
    }

    /// <summary>The band of a peak refined by a parabola through the log levels of it and its neighbours (±0.5).</summary>
    private double RefinedPitch(Span<float> frame, int band)
    {
        if (band <= 0 || band >= Bands - 1)
        {
            return band;
        }

        double below = frame[band - 1], at = frame[band], above = frame[band + 1];
        double curvature = below - (2 * at) + above;
        return curvature < 0 ? band + Math.Clamp(0.5 * (below - above) / curvature, -0.5, 0.5) : band;
    }

    /// <summary>The region's most prominent peak: its prominence (nepers) and band.</summary>
    private (double Prominence, int Band) RegionPeak(Span<float> frame)
    {
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

        return (best, bestBand);
    }

    /// <summary>Forgets the stream.</summary>
    public void Reset()
    {
        IsOn = false;
        Restarted = false;
        Pitch = double.NaN;
        LevelDb = double.NaN;
        _historyCount = 0;
        _historyNext = 0;
        _lowestSinceOff = double.NegativeInfinity;
        PeakBand = 0;
        ProminenceDb = 0;
        OnsetFramesAgo = 0;
    }

    /// <summary>The earlier frames of the history (newest first) that each alone show <paramref name="band"/> standing out as a tone.</summary>
    private int FramesAlreadySounding(int band)
    {
        int count = 0;
        for (int ago = 1; ago < SmoothingFrames; ago++)
        {
            int slot = (_historyNext - 1 - ago + (2 * SmoothingFrames)) % SmoothingFrames;
            Span<float> raw = _history.AsSpan(slot * Bands, Bands);
            if (raw[band] - NeighbourhoodMedian(raw, band) < _on)
            {
                break;
            }

            count = ago;
        }

        return count;
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

        // At most 2 × 32 values, sorted in place.
        Span<float> values = _scratch.AsSpan(0, count);
        SmallSort.InsertionSort(values);
        return (count & 1) == 1 ? values[count / 2] : 0.5f * (values[(count / 2) - 1] + values[count / 2]);
    }
}
