namespace AudioEdge.Detection;

/// <summary>
/// Recognises alarm cadences from the per-frame tone on/off signal: temporal-3 (smoke), temporal-4 (CO) and
/// continuous beeping or tone (smoke). Feed every frame to <see cref="Update"/>; take what it recognised with
/// <see cref="TryTakeMatch"/>.
/// </summary>
/// <remarks>
/// <para>
/// Frames become beeps first: gaps shorter than <see cref="AlarmCadenceOptions.MergeGapSeconds"/> are bridged
/// (noise masking a beep for a moment) unless the tone comes back much louder (a beep that began there, after a
/// weak tone of another sound), on-segments shorter than <see cref="AlarmCadenceOptions.MinBeepSeconds"/>
/// are dropped (clicks). Periods are measured onset to onset, because reverberation lengthens a beep's tail but
/// leaves its onset sharp; beep lengths only get an upper tail allowance.
/// </para>
/// <para>
/// Temporal patterns are matched on a slot grid: T3 is a 4-slot cycle (one slot = 1 s) with beeps in slots 0–2;
/// T4 a 4-slot group (0.2 s) of pulses. Each onset interval is a whole number of slots within the tolerance; a
/// sequence matches when a phase exists in which no beep falls on a silent slot and at most one expected beep is
/// missing (a missed beep needs one more beep of evidence). T3 is reported once the third beep has sounded as
/// long as the shortest T3 beep (about 2.4 s after onset), T4 when a group of 3–4 pulses of T4 length closes
/// (about 1.1 s), continuous once it has sounded for <see cref="AlarmCadenceOptions.ContinuousSeconds"/>. Every beep of one alarm has the same pitch (within
/// <see cref="AlarmCadenceOptions.SamePitchBands"/>), which keeps doorbells and melodies out; for T3 and T4, where
/// the tone detector measured them, also the same refined pitch and level (one sounder): beeps of other sources in
/// between are skipped rather than breaking the pattern, and cannot fill one in. A tone of another pitch in a
/// beep's gap does not bridge the gap. In fast continuous beeping, a tone of another pitch far weaker than the
/// beeps either side of it (<see cref="AlarmCadenceOptions.ContinuousSkipWeakerDb"/>) is skipped likewise, as long
/// as those beeps keep the run's period. Fast beeping whose gaps the merge gap bridged in places is one run, its
/// long tones counted as sound of it and not timed. Two T4-length pulses joined by a bridged dip (reverberation filling the
/// gap) are split again, the second with an onset too rough to time.
/// </para>
/// <para>T3 and T4 matches repeat with every completed beep or group; the event tracker turns them into one event. Allocation-free.</para>
/// </remarks>
public sealed class AlarmCadenceDecoder
{
    private const int MaxPatternBeeps = 8;
    private const int PitchChangeFrames = 3;

    // Frames after a bridged gap in which a much louder tone is a new beep: a step in level reaches the tone
    // detector's smoothed level only after its 25 ms analysis window (2–3 frames) and its three-frame average have
    // both filled, and a sounder's own attack adds a frame or two; a weak tone of the background that comes back a
    // frame before the beep starts the count early. Two frames (the old count) missed a 3.1 kHz T3 beep that
    // reached +10 dB in its fourth frame.
    private const int BridgeRiseFrames = 6;

    private readonly AlarmCadenceOptions _options;

    // The committed beeps: T3 and T4 are matched on them here, continuous beeping by _continuous, which reads the
    // same history by rules of its own (skips, cuts, merged tones, duty cycles).
    private readonly BeepHistory _beeps = new();
    private readonly ContinuousBeepingTracker _continuous;

    private readonly int[] _run = new int[MaxPatternBeeps];
    private readonly int[] _units = new int[MaxPatternBeeps];
    private readonly double[] _errors = new double[MaxPatternBeeps];
    private readonly CadenceMatch[] _matches = new CadenceMatch[4];
    private int _matchCount;
    private int _runBefore;

    private bool _inSegment;
    private bool _pendingOff;
    private double _segmentStart;
    private double _offTime;
    private double _bridgedOff = double.NegativeInfinity;
    private int _segmentFrames;
    private int _segmentBand;
    private double _segmentPitchSum;
    private int _segmentPitchCount;
    private double _segmentLevelSum;
    private int _segmentLevelCount;
    private int _pitchChangeFrames;
    private double _pitchChangeTime;
    private double _lastTime;

