namespace AudioEdge.Detection;

/// <summary>
/// Turns cadence matches of one label into events: one alarm = one event, however many matches it produces.
/// A match starts an event when the model agreed (its alarm score reached the threshold during the matched
/// beeps; a repeated T4 group needs less of it, and from a set number of cycles nothing); the event stays open
/// while beeps of the same pitch continue with the model still above its release level, and ends
/// <c>holdSeconds</c> after the last such beep.
/// </summary>
internal sealed class AlarmEventTracker
{
    // A window's score reflects the 0.96 s before it; a match's first beep can be that much older than the window that saw it.
    private const double GateLeadSeconds = 1.0;
    private const double ReleaseLookbackSeconds = 2.0;

    private readonly string _label;
    private readonly bool _skipTemporalFourWindows;
    private readonly double _holdSeconds;
    private readonly float _threshold;
    private readonly float _repeatThreshold;
    private readonly int _cadenceOnlyCycles;
    private readonly float _release;
    private readonly int _samePitchBands;
    private readonly string _model;
    private readonly ScoreHistory _scores;
    private readonly IEventSink _sink;
    private readonly EventIdSequence _ids;
    private DetectionEvent? _open;
    private double _lastActive;
    private double _confidence;
    private int _band;

    public AlarmEventTracker(
        string label, double holdSeconds, float threshold, float release, int samePitchBands, string model, ScoreHistory scores, IEventSink sink, EventIdSequence ids,
        float repeatThreshold = float.NaN, int cadenceOnlyCycles = 0, bool skipTemporalFourWindows = false)
    {
        _label = label;
        _skipTemporalFourWindows = skipTemporalFourWindows;
        _holdSeconds = holdSeconds;
        _threshold = threshold;
        _repeatThreshold = float.IsNaN(repeatThreshold) ? threshold : repeatThreshold;
        _cadenceOnlyCycles = cadenceOnlyCycles;
        _release = release;
        _samePitchBands = samePitchBands;
        _model = model;
        _scores = scores;
        _sink = sink;
        _ids = ids;
    }

    public bool IsOpen => _open is not null;

    /// <param name="match">A cadence of this tracker's label.</param>
    /// <param name="now">Stream time.</param>
    /// <param name="maxPiezoLevel">
    /// Only windows in which no piezo-region tone louder than this (dB) was heard count as the model agreeing
    /// (<see cref="DetectionOptions.LowToneCreditMarginDb"/>); +∞ for a piezo cadence.
    /// </param>
    public void OnMatch(in CadenceMatch match, double now, double maxPiezoLevel = double.PositiveInfinity)
    {
        float gate = _scores.MaxSince(match.Start - GateLeadSeconds, maxPiezoLevel, _skipTemporalFourWindows);
        // The model says "alarm sounder", the cadence says which: confidence is mostly the model's, scaled by the fit.
        double confidence = Math.Clamp(gate * (0.75 + (0.25 * match.Fit)), 0, 1);
        if (_open is null)
        {
            // A pattern that has repeated at one pitch and level carries evidence of its own, more with every cycle
            // (see DetectionOptions.RepeatedTemporalFourGateFraction and CadenceOnlyTemporalFourCycles).
            bool cadenceOnly = _cadenceOnlyCycles > 0 && match.Cycles >= _cadenceOnlyCycles;
            if (!cadenceOnly && gate < (match.Cycles >= 2 ? _repeatThreshold : _threshold))
            {
                return;
            }

            _band = match.Band;
            _lastActive = match.LastSound;
            _confidence = confidence;
            // Not before the stream's time 0 (a beep already sounding in a lead-in, DetectionPipeline.LeadIn).
            _open = new DetectionEvent(_ids.Next(), _label, Math.Max(0, match.Start), null, Math.Round(confidence, 4), now, _model);
            _sink.EventStarted(_open);
        }
        else if (Math.Abs(match.Band - _band) <= _samePitchBands)
        {
            _lastActive = Math.Max(_lastActive, match.LastSound);
            _confidence = Math.Max(_confidence, confidence);
        }
    }

    /// <summary>Every frame: <paramref name="toneOn"/> is a beep (not a click) sounding at <paramref name="band"/>.</summary>
    public void OnFrame(double now, bool toneOn, int band)
    {
        if (_open is null)
        {
            return;
        }

        if (toneOn && Math.Abs(band - _band) <= _samePitchBands && _scores.MaxSince(now - ReleaseLookbackSeconds) >= _release)
        {
            _lastActive = now;
        }
        else if (now - _lastActive >= _holdSeconds)
        {
            Close();
        }
    }

    public void Finish()
    {
        if (_open is not null)
        {
            Close();
        }
    }

    private void Close()
    {
        DetectionEvent ended = _open! with { End = Math.Max(_open!.Start, _lastActive), Confidence = Math.Round(_confidence, 4) };
        _open = null;
        _sink.EventEnded(ended);
    }
}
