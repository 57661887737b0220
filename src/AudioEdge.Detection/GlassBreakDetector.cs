using AudioEdge.Dsp;

namespace AudioEdge.Detection;

/// <summary>
/// Glass-break events from the model's window score, confirmed by the physics in the frames: a low-frequency
/// onset (thud) followed within <see cref="GlassBreakOptions.MaxThudToShatterSeconds"/> by a broadband onset
/// above 4 kHz (shatter). The window must also be mostly high-frequency
/// (<see cref="GlassBreakOptions.MinHighBandShareDb"/>) and noise-like, not tonal, up there
/// (<see cref="GlassBreakOptions.MinHighBandFlatnessDb"/>), and still sounding at its end
/// (<see cref="GlassBreakOptions.MaxTailDecayDb"/>). A confirmed window needs the manifest's threshold and
/// gets a confidence boost; an unconfirmed one needs <see cref="GlassBreakOptions.UnconfirmedThreshold"/>. The event
/// is raised when the next window's score persists (<see cref="GlassBreakOptions.PersistenceFraction"/>). After an
/// event, a refractory period keeps one breakage from becoming several events.
/// </summary>
/// <remarks>
/// Onsets are measured against a background level per band tracked with an asymmetric average (follows a
/// falling level within ~50 ms, a rising one over ~0.5 s), so a step of the room's noise is not an onset twice
/// and an impact stands out at once. Allocation-free per frame.
/// </remarks>
public sealed class GlassBreakDetector
{
    private const double NepersPerDb = 0.230258509299;
    private const float RiseRate = 0.02f;   // per 10 ms frame: ~0.5 s to follow a louder room
    private const float FallRate = 0.2f;    // ~50 ms to follow a quieter one
    private const double QuietCloseSeconds = 0.5;

    private readonly GlassBreakOptions _options;
    private readonly float _threshold;
    private readonly float _release;
    private readonly double _windowSeconds;
    private readonly string _model;
    private readonly IEventSink _sink;
    private readonly Func<long> _nextId;
    private readonly int _thudLast;
    private readonly int _shatterFirst;
    private readonly int _shatterLast;
    private readonly float[] _shatterBackground;
    private readonly int _shatterBandsNeeded;
    private readonly double _thudRise;
    private readonly double _shatterRise;
    private readonly double _activeRise;
    private float _thudBackground;
    private bool _primed;
    private bool _thudAbove;
    private bool _shatterAbove;
    private double _lastThud = double.NegativeInfinity;
    private double _confirmedAt = double.NegativeInfinity;
    private double _confirmedThud;
    private double _lastShatter = double.NegativeInfinity;
    private double _lastHighActive = double.NegativeInfinity;
    private double _refractoryUntil = double.NegativeInfinity;
    private DetectionEvent? _open;
    private double _confidence;
    // A window that passed every check and waits for the next score to persist (PersistenceFraction).
    private readonly float _persistence;
    private bool _pending;
    private double _pendingStart;
    private double _pendingConfidence;
    // The last ~1.3 s of frames: time, level above ShatterMinHertz, that level's share of the whole frame's, and
    // the high bands' spectral flatness (all in nepers), for the spectral checks of a window.
    private const int ShareHistory = 128;
    private readonly double[] _shareTimes = new double[ShareHistory];
    private readonly float[] _highLevels = new float[ShareHistory];
    private readonly float[] _highShares = new float[ShareHistory];
    private readonly float[] _highFlatness = new float[ShareHistory];
    // Scratch for the median flatness of a window's loudest frames, sized once so that a window score allocates nothing.
    private readonly float[] _flatnessScratch = new float[ShareHistory];
    private int _shareNewest = -1;
    private int _shareCount;
    private readonly double _minShare;
    private readonly double _shareNear;
    private readonly double _minFlatness;
    private readonly double _maxTailDecay;
    // The window's end over which the shatter must still sound (MaxTailDecayDb): 0.2 s, as the falling fragments
    // sound sporadically and a short gap between two of them is not the end of the tail.
    private const double TailSeconds = 0.2;

