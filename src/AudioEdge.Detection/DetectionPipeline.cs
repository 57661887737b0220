using AudioEdge.Dsp;
using AudioEdge.Inference;

namespace AudioEdge.Detection;

/// <summary>
/// The streaming detector: 16 kHz samples in, in chunks of any size; smoke-alarm, CO-alarm and glass-break
/// events out, through an <see cref="IEventSink"/>, as they are decided and as they end.
/// </summary>
/// <remarks>
/// <para>
/// Samples → <see cref="LogMelFrontEnd"/> → a window of the last <see cref="IWindowScorer.WindowFrames"/> frames
/// → every <see cref="DetectionModel.HopFrames"/> frames the model scores the window. Beside the model, every
/// frame feeds a <see cref="ToneActivityDetector"/> (is an alarm tone on, at 10 ms resolution) and the
/// <see cref="GlassBreakDetector"/>'s physics. The model's "alarm" score is the gate (this is an alarm sound), the
/// tone activity gives the timing that <see cref="AlarmCadenceDecoder"/> reads as T3, T4 or continuous. Windows
/// are scored at frames whose count is a multiple of the hop, so results do not depend on how the audio was
/// chunked.
/// </para>
/// <para>
/// Time: frame i is centred at (i·hop + window/2) / rate seconds; everything reported (events, window scores)
/// is on that clock. Allocation-free per frame and per hop in steady state (events themselves are objects).
/// One instance per stream and thread; it does not own the scorer.
/// </para>
/// </remarks>
public sealed class DetectionPipeline
{
    // Audio is fed to the front end in slices of at most this many hops, so the frame buffer has a fixed size.
    private const int SliceHops = 16;

    // Indexes of the two tone regions in _tones and _cadences.
    private const int PiezoRegion = 0;
    private const int LowToneRegion = 1;

    /// <summary>
    /// Frames of background <see cref="LeadIn"/> plays before a recording: 1 s, more than a window, and a whole number
    /// of the model's 10-frame hops, so the recording's windows fall where a live stream's would.
    /// </summary>
    public const int LeadInFrames = 100;

    /// <summary>Frames of background <see cref="LeadOut"/> plays after a recording: 0.5 s.</summary>
    public const int LeadOutFrames = 50;

    /// <summary>How much of a recording's opening <see cref="LeadIn"/> estimates the background from.</summary>
    public const double LeadInOpeningSeconds = 5;

    // The background: the quietest 20 % of the opening's frames (quieter than most events, above dropouts).
    private const double LeadInPercentile = 0.2;

    private readonly IWindowScorer _scorer;
    private readonly IEventSink _sink;
    private readonly IWindowScoreObserver? _observer;
    private readonly LogMelFrontEnd _frontEnd;
    private readonly FrontEndOptions _frontEndOptions;
    private readonly FrameWindow _window;
    // One tone detector and cadence decoder per sounder region: an alarm is piezo or low-frequency, never both,
    // and a tonal sound in one region must not break the cadence of an alarm in the other.
    private readonly ToneActivityDetector[] _tones;
    private readonly AlarmCadenceDecoder[] _cadences;
    private readonly AlarmEventTracker _smoke;
    private readonly AlarmEventTracker _co;
    private readonly GlassBreakDetector? _glass;
    private readonly ScoreHistory _alarmScores;
    private readonly float[] _frames;
    private readonly float[] _scores;
    private readonly int _alarmIndex;
    private readonly int _glassIndex;
    private readonly int _hopFrames;
    private readonly int _sliceSamples;
    private readonly double _secondsPerFrame;
    private double _firstFrameTime;
    private readonly double _minBeepSeconds;
    private readonly double _lowToneCreditMarginDb;
    private long _frameIndex;
    private bool _started;
    private bool _leadingIn;
    private List<float[]>? _background;
    private bool _ledOut;
    private bool _finished;

    /// <param name="scorer">The model; its labels must include <c>alarm</c> and/or <c>glass_break</c> (others are only reported to the observer).</param>
    /// <param name="model">Name, hop and thresholds (<see cref="DetectionModel.FromManifest"/>).</param>
    /// <param name="sink">Receives events.</param>
    /// <param name="options">Tuning; defaults when null.</param>
    /// <param name="frontEnd">Feature parameters; must be those the model was trained on. The product defaults when null.</param>
    /// <param name="observer">Sees every window score; optional.</param>
    /// <exception cref="ArgumentException">Invalid options, or a scorer/model that does not fit the front end.</exception>
    public DetectionPipeline(
        IWindowScorer scorer, DetectionModel model, IEventSink sink, DetectionOptions? options = null, FrontEndOptions? frontEnd = null, IWindowScoreObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sink);
        options ??= DetectionOptions.Default;
        frontEnd ??= FrontEndOptions.Default;
        var errors = new List<string>(options.Validate());
        if (scorer.Bands != frontEnd.MelBands)
        {
            errors.Add($"The scorer takes {scorer.Bands} bands per frame; the front end makes {frontEnd.MelBands}.");
        }