    // Set by Update(time, tone) for the one call in which a tone sounding since the stream began comes on.
    private double _onsetTime = double.NaN;

    // The last bridged gap: when the tone came back, the beep's mean level before the gap, and how many frames it
    // has sounded since (BridgeRiseFrames once they no longer matter).
    private double _bridgeResume;
    private double _bridgeLevel = double.NaN;
    private int _bridgeFrames = BridgeRiseFrames;

    // The beep in progress whose length already qualified it as a T3 beep (its onset), so it is checked once, and
    // the last beep that completed a T3 match while it sounded, so it does not report the same match again as it ends.
    private double _temporalThreeCheckedStart = double.NegativeInfinity;
    private double _temporalThreeReportedStart = double.NegativeInfinity;

    // The last T4 group reported: a group of the same sounder one cycle later is the alarm repeating.
    private double _lastGroupStart = double.NegativeInfinity;
    private int _lastGroupBand;
    private double _lastGroupPitch = double.NaN;
    private double _lastGroupLevel = double.NaN;
    private int _groupCycles;

    private double _temporalFourCheckedStart = double.NegativeInfinity;

    public AlarmCadenceDecoder(AlarmCadenceOptions? options = null)
    {
        _options = options ?? new AlarmCadenceOptions();
        IReadOnlyList<string> errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid AlarmCadenceOptions: " + string.Join(" ", errors), nameof(options));
        }