    /// <param name="options">Physics and timing; defaults when null.</param>
    /// <param name="frontEnd">The features' parameters (band frequencies); the product defaults when null.</param>
    /// <param name="threshold">The manifest's glass_break threshold.</param>
    /// <param name="windowSeconds">How much audio one window score covers (0.96 s).</param>
    /// <param name="model"><c>id@version</c> for the events.</param>
    /// <param name="sink">Receives the events.</param>
    /// <param name="nextId">Event ids; 1, 2, 3, … of this detector when null.</param>
    /// <param name="releaseFraction">The event ends when the score falls below this fraction of the threshold.</param>
    public GlassBreakDetector(
        GlassBreakOptions? options, FrontEndOptions? frontEnd, float threshold, double windowSeconds, string model, IEventSink sink,
        Func<long>? nextId = null, double releaseFraction = 0.7)
    {
        _options = options ?? new GlassBreakOptions();
        IReadOnlyList<string> errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid GlassBreakOptions: " + string.Join(" ", errors), nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(threshold, 0f);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(windowSeconds, 0);
        ArgumentNullException.ThrowIfNull(sink);
        frontEnd ??= FrontEndOptions.Default;
        _threshold = threshold;
        _release = (float)(threshold * releaseFraction);
        _persistence = (float)(threshold * _options.PersistenceFraction);
        _windowSeconds = windowSeconds;
        _model = model;
        _sink = sink;
        long ids = 0;
        _nextId = nextId ?? (() => ++ids);

        (_, _thudLast) = BandMap.Between(frontEnd, 0, _options.ThudMaxHertz);
        (_shatterFirst, _shatterLast) = BandMap.Between(frontEnd, _options.ShatterMinHertz, double.MaxValue);
        if (_thudLast < 0 || _shatterLast < _shatterFirst)
        {
            throw new ArgumentException("The front end has no bands in the thud or shatter range.", nameof(frontEnd));
        }

        _shatterBackground = new float[_shatterLast - _shatterFirst + 1];
        _shatterBandsNeeded = Math.Max(1, (int)Math.Ceiling(_options.ShatterBandFraction * _shatterBackground.Length));
        _thudRise = _options.ThudRiseDb * NepersPerDb;
        _shatterRise = _options.ShatterRiseDb * NepersPerDb;
        _activeRise = _options.ShatterRiseDb * 0.5 * NepersPerDb;
        _minShare = _options.MinHighBandShareDb * NepersPerDb;
        _shareNear = 6 * NepersPerDb;
        _minFlatness = _options.MinHighBandFlatnessDb * NepersPerDb;
        _maxTailDecay = _options.MaxTailDecayDb * NepersPerDb;
    }

    /// <summary>Time of the last thud-then-shatter confirmation (seconds); −∞ before the first.</summary>
    public double LastConfirmation => _confirmedAt;