        if (model.HopFrames < 1 || model.HopFrames > scorer.WindowFrames)
        {
            errors.Add($"HopFrames must be 1..{scorer.WindowFrames} (got {model.HopFrames}).");
        }

        _alarmIndex = IndexOf(scorer.Labels, EventLabels.ModelAlarm);
        _glassIndex = IndexOf(scorer.Labels, EventLabels.ModelGlassBreak);
        if (_alarmIndex < 0 && _glassIndex < 0)
        {
            errors.Add($"The model's labels ({string.Join(", ", scorer.Labels)}) include neither '{EventLabels.ModelAlarm}' nor '{EventLabels.ModelGlassBreak}'.");
        }

        foreach (int index in new[] { _alarmIndex, _glassIndex }.Where(i => i >= 0))
        {
            if (!model.Thresholds.TryGetValue(scorer.Labels[index], out float t) || !(t > 0 && t < 1))
            {
                errors.Add($"The model needs a threshold within (0, 1) for '{scorer.Labels[index]}'.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Cannot build the detection pipeline: " + string.Join(" ", errors));
        }

        _scorer = scorer;
        _sink = sink;
        _observer = observer;
        _hopFrames = model.HopFrames;
        _frontEnd = new LogMelFrontEnd(frontEnd);
        _frontEndOptions = frontEnd;
        _window = new FrameWindow(scorer.WindowFrames, frontEnd.MelBands);
        _sliceSamples = SliceHops * frontEnd.HopLength;
        _frames = new float[(SliceHops + 1) * frontEnd.MelBands];
        _scores = new float[scorer.Labels.Count];
        _secondsPerFrame = frontEnd.HopLength / (double)frontEnd.SampleRate;
        _firstFrameTime = frontEnd.WindowLength / 2.0 / frontEnd.SampleRate;
        WindowSeconds = ((scorer.WindowFrames - 1) * _secondsPerFrame) + (frontEnd.WindowLength / (double)frontEnd.SampleRate);

        _minBeepSeconds = options.Cadence.MinBeepSeconds;
        _lowToneCreditMarginDb = options.LowToneCreditMarginDb;
        var ids = new EventIdSequence();
        _tones = new ToneActivityDetector[2];
        _tones[PiezoRegion] = new ToneActivityDetector(options.Tone, frontEnd, ToneRegion.Piezo);
        _tones[LowToneRegion] = new ToneActivityDetector(options.Tone, frontEnd, ToneRegion.LowFrequency);
        _cadences = [new AlarmCadenceDecoder(options.Cadence), new AlarmCadenceDecoder(options.Cadence)];
        // Scores of the last ~13 s: more than any gate or release look-back needs.
        _alarmScores = new ScoreHistory(Math.Max(16, 1280 / model.HopFrames));
        float alarmThreshold = _alarmIndex >= 0 ? model.Thresholds[scorer.Labels[_alarmIndex]] : 1f;
        float release = (float)(alarmThreshold * options.ReleaseFraction);
        int samePitch = options.Cadence.SamePitchBands;
        // A smoke cadence takes no credit for windows that hold a decoded T4 group: their score is the CO alarm's.
        // Background tones strung into "continuous beeping" across a CO alarm's pulses were reported as a smoke
        // alarm beside it (on 200 synthetic CO scenarios 7 such events → 4; over five folds the last smoke false
        // event → none); a smoke alarm sounding with a CO alarm still has every other window.
        _smoke = new AlarmEventTracker(
            EventLabels.SmokeAlarm, options.SmokeAlarmEndSeconds, alarmThreshold, release, samePitch, model.Name, _alarmScores, sink, ids,
            skipTemporalFourWindows: true);
        _co = new AlarmEventTracker(
            EventLabels.CoAlarm, options.CoAlarmEndSeconds, alarmThreshold, release, samePitch, model.Name, _alarmScores, sink, ids,
            (float)(alarmThreshold * options.RepeatedTemporalFourGateFraction), options.CadenceOnlyTemporalFourCycles);
        if (_glassIndex >= 0)
        {
            _glass = new GlassBreakDetector(
                options.Glass, frontEnd, model.Thresholds[scorer.Labels[_glassIndex]], WindowSeconds, model.Name, sink, ids.Next, options.ReleaseFraction);
        }
    }

    /// <summary>Stream time of the newest frame, seconds (0 before the first).</summary>
    public double Time => _frameIndex == 0 ? 0 : FrameTime(_frameIndex - 1);

    /// <summary>Frames processed so far.</summary>
    public long Frames => _frameIndex;