        _continuous = new ContinuousBeepingTracker(_options, _beeps);
    }

    /// <summary>Whether a beep is sounding (or in a bridged gap) after the last update.</summary>
    public bool IsToneOn => _inSegment;

    /// <summary>How long the beep in progress has sounded so far (0 when none): a few frames may be a click.</summary>
    public double ToneSeconds => _inSegment ? (_pendingOff ? _offTime : _lastTime) - _segmentStart : 0;

    /// <summary>
    /// Takes frame <paramref name="time"/> (seconds, increasing, one call per frame): whether the tone is on
    /// and the mel band of its peak.
    /// </summary>
    public void Update(double time, bool toneOn, int band) => Update(time, toneOn, band, restarted: false);

    /// <summary>
    /// As <see cref="Update(double, bool, int)"/>; <paramref name="restarted"/>: the tone detector dropped a weak
    /// tone for a much louder one that began in this frame (<see cref="ToneActivityDetector.Restarted"/>). The weak
    /// tone's time is forgotten and the beep starts here, so its onset, which the cadence is timed by, stays sharp.
    /// </summary>
    public void Update(double time, bool toneOn, int band, bool restarted) => Update(time, toneOn, band, restarted, double.NaN, double.NaN);

    /// <summary>
    /// Takes frame <paramref name="time"/> straight from <paramref name="tone"/> (after its
    /// <see cref="ToneActivityDetector.Update"/>), with the beep's refined pitch and level, which T4 uses to tell
    /// the pulses of one sounder from other tones around them.
    /// </summary>
    public void Update(double time, ToneActivityDetector tone)
    {
        ArgumentNullException.ThrowIfNull(tone);
        // A tone sounding since the stream began is reported a few frames in; its beep starts where it began.
        _onsetTime = tone.OnsetFramesAgo > 0 ? time - (tone.OnsetFramesAgo * (time - _lastTime)) : double.NaN;
        Update(time, tone.IsOn, tone.PeakBand, tone.Restarted, tone.Pitch, tone.LevelDb);
        _onsetTime = double.NaN;
    }

    /// <summary>
    /// As <see cref="Update(double, bool, int, bool)"/>, with the frame's refined <paramref name="pitch"/>
    /// (fractional mel band) and <paramref name="levelDb"/> (the beep's own band level) while the tone is on, NaN
    /// when unknown (<see cref="ToneActivityDetector.Pitch"/>, <see cref="ToneActivityDetector.LevelDb"/>).
    /// </summary>
    public void Update(double time, bool toneOn, int band, bool restarted, double pitch, double levelDb)
    {
        _lastTime = time;
        if (toneOn && restarted && _inSegment)
        {
            if (_bridgedOff > _segmentStart)
            {
                // The weak tone began in a gap that was bridged: what sounded before the gap was a beep.
                _offTime = _bridgedOff;
                CommitSegment();
            }

            _inSegment = false;
            _pendingOff = false;
        }

        if (toneOn && _inSegment && _pendingOff && !_options.SamePitch(band, _segmentBand))
        {
            // Another tone in this beep's gap does not bridge it: the beep ended when it went off.
            if (time - _offTime >= _options.MergeGapSeconds - 1e-9)
            {
                CommitSegment();
            }
            else
            {
                toneOn = false;
            }
        }

        if (toneOn)
        {
            if (!_inSegment)
            {
                _inSegment = true;
                _segmentStart = double.IsNaN(_onsetTime) ? time : _onsetTime;
                _segmentFrames = 0;
                _bridgedOff = double.NegativeInfinity;
                _bridgeFrames = BridgeRiseFrames;
                ResetSegmentMeans();
            }

            if (_pendingOff)
            {
                _bridgedOff = _offTime;
                _bridgeResume = time;
                _bridgeFrames = 0;
                _bridgeLevel = SegmentLevel;
            }
            else if (_bridgeFrames < BridgeRiseFrames && ++_bridgeFrames < BridgeRiseFrames && levelDb > _bridgeLevel + _options.LevelToleranceDb)
            {
                // A much louder tone after a short gap is not the beep resuming after a dropout but a beep that
                // began there, with a weak tone of another sound at its pitch just before it: as when the tone
                // detector restarts, the weak tone's time is forgotten and the beep starts where the loud one
                // began, so its onset, which the cadence is timed by, stays sharp. The level takes a few frames to
                // rise (see BridgeRiseFrames), hence the check over the first few after the gap.
                _segmentStart = _bridgeResume;
                _segmentFrames = 0;
                _bridgedOff = double.NegativeInfinity;
                _bridgeFrames = BridgeRiseFrames;
                ResetSegmentMeans();
            }

            _pendingOff = false;
            AddToSegmentMeans(pitch, levelDb);
            // The pitch of a beep: its third frame, past the onset's spectral splatter.
            if (_segmentFrames++ < 3)
            {
                _segmentBand = band;
                _pitchChangeFrames = 0;
            }
            else if (!_options.SamePitch(band, _segmentBand))
            {
                // A new note without a gap (chimes ring into each other, melodies slur): after a few frames at
                // another pitch it is another beep, from the frame the pitch moved.
                if (_pitchChangeFrames++ == 0)
                {
                    _pitchChangeTime = time;
                }

                if (_pitchChangeFrames >= PitchChangeFrames)
                {
                    _offTime = _pitchChangeTime;
                    CommitSegment();
                    _inSegment = true;
                    _segmentStart = _pitchChangeTime;
                    _segmentFrames = _pitchChangeFrames;
                    _segmentBand = band;
                    _pitchChangeFrames = 0;
                    _bridgedOff = double.NegativeInfinity;
                    _bridgeFrames = BridgeRiseFrames;
                    ResetSegmentMeans();
                }
            }
            else
            {
                _pitchChangeFrames = 0;
            }
        }
        else if (_inSegment)
        {
            if (!_pendingOff)
            {
                _pendingOff = true;
                _offTime = time;
            }

            if (time - _offTime >= _options.MergeGapSeconds - 1e-9)
            {
                CommitSegment();
            }
        }

        CheckTemporalThreeInProgress(time);
        CheckTemporalFourGroup(time);
        CheckContinuous(time);
    }

    /// <summary>End of stream at <paramref name="time"/>: completes a beep in progress and a T4 group in progress.</summary>
    public void Finish(double time)
    {
        if (_inSegment)
        {
            if (!_pendingOff)
            {
                _offTime = time;
            }

            CommitSegment();
        }

        CheckTemporalFourGroup(double.PositiveInfinity);
    }

    /// <summary>
    /// The loudest mean level (dB) of the beeps heard since <paramref name="since"/> (those that ended after it, and
    /// the one in progress), only those within the same-pitch distance of <paramref name="band"/> when it is not
    /// negative; −∞ when there is none with a known level.
    /// </summary>
    public double LoudestLevelSince(double since, int band = -1)
    {
        double loudest = double.NegativeInfinity;
        for (int age = 0; age < _beeps.Count; age++)
        {
            int i = _beeps.Index(age);
            if (_beeps.Ends[i] <= since)
            {
                break;
            }

            Louder(_beeps.Bands[i], _beeps.Levels[i]);
        }

        if (_inSegment)
        {
            Louder(_segmentBand, SegmentLevel);
        }

        return loudest;

        void Louder(int beepBand, double level)
        {
            if ((band < 0 || _options.SamePitch(beepBand, band)) && !double.IsNaN(level))
            {
                loudest = Math.Max(loudest, level);
            }
        }
    }

    /// <summary>The oldest match not yet taken.</summary>
    public bool TryTakeMatch(out CadenceMatch match)
    {
        if (_matchCount == 0)
        {
            match = default;
            return false;
        }

        match = _matches[0];
        _matchCount--;
        Array.Copy(_matches, 1, _matches, 0, _matchCount);
        return true;
    }

    private void CommitSegment()
    {
        _inSegment = false;
        _pendingOff = false;
        double length = _offTime - _segmentStart;
        if (length < _options.MinBeepSeconds)
        {
            return;
        }

        if (IsReverberantTail(length))
        {
            // Kept for the continuous-beeping check (a decaying note's pieces must stay apart); the temporal-3
            // check passes over it, and the beep before it was checked when it ended.
            PushSegment(_offTime, reverberantTail: true);
            return;
        }

        if (IsBridgedPulsePair(length))
        {
            // Two T4 pulses whose gap reverberation filled to a dip shorter than the merge gap: the pulse before
            // the dip is a beep of its own, and the one after it another, whose onset rose out of the first one's
            // tail and so is only roughly timed (see Fit).
            PushSegment(_bridgedOff);
            _segmentStart = _bridgeResume;
            PushSegment(_offTime, softOnset: true);
        }
        else
        {
            PushSegment(_offTime);
        }

        if (_beeps.Starts[_beeps.Newest] != _temporalThreeReportedStart)
        {
            CheckTemporalThree();
        }
    }

    /// <summary>
    /// Whether the segment being committed (<paramref name="length"/> long) is the reverberant tail of the beep
    /// before it (<see cref="AlarmCadenceOptions.ReverberantTailGapSeconds"/>): shorter than a T3 beep, starting
    /// soon after a T3-length beep of the same pitch ended, and quieter than it. In a reverberant hall such tails
    /// sat between every pair of a real T3 alarm's beeps, each breaking the group. T4 pulses and fast continuous
    /// beeps follow beeps shorter than a T3 beep, so they never qualify; nor does a tone that comes back as loud.
    /// </summary>
    private bool IsReverberantTail(double length)
    {
        if (_beeps.Count == 0 || !(_options.ReverberantTailGapSeconds > 0))
        {
            return false;
        }

        int before = _beeps.Newest;
        double minBeep = _options.TemporalThreeBeepSeconds * (1 - _options.Tolerance);
        return length < minBeep
            && _beeps.Ends[before] - _beeps.Starts[before] >= minBeep
            && _segmentStart - _beeps.Ends[before] <= _options.ReverberantTailGapSeconds
            && _options.SamePitch(_segmentBand, _beeps.Bands[before])
            && SegmentLevel <= _beeps.Levels[before] - _options.ReverberantTailQuieterDb;
    }

    /// <summary>
    /// Whether the segment being committed (<paramref name="length"/> long) is two T4 pulses joined by its last
    /// bridged gap. Reverberation lengthens a pulse's tail into T4's 0.1 s gap; at a distance the gap shrinks to
    /// a dip of a few frames, which the merge gap bridges like a dropout (two pulses of 0.11 and 0.14 s became one
    /// 0.30 s "beep", and the first T4 group was lost). Only pieces of T4 pulse length about one T4 period apart
    /// are split, never a segment as long as a T3 beep; a dropout that happens to split a shorter beep that way
    /// costs nothing elsewhere: continuous beeping joins the pieces again (<see cref="ContinuousBeepingTracker"/>), and a T4
    /// group needs three sharp onsets besides.
    /// </summary>
    private bool IsBridgedPulsePair(double length)
    {
        if (!(_bridgedOff > _segmentStart))
        {
            return false;
        }

        double tol = _options.Tolerance;
        double pulse = _options.TemporalFourPulseSeconds;
        double minPulse = pulse * (1 - tol), maxPulse = (pulse * (1 + tol)) + _options.TailAllowanceSeconds;
        double first = _bridgedOff - _segmentStart, second = _offTime - _bridgeResume;
        double period = _options.TemporalFourPeriodSeconds;
        // The second pulse's onset rose out of the first one's tail, so it is only roughly one period after the
        // first (0.16 s measured): twice the tolerance. Its timing is not used (Fit); the lengths carry the evidence.
        return length < _options.TemporalThreeBeepSeconds * (1 - tol)
            && first >= minPulse && first <= maxPulse && second >= minPulse && second <= maxPulse
            && Math.Abs(_bridgeResume - _segmentStart - period) <= 2 * tol * period;
    }

    /// <summary>
    /// Adds the segment in progress, ending at <paramref name="end"/>, to the history as its newest beep;
    /// <paramref name="softOnset"/>: its onset rose out of the beep before it (<see cref="IsBridgedPulsePair"/>).
    /// </summary>
    private void PushSegment(double end, bool softOnset = false, bool reverberantTail = false) =>
        _beeps.Push(_segmentStart, end, _segmentBand, SegmentPitch, SegmentLevel, softOnset, reverberantTail);

    /// <summary>
    /// Two beeps of one sounder: the same band, and where the tone detector measured them, the same refined pitch
    /// (<see cref="AlarmCadenceOptions.PitchToleranceBands"/>) and level (<see cref="AlarmCadenceOptions.LevelToleranceDb"/>):
    /// a sounder keeps both from pulse to pulse, a melody or a second source does not.
    /// </summary>
    private bool SameSounder(int i, int j) =>
        _options.SamePitch(_beeps.Bands[i], _beeps.Bands[j])
        && !(Math.Abs(_beeps.Pitches[i] - _beeps.Pitches[j]) > _options.PitchToleranceBands)
        && !(Math.Abs(_beeps.Levels[i] - _beeps.Levels[j]) > _options.LevelToleranceDb);

    /// <summary>Mean refined pitch of the beep in progress past its onset (see <see cref="AddToSegmentMeans"/>), NaN when unknown.</summary>
    private double SegmentPitch => _segmentPitchCount > 0 ? _segmentPitchSum / _segmentPitchCount : double.NaN;

    /// <summary>Mean level of the beep in progress past its onset, NaN when unknown.</summary>
    private double SegmentLevel => _segmentLevelCount > 0 ? _segmentLevelSum / _segmentLevelCount : double.NaN;

    private void ResetSegmentMeans()
    {
        _segmentPitchSum = 0;
        _segmentPitchCount = 0;
        _segmentLevelSum = 0;
        _segmentLevelCount = 0;
    }

    /// <summary>Pitch and level of the beep past its onset (from its fourth frame), where they are known.</summary>
    private void AddToSegmentMeans(double pitch, double levelDb)
    {
        if (_segmentFrames == 3)
        {
            // The onset frames count only for a beep too short to have steadier ones.
            ResetSegmentMeans();
        }

        if (!double.IsNaN(pitch))
        {
            _segmentPitchSum += pitch;
            _segmentPitchCount++;
        }

        if (!double.IsNaN(levelDb))
        {
            _segmentLevelSum += levelDb;
            _segmentLevelCount++;
        }
    }

    /// <summary>
    /// The beep in progress, once it has sounded as long as the shortest T3 beep, is checked as the newest beep of
    /// a T3 sequence: its onset is on the grid and its length already qualifies, so the pattern is there; waiting
    /// for its end would add up to a tenth of a second (and the merge gap) for nothing. Checked once per beep; the
    /// beep is checked again, as committed, when it ends, unless it was reported already.
    /// </summary>
    private void CheckTemporalThreeInProgress(double now)
    {
        if (!_inSegment || _pendingOff || _segmentStart == _temporalThreeCheckedStart
            || now - _segmentStart < _options.TemporalThreeBeepSeconds * (1 - _options.Tolerance))
        {
            return;
        }

        _temporalThreeCheckedStart = _segmentStart;

        // The beep goes into the history for the check and out again.
        _beeps.PushTentative(_segmentStart, now, _segmentBand, SegmentPitch, SegmentLevel);
        if (CheckTemporalThree())
        {
            _temporalThreeReportedStart = _segmentStart;
        }

        _beeps.RemoveTentative();
    }

    /// <summary>Whether the newest beeps are T3; reports the match when they are.</summary>
    private bool CheckTemporalThree()
    {
        double tol = _options.Tolerance;
        double beep = _options.TemporalThreeBeepSeconds;
        int beeps = CollectRun(
            0, beep * (1 - tol), (beep * (1 + tol)) + _options.TailAllowanceSeconds, _options.TemporalThreePeriodSeconds, maxUnits: 3, sameSounder: true, skipReverberantTails: true);

        // Longest suffix first: the most evidence gives the most honest fit.
        for (int n = beeps; n >= 3; n--)
        {
            for (int phase = 0; phase < 3; phase++)
            {
                // A missed beep is tolerated within groups, not between lone beeps: four tones every two seconds
                // (a ringtone's repeated note) fill slots 2, 0, 2, 0 of the cycle with one beep "missed", and were
                // taken for T3. Two of the run's beeps must be one period apart, as beeps of a group are.
                if (FitsTemporalThree(n, phase, out int missed, out bool wrapped)
                    && (missed == 0 || (missed == 1 && n >= 4 && HasAdjacentBeeps(n)))
                    && (wrapped || !_options.TemporalThreeRequiresRepeat))
                {
                    int oldest = _run[n - 1];
                    Report(new CadenceMatch(CadencePattern.TemporalThree, _beeps.Starts[oldest], _lastTime, Fit(n, _options.TemporalThreePeriodSeconds), _beeps.Bands[_beeps.Newest], _beeps.Ends[_beeps.Newest]));
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether two of the collected run's newest <paramref name="n"/> beeps are one period apart.</summary>
    private bool HasAdjacentBeeps(int n)
    {
        for (int i = 0; i < n - 1; i++)
        {
            if (_units[i] == 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Beeps n-1 (oldest) .. 0 (newest) of the collected run, the oldest in slot <paramref name="phase"/> of the
    /// 4-slot cycle: does any beep land on slot 3, and how many beeps of slots 0–2 are missing?
    /// </summary>
    private bool FitsTemporalThree(int n, int phase, out int missed, out bool wrapped)
    {
        // _units[i] is the interval from beep i+1 to beep i (ages), in slots.
        int slot = phase, expected = 1;
        wrapped = false;
        for (int i = n - 2; i >= 0; i--)
        {
            for (int step = 1; step <= _units[i]; step++)
            {
                slot++;
                if (slot % 4 != 3)
                {
                    expected++;
                }
            }

            if (slot % 4 == 3)
            {
                missed = 0;
                return false;
            }
        }

        wrapped = slot >= 4;
        missed = expected - n;
        return true;
    }

    /// <summary>
    /// A T4 group is complete once no pulse of its pitch can follow: more than two periods (one missing pulse)
    /// after its last pulse. Beeps of other pitches in between are other sounds and neither close nor extend it.
    /// Candidates are checked oldest first, each once.
    /// </summary>
    private void CheckTemporalFourGroup(double now)
    {
        double period = _options.TemporalFourPeriodSeconds;
        double closeAfter = 2 * period * (1 + _options.Tolerance);
        for (int age = Math.Min(_beeps.Count, MaxPatternBeeps) - 1; age >= 0; age--)
        {
            int last = _beeps.Index(age);
            if (_beeps.Starts[last] <= _temporalFourCheckedStart)
            {
                continue;
            }

            if (now - _beeps.Starts[last] <= closeAfter)
            {
                return;
            }

            if (_inSegment && _segmentStart > _beeps.Starts[last] && _segmentStart - _beeps.Starts[last] <= closeAfter && _options.SamePitch(_segmentBand, _beeps.Bands[last]))
            {
                // A pulse of its pitch is sounding: wait until it is committed (or dropped as a click).
                return;
            }

            // A later pulse of the same pitch continues the group: this one is not its end.
            bool continued = false;
            for (int newer = age - 1; newer >= 0 && !continued; newer--)
            {
                int i = _beeps.Index(newer);
                continued = _beeps.Starts[i] - _beeps.Starts[last] <= closeAfter && SameSounder(i, last);
            }

            _temporalFourCheckedStart = _beeps.Starts[last];
            if (continued)
            {
                continue;
            }

            double tol = _options.Tolerance;
            double pulse = _options.TemporalFourPulseSeconds;
            // Pulses are held to the standard's length like T3's beeps are: at least the nominal pulse less the
            // tolerance. Shorter tones (40–70 ms) are what a background's tonal fragments look like; three of
            // them on a loose 0.2 s grid made "CO" groups while a T3 alarm held the model's score up.
            int pulses = CollectRun(age, pulse * (1 - tol), (pulse * (1 + tol)) + _options.TailAllowanceSeconds, period, maxUnits: 2, sameSounder: true);
            int slots = 1, sharp = _beeps.SoftOnsets[_run[0]] ? 0 : 1;
            for (int i = 0; i < pulses - 1; i++)
            {
                slots += _units[i];
                sharp += _beeps.SoftOnsets[_run[i + 1]] ? 0 : 1;
            }

            // No beep of its pitch shortly before the group either: four pulses inside a longer train are not T4.
            // Three of its onsets must be sharp: a pulse split off at a dip (IsBridgedPulsePair) counts as a pulse
            // but its onset is no timing evidence, and two onsets on the grid plus a dip were what tones of a
            // ringtone and of music chords made (synthetic negatives).
            if (pulses >= 3 && sharp >= 3 && slots <= 4 && (_runBefore < 0 || _beeps.Starts[_run[pulses - 1]] - _beeps.Starts[_runBefore] > closeAfter)
                && Fit(pulses, period) >= _options.TemporalFourMinFit)
            {
                double start = _beeps.Starts[_run[pulses - 1]];
                (double pitch, double level) = RunMeans(pulses);
                double sinceLast = start - _lastGroupStart;
                // One cycle later, or two when the group between was masked.
                bool repeat = ((sinceLast >= _options.TemporalFourCycleMinSeconds && sinceLast <= _options.TemporalFourCycleMaxSeconds)
                        || (sinceLast >= 2 * _options.TemporalFourCycleMinSeconds && sinceLast <= 2 * _options.TemporalFourCycleMaxSeconds))
                    && _options.SamePitch(_beeps.Bands[last], _lastGroupBand)
                    && !(Math.Abs(pitch - _lastGroupPitch) > _options.PitchToleranceBands)
                    && !(Math.Abs(level - _lastGroupLevel) > _options.LevelToleranceDb);
                _groupCycles = repeat ? _groupCycles + 1 : 1;
                (_lastGroupStart, _lastGroupBand, _lastGroupPitch, _lastGroupLevel) = (start, _beeps.Bands[last], pitch, level);
                Report(new CadenceMatch(CadencePattern.TemporalFour, start, _lastTime, Fit(pulses, period), _beeps.Bands[last], _beeps.Ends[last], _groupCycles));
            }
        }
    }

    /// <summary>
    /// From the beep of age <paramref name="fromAge"/> backwards, over beeps of its pitch (others are other
    /// sounds and are skipped): how many consecutive ones have a length in [<paramref name="minLength"/>,
    /// <paramref name="maxLength"/>] and onset intervals of a whole number (1..<paramref name="maxUnits"/>) of
    /// <paramref name="period"/>s within the tolerance. Fills <see cref="_run"/> (buffer indices, newest first),
    /// <see cref="_units"/> and <see cref="_errors"/> for the intervals, and <see cref="_runBefore"/>: the
    /// beep of that pitch just before the run, or −1. With <paramref name="sameSounder"/>, "its pitch" also means
    /// its refined pitch and level (<see cref="SameSounder"/>).
    /// </summary>
    private int CollectRun(int fromAge, double minLength, double maxLength, double period, int maxUnits, bool sameSounder = false, bool skipReverberantTails = false)
    {
        int n = 0;
        int anchor = _beeps.Index(fromAge);
        double lowPitch = _beeps.Pitches[anchor], highPitch = lowPitch, lowLevel = _beeps.Levels[anchor], highLevel = lowLevel;
        _runBefore = -1;
        for (int age = fromAge; age < _beeps.Count; age++)
        {
            int i = _beeps.Index(age);
            if (!_options.SamePitch(_beeps.Bands[i], _beeps.Bands[anchor]) || (skipReverberantTails && _beeps.ReverberantTails[i]))
            {
                continue;
            }

            if (sameSounder)
            {
                // Every pulse within the tolerances of every other: the run's spread, not the distance to the anchor.
                double low = Math.Min(lowPitch, _beeps.Pitches[i]), high = Math.Max(highPitch, _beeps.Pitches[i]);
                double quiet = Math.Min(lowLevel, _beeps.Levels[i]), loud = Math.Max(highLevel, _beeps.Levels[i]);
                if (high - low > _options.PitchToleranceBands || loud - quiet > _options.LevelToleranceDb)
                {
                    continue;
                }

                (lowPitch, highPitch, lowLevel, highLevel) = (double.IsNaN(low) ? lowPitch : low, double.IsNaN(high) ? highPitch : high, double.IsNaN(quiet) ? lowLevel : quiet, double.IsNaN(loud) ? highLevel : loud);
            }

            double length = _beeps.Ends[i] - _beeps.Starts[i];
            if (n == MaxPatternBeeps || length < minLength || length > maxLength)
            {
                _runBefore = i;
                break;
            }

            if (n > 0)
            {
                double interval = _beeps.Starts[_run[n - 1]] - _beeps.Starts[i];
                int units = (int)Math.Round(interval / period);
                double error = Math.Abs(interval - (units * period)) / (_options.Tolerance * units * period);
                // A roughly timed onset is held to the grid across it, in Fit, not interval by interval.
                if (_beeps.SoftOnsets[i] || _beeps.SoftOnsets[_run[n - 1]])
                {
                    error = Math.Min(error, 1);
                }

                if (units < 1 || units > maxUnits || error > 1)
                {
                    _runBefore = i;
                    break;
                }

                _units[n - 1] = units;
                _errors[n - 1] = error;
            }

            _run[n++] = i;
        }

        return n;
    }

    /// <summary>Mean refined pitch and level of the newest <paramref name="beeps"/> of the collected run (NaN where unknown).</summary>
    private (double Pitch, double Level) RunMeans(int beeps)
    {
        double pitch = 0, level = 0;
        int pitches = 0, levels = 0;
        for (int k = 0; k < beeps; k++)
        {
            int i = _run[k];
            if (!double.IsNaN(_beeps.Pitches[i]))
            {
                pitch += _beeps.Pitches[i];
                pitches++;
            }

            if (!double.IsNaN(_beeps.Levels[i]))
            {
                level += _beeps.Levels[i];
                levels++;
            }
        }

        return (pitches > 0 ? pitch / pitches : double.NaN, levels > 0 ? level / levels : double.NaN);
    }

    /// <summary>
    /// 1 − the mean relative timing error over the intervals of the newest <paramref name="beeps"/> of the
    /// collected run (grid <paramref name="period"/>). A roughly timed onset (<see cref="BeepHistory.SoftOnsets"/>) is not
    /// timed: the interval across it, between the sharp onsets either side, is (0 when there is none).
    /// </summary>
    private double Fit(int beeps, double period)
    {
        double sum = 0;
        int spans = 0, units = 0, sharp = -1;
        for (int k = 0; k < beeps; k++)
        {
            if (k > 0)
            {
                units += _units[k - 1];
            }

            if (_beeps.SoftOnsets[_run[k]])
            {
                continue;
            }

            if (sharp >= 0)
            {
                double interval = _beeps.Starts[_run[sharp]] - _beeps.Starts[_run[k]];
                sum += k == sharp + 1 ? _errors[k - 1] : Math.Abs(interval - (units * period)) / (_options.Tolerance * units * period);
                spans++;
            }

            sharp = k;
            units = 0;
        }

        return spans == 0 ? 0 : Math.Clamp(1 - (sum / spans), 0, 1);
    }

    /// <summary>
    /// Continuous beeping or tone, decided by <see cref="ContinuousBeepingTracker"/> from the history and the beep
    /// in progress, which counts from its onset while it sounds (a steady tone need not end to qualify).
    /// </summary>
    private void CheckContinuous(double now)
    {
        SoundingBeep? beep = _inSegment ? new SoundingBeep(_segmentStart, _pendingOff ? _offTime : now, _segmentBand, SegmentLevel) : null;
        if (_continuous.TryMatch(now, beep, out CadenceMatch match))
        {
            Report(match);
        }
    }

    private void Report(in CadenceMatch match)
    {
        if (_matchCount == _matches.Length)
        {
            // Nobody is taking matches: keep the newest, they carry the latest timing.
            Array.Copy(_matches, 1, _matches, 0, _matches.Length - 1);
            _matchCount--;
        }

        _matches[_matchCount++] = match;
    }
}