    /// <summary>Takes one log-mel frame at <paramref name="time"/> seconds.</summary>
    public void OnFrame(ReadOnlySpan<float> frame, double time)
    {
        // Thud: total low-band energy (log of the sum), so the pane's resonance counts wherever it lies below 300 Hz.
        float low = 0;
        for (int b = 0; b <= _thudLast; b++)
        {
            low += MathF.Exp(frame[b]);
        }

        float thud = MathF.Log(MathF.Max(low, 1e-30f));
        float total = low, high = 0, highLogSum = 0;
        for (int b = _thudLast + 1; b < frame.Length; b++)
        {
            float energy = MathF.Exp(frame[b]);
            bool inHigh = b >= _shatterFirst && b <= _shatterLast;
            total += energy;
            high += inHigh ? energy : 0;
            highLogSum += inHigh ? frame[b] : 0;
        }

        _shareNewest = (_shareNewest + 1) % ShareHistory;
        _shareCount = Math.Min(_shareCount + 1, ShareHistory);
        _shareTimes[_shareNewest] = time;
        _highLevels[_shareNewest] = MathF.Log(MathF.Max(high, 1e-30f));
        _highShares[_shareNewest] = _highLevels[_shareNewest] - MathF.Log(MathF.Max(total, 1e-30f));
        // Flatness: the log of the high bands' geometric over their arithmetic mean energy, 0 when all are equal.
        int highBands = _shatterBackground.Length;
        _highFlatness[_shareNewest] = (highLogSum / highBands) - (_highLevels[_shareNewest] - MathF.Log(highBands));
        if (!_primed)
        {
            _thudBackground = thud;
            frame.Slice(_shatterFirst, _shatterBackground.Length).CopyTo(_shatterBackground);
            _primed = true;
            return;
        }

        bool thudAbove = thud - _thudBackground >= _thudRise;
        if (thudAbove && !_thudAbove)
        {
            _lastThud = time;
        }

        _thudAbove = thudAbove;
        _thudBackground = Track(_thudBackground, thud);

        int above = 0, active = 0;
        for (int i = 0; i < _shatterBackground.Length; i++)
        {
            float rise = frame[_shatterFirst + i] - _shatterBackground[i];
            above += rise >= _shatterRise ? 1 : 0;
            active += rise >= _activeRise ? 1 : 0;
            _shatterBackground[i] = Track(_shatterBackground[i], frame[_shatterFirst + i]);
        }

        bool shatterAbove = above >= _shatterBandsNeeded;
        if (shatterAbove && !_shatterAbove)
        {
            _lastShatter = time;
            if (time - _lastThud <= _options.MaxThudToShatterSeconds + 1e-9)
            {
                _confirmedAt = time;
                _confirmedThud = _lastThud;
            }
        }

        _shatterAbove = shatterAbove;
        if (active >= _shatterBandsNeeded)
        {
            _lastHighActive = time;
        }
    }

    /// <summary>Takes the glass score of the window whose newest frame is at <paramref name="time"/>.</summary>
    public void OnWindowScore(double time, float score)
    {
        if (_open is not null)
        {
            _confidence = Math.Max(_confidence, Confidence(score, _confirmedAt >= _open.Start));
            // Over when the model lets go, when the shatter has died away, or at the latest after MaxEventSeconds.
            if (score < _release || time - _lastHighActive >= QuietCloseSeconds || time - _open.Start >= _options.MaxEventSeconds)
            {
                Close(time);
            }

            return;
        }

        if (time < _refractoryUntil)
        {
            _pending = false;
            return;
        }

        // The window before passed every check: the model still recognising the sound 0.1 s later raises the event.
        // A score below the persistence level is below the threshold too, so this window cannot pass on its own.
        if (_pending)
        {
            _pending = false;
            if (score >= _persistence)
            {
                Open(_pendingStart, _pendingConfidence, time);
                return;
            }
        }

        double windowStart = time - _windowSeconds;
        bool confirmed = _confirmedAt >= windowStart;
        if ((confirmed ? score >= _threshold : score >= Math.Max(_threshold, _options.UnconfirmedThreshold))
            && HighBandIsShatter(windowStart, time))
        {
            // Not before the stream's time 0: a lead-in's windows (DetectionPipeline.LeadIn) reach back before it.
            double start = Math.Max(0, confirmed ? _confirmedThud : (_lastShatter >= windowStart ? _lastShatter : windowStart));
            if (_persistence > 0)
            {
                _pending = true;
                _pendingStart = start;
                _pendingConfidence = Confidence(score, confirmed);
            }
            else
            {
                Open(start, Confidence(score, confirmed), time);
            }
        }
    }

    private void Open(double start, double confidence, double time)
    {
        _confidence = confidence;
        _lastHighActive = Math.Max(_lastHighActive, start);
        _open = new DetectionEvent(_nextId(), EventLabels.GlassBreak, start, null, Math.Round(_confidence, 4), time, _model);
        _sink.EventStarted(_open);
    }