    /// <summary>Seconds of audio one window covers (0.985 s for 96 frames).</summary>
    public double WindowSeconds { get; }

    /// <summary>Whether the tone activity detector hears an alarm tone in the newest frame.</summary>
    public bool ToneOn => _tones[0].IsOn || _tones[1].IsOn;

    /// <summary>
    /// Before a recording: plays <see cref="LeadInFrames"/> frames (1 s) of its own background on negative times,
    /// so that the recording starts as it would for a device that had been listening to that room before it, and a
    /// sound in its first second is judged on full windows instead of waiting for the first 0.96 s window to fill
    /// (a glass break in a recording's first 0.3 s was missed half the time). The background is estimated from
    /// <paramref name="opening"/>, the recording's first seconds (up to <see cref="LeadInOpeningSeconds"/> are
    /// used): its quietest fifth of frames (by summed log-mel), played as they came, forwards then backwards. Not
    /// one constant frame (a stillness no room has: over five folds it left 3 more false glass events and found 3
    /// fewer breaks at a clip's very start), and not silence or a quiet noise floor: a
    /// recording that opens on steady noise (a frying pan, running water) must not open with a step from quiet,
    /// which is what a breaking window looks like. The stream's own clock is unchanged; windows that end before
    /// time 0 are not reported to the observer. The background feeds the model's window and the glass physics only:
    /// the alarm path (tone activity, cadence) starts at the recording's first frame. The daemon, which listens
    /// continuously, does not need it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Audio was processed already.</exception>
    public void LeadIn(ReadOnlySpan<float> opening)
    {
        if (_started || _finished)
        {
            throw new InvalidOperationException("A lead-in must come before the stream's first sample.");
        }

        _started = true;
        int bands = _frontEnd.FrameLength;
        opening = opening[..Math.Min(opening.Length, (int)(LeadInOpeningSeconds * _frontEndOptions.SampleRate))];
        float[] frames = LogMelFrontEnd.ComputeAll(opening, _frontEndOptions);
        int count = frames.Length / bands;
        if (count == 0)
        {
            return;
        }

        // The quietest fifth of the opening's frames, as they came: a real background flickers from frame to
        // frame, and a constant frame (what a per-band percentile gives) is a stillness the model never heard.
        var energy = new float[count];
        for (int f = 0; f < count; f++)
        {
            float sum = 0;
            foreach (float v in frames.AsSpan(f * bands, bands))
            {
                sum += v;
            }

            energy[f] = sum;
        }

        var sorted = (float[])energy.Clone();
        Array.Sort(sorted);
        float quietest = sorted[(int)(LeadInPercentile * (count - 1))];
        var quiet = new List<float[]>();
        for (int f = 0; f < count; f++)
        {
            if (energy[f] <= quietest)
            {
                quiet.Add(frames.AsSpan(f * bands, bands).ToArray());
            }
        }

        _background = quiet;
        _firstFrameTime -= LeadInFrames * _secondsPerFrame;
        _leadingIn = true;
        for (int f = 0; f < LeadInFrames; f++)
        {
            OnFrame(BackgroundFrame(f));
        }

        _leadingIn = false;
    }

    /// <summary>
    /// After a recording that had a <see cref="LeadIn"/>, before <see cref="Complete"/>: plays
    /// <see cref="LeadOutFrames"/> frames (0.5 s) of the same background, as the room would go on sounding after
    /// it. A glass break in a recording's last 0.3 s is then judged as one in the middle would be (the detector
    /// needs the window after the first one that passes, 0.1 s later); without it, breaks the recording stops
    /// 0.15–0.3 s after were missed. Events it completes are emitted at their times after the recording's end;
    /// their start and end are the recording's (the background adds no evidence). No-op without a lead-in.
    /// </summary>
    /// <exception cref="InvalidOperationException">After <see cref="Complete"/>.</exception>
    public void LeadOut()
    {
        if (_finished)
        {
            throw new InvalidOperationException("The stream was completed; a lead-out must come before Complete.");
        }

        _ledOut = true;
        if (_background is null)
        {
            return;
        }

        // Frames the front end still holds (the recording's last samples) are not completed: the lead-out
        // continues the frame clock, as the next frames of a live stream would.
        for (int f = 0; f < LeadOutFrames; f++)
        {
            OnFrame(BackgroundFrame(LeadInFrames + f));
        }
    }

    /// <summary>The background's frame at lead time <paramref name="index"/>: its quiet frames forwards, then
    /// backwards, and so on, so that no wrap-around jump looks like an onset.</summary>
    private float[] BackgroundFrame(int index)
    {
        int n = _background!.Count;
        if (n == 1)
        {
            return _background[0];
        }

        int phase = index % (2 * (n - 1));
        return _background[phase < n ? phase : (2 * (n - 1)) - phase];
    }