    /// <summary>End of stream at <paramref name="time"/>: closes an open event.</summary>
    public void Finish(double time)
    {
        if (_open is not null)
        {
            Close(time);
        }
    }

    /// <summary>
    /// The window's sound above <see cref="GlassBreakOptions.ShatterMinHertz"/>, at its loudest moments, is a
    /// shatter's: a large enough share of the whole, and noise-like; and it is still sounding at the window's end
    /// (<paramref name="time"/>), not a knock that died away before the model's score rose.
    /// </summary>
    private bool HighBandIsShatter(double since, double time)
    {
        float loudest = LoudestHighLevel(since);
        return HighBandShare(since, loudest) >= _minShare && HighBandFlatness(since, loudest) >= _minFlatness
            && loudest - LoudestHighLevel(time - TailSeconds + 1e-9) <= _maxTailDecay;
    }

    /// <summary>The highest high-band level (nepers) among the frames since <paramref name="since"/>.</summary>
    private float LoudestHighLevel(double since)
    {
        float loudest = float.MinValue;
        for (int age = 0; age < _shareCount; age++)
        {
            int i = (_shareNewest - age + ShareHistory) % ShareHistory;
            if (_shareTimes[i] < since)
            {
                break;
            }

            loudest = MathF.Max(loudest, _highLevels[i]);
        }

        return loudest;
    }

    /// <summary>
    /// How much of the sound lies above <see cref="GlassBreakOptions.ShatterMinHertz"/> at the window's loudest high
    /// moments: the largest high-band share (nepers, ≤ 0) among frames since <paramref name="since"/> whose
    /// high-band level is within 6 dB of <paramref name="loudest"/>, the window's highest.
    /// </summary>
    private double HighBandShare(double since, float loudest)
    {
        double share = double.NegativeInfinity;
        for (int age = 0; age < _shareCount; age++)
        {
            int i = (_shareNewest - age + ShareHistory) % ShareHistory;
            if (_shareTimes[i] < since)
            {
                break;
            }

            if (_highLevels[i] >= loudest - _shareNear)
            {
                share = Math.Max(share, _highShares[i]);
            }
        }

        return share;
    }

    /// <summary>
    /// How noise-like the high bands are at the window's loudest high moments: the median flatness (nepers, ≤ 0)
    /// among the same frames as <see cref="HighBandShare"/>. The median, so that neither the one broadband click
    /// that starts a ringing plate passes it nor one tonal frame amid a shatter fails it.
    /// </summary>
    private double HighBandFlatness(double since, float loudest)
    {
        int count = 0;
        for (int age = 0; age < _shareCount; age++)
        {
            int i = (_shareNewest - age + ShareHistory) % ShareHistory;
            if (_shareTimes[i] < since)
            {
                break;
            }

            if (_highLevels[i] >= loudest - _shareNear)
            {
                _flatnessScratch[count++] = _highFlatness[i];
            }
        }

        Span<float> values = _flatnessScratch.AsSpan(0, count);
        SmallSort.InsertionSort(values);
        return count == 0 ? double.NegativeInfinity : values[count / 2];
    }

    private static float Track(float background, float value) =>
        background + ((value > background ? RiseRate : FallRate) * (value - background));

    /// <summary>Confirmation halves the remaining doubt; without it the score is discounted.</summary>
    private static double Confidence(float score, bool confirmed) => confirmed ? 1 - ((1 - score) * 0.5) : score * 0.8;

    private void Close(double time)
    {
        double end = Math.Clamp(_lastHighActive, _open!.Start, Math.Min(time, _open.Start + _options.MaxEventSeconds));
        DetectionEvent ended = _open with { End = end, Confidence = Math.Round(_confidence, 4) };
        _open = null;
        _refractoryUntil = end + _options.RefractorySeconds;
        _sink.EventEnded(ended);
    }
}