    /// <summary>Consumes <paramref name="samples"/> (16 kHz mono, any length); events are reported before it returns.</summary>
    /// <exception cref="InvalidOperationException">After <see cref="LeadOut"/> or <see cref="Complete"/>.</exception>
    public void Process(ReadOnlySpan<float> samples)
    {
        if (_finished)
        {
            throw new InvalidOperationException("The stream was completed; create a new pipeline for a new stream.");
        }

        if (_ledOut)
        {
            throw new InvalidOperationException("After the lead-out the recording is over; create a new pipeline for a new stream.");
        }

        _started = true;

        while (!samples.IsEmpty)
        {
            ReadOnlySpan<float> slice = samples[..Math.Min(samples.Length, _sliceSamples)];
            samples = samples[slice.Length..];
            int count = _frontEnd.Process(slice, _frames);
            for (int f = 0; f < count; f++)
            {
                OnFrame(_frames.AsSpan(f * _frontEnd.FrameLength, _frontEnd.FrameLength));
            }
        }
    }

    /// <summary>End of stream: decides what is pending and ends every open event at its last evidence.</summary>
    public void Complete()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        double now = Time;
        foreach (AlarmCadenceDecoder cadence in _cadences)
        {
            cadence.Finish(now);
        }

        TakeMatches(now);
        _smoke.Finish();
        _co.Finish();
        _glass?.Finish(now);
    }

    private double FrameTime(long index) => _firstFrameTime + (index * _secondsPerFrame);

    private void OnFrame(ReadOnlySpan<float> frame)
    {
        double now = FrameTime(_frameIndex++);
        _window.Add(frame);

        // The lead-in's and lead-out's background is for the model's window and the glass physics, which need a
        // past and a future. It is no evidence of beeps: a constant frame holding a background tone would be one
        // endless "beep" reaching into the recording. Tones are judged from the recording's first frame (a tone
        // sounding there keeps its onset: ToneActivityDetector.OnsetFramesAgo), and after its end the cadence
        // decoders hear silence, so what they were waiting to decide is decided as the stream would.
        bool padding = _leadingIn || _ledOut;
        for (int r = 0; r < _tones.Length; r++)
        {
            if (!padding)
            {
                _tones[r].Update(frame);
                _cadences[r].Update(now, _tones[r]);
            }
            else if (_ledOut)
            {
                _cadences[r].Update(now, toneOn: false, _tones[r].PeakBand);
            }
        }

        _glass?.OnFrame(frame, now);

        if (_window.IsFull && _frameIndex % _hopFrames == 0)
        {
            _scorer.Score(_window.Window, _scores);
            if (!_leadingIn)
            {
                _observer?.WindowScored(now, _scores);
            }

            if (_alarmIndex >= 0)
            {
                _alarmScores.Add(now, _scores[_alarmIndex], _cadences[PiezoRegion].LoudestLevelSince(now - WindowSeconds));
            }

            if (_glassIndex >= 0)
            {
                _glass!.OnWindowScore(now, _scores[_glassIndex]);
            }
        }

        if (_alarmIndex >= 0 && !_leadingIn)
        {
            TakeMatches(now);
            int beepingRegion = -1;
            for (int r = 0; r < _cadences.Length && beepingRegion < 0; r++)
            {
                if (_cadences[r].IsToneOn && _cadences[r].ToneSeconds >= _minBeepSeconds)
                {
                    beepingRegion = r;
                }
            }

            int peakBand = beepingRegion >= 0 ? _tones[beepingRegion].PeakBand : _tones[0].PeakBand;
            _smoke.OnFrame(now, beepingRegion >= 0, peakBand);
            _co.OnFrame(now, beepingRegion >= 0, peakBand);
        }
    }

    private void TakeMatches(double now)
    {
        foreach (AlarmCadenceDecoder cadence in _cadences)
        {
            TakeMatches(cadence, now);
        }
    }

    private void TakeMatches(AlarmCadenceDecoder cadence, double now)
    {
        while (cadence.TryTakeMatch(out CadenceMatch match))
        {
            if (_alarmIndex < 0)
            {
                continue;
            }

            if (match.Pattern == CadencePattern.TemporalFour)
            {
                _alarmScores.MarkTemporalFour(match.Start, match.LastSound + WindowSeconds);
            }

            AlarmEventTracker tracker = match.Pattern == CadencePattern.TemporalFour ? _co : _smoke;
            // A 520 Hz cadence is not credited with windows whose score a far louder piezo tone explains (LowToneCreditMarginDb).
            double maxPiezoLevel = ReferenceEquals(cadence, _cadences[LowToneRegion])
                ? cadence.LoudestLevelSince(match.Start, match.Band) + _lowToneCreditMarginDb
                : double.PositiveInfinity;
            tracker.OnMatch(match, now, maxPiezoLevel);
        }
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
