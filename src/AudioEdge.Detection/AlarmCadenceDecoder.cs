namespace AudioEdge.Detection;

/// <summary>
/// Recognises alarm cadences from the per-frame tone on/off signal: temporal-3 (smoke), temporal-4 (CO) and
/// continuous beeping or tone (smoke). Feed every frame to <see cref="Update"/>; take what it recognised with
/// <see cref="TryTakeMatch"/>.
/// </summary>
/// <remarks>
/// <para>
/// Frames become beeps first: gaps shorter than <see cref="AlarmCadenceOptions.MergeGapSeconds"/> are bridged
/// (noise masking a beep for a moment), on-segments shorter than <see cref="AlarmCadenceOptions.MinBeepSeconds"/>
/// are dropped (clicks). Periods are measured onset to onset, because reverberation lengthens a beep's tail but
/// leaves its onset sharp; beep lengths only get an upper tail allowance.
/// </para>
/// <para>
/// Temporal patterns are matched on a slot grid: T3 is a 4-slot cycle (one slot = 1 s) with beeps in slots 0–2;
/// T4 a 4-slot group (0.2 s) of pulses. Each onset interval is a whole number of slots within the tolerance; a
/// sequence matches when a phase exists in which no beep falls on a silent slot and at most one expected beep is
/// missing (a missed beep needs one more beep of evidence). T3 is reported after three beeps (about 2.5 s after
/// onset), T4 when a group of 3–4 pulses closes (about 1.1 s), continuous once it has sounded for
/// <see cref="AlarmCadenceOptions.ContinuousSeconds"/>. Every beep of one alarm has the same pitch (within
/// <see cref="AlarmCadenceOptions.SamePitchBands"/>), which keeps doorbells and melodies out.
/// </para>
/// <para>T3 and T4 matches repeat with every completed beep or group; the event tracker turns them into one event. Allocation-free.</para>
/// </remarks>
public sealed class AlarmCadenceDecoder
{
    // Three seconds of the fastest beeping that survives the blip and gap filters, with room to spare.
    private const int History = 48;
    private const int MaxPatternBeeps = 8;
    private const int PitchChangeFrames = 3;

    private readonly AlarmCadenceOptions _options;
    private readonly double[] _starts = new double[History];
    private readonly double[] _ends = new double[History];
    private readonly int[] _bands = new int[History];
    private readonly int[] _units = new int[MaxPatternBeeps];
    private readonly double[] _errors = new double[MaxPatternBeeps];
    private readonly CadenceMatch[] _matches = new CadenceMatch[4];
    private int _count;
    private int _newest = -1;
    private int _matchCount;

    private bool _inSegment;
    private bool _pendingOff;
    private double _segmentStart;
    private double _offTime;
    private int _segmentFrames;
    private int _segmentBand;
    private int _pitchChangeFrames;
    private double _pitchChangeTime;
    private double _lastTime;

    private double _temporalFourCheckedStart = double.NaN;
    private double _continuousReportedUntil = double.NegativeInfinity;

    public AlarmCadenceDecoder(AlarmCadenceOptions? options = null)
    {
        _options = options ?? new AlarmCadenceOptions();
        IReadOnlyList<string> errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid AlarmCadenceOptions: " + string.Join(" ", errors), nameof(options));
        }
    }

    /// <summary>Whether a beep is sounding (or in a bridged gap) after the last update.</summary>
    public bool IsToneOn => _inSegment;

    /// <summary>How long the beep in progress has sounded so far (0 when none): a few frames may be a click.</summary>
    public double ToneSeconds => _inSegment ? (_pendingOff ? _offTime : _lastTime) - _segmentStart : 0;

    /// <summary>
    /// Takes frame <paramref name="time"/> (seconds, increasing, one call per frame): whether the tone is on
    /// and the mel band of its peak.
    /// </summary>
    public void Update(double time, bool toneOn, int band)
    {
        _lastTime = time;
        if (toneOn)
        {
            if (!_inSegment)
            {
                _inSegment = true;
                _segmentStart = time;
                _segmentFrames = 0;
            }

            _pendingOff = false;
            // The pitch of a beep: its third frame, past the onset's spectral splatter.
            if (_segmentFrames++ < 3)
            {
                _segmentBand = band;
                _pitchChangeFrames = 0;
            }
            else if (!SamePitch(band, _segmentBand))
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

        _newest = (_newest + 1) % History;
        _starts[_newest] = _segmentStart;
        _ends[_newest] = _offTime;
        _bands[_newest] = _segmentBand;
        _count = Math.Min(_count + 1, History);
        CheckTemporalThree();
    }

    private int Index(int age) => (_newest - age + History) % History;

    private bool SamePitch(int a, int b) => Math.Abs(a - b) <= _options.SamePitchBands;

    private void CheckTemporalThree()
    {
        double tol = _options.Tolerance;
        double beep = _options.TemporalThreeBeepSeconds;
        int beeps = CollectRun(
            beep * (1 - tol), (beep * (1 + tol)) + _options.TailAllowanceSeconds, _options.TemporalThreePeriodSeconds, maxUnits: 3);

        // Longest suffix first: the most evidence gives the most honest fit.
        for (int n = beeps; n >= 3; n--)
        {
            for (int phase = 0; phase < 3; phase++)
            {
                if (FitsTemporalThree(n, phase, out int missed, out bool wrapped)
                    && (missed == 0 || (missed == 1 && n >= 4))
                    && (wrapped || !_options.TemporalThreeRequiresRepeat))
                {
                    int oldest = Index(n - 1);
                    Report(new CadenceMatch(CadencePattern.TemporalThree, _starts[oldest], _lastTime, Fit(n), _bands[_newest], _ends[_newest]));
                    return;
                }
            }
        }
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

    private void CheckTemporalFourGroup(double now)
    {
        if (_count == 0 || _starts[_newest] == _temporalFourCheckedStart)
        {
            return;
        }

        // A group is complete once no pulse can follow: more than two periods (one missing pulse) have passed.
        double period = _options.TemporalFourPeriodSeconds;
        double closeAfter = 2 * period * (1 + _options.Tolerance);
        double next = _inSegment ? _segmentStart : now;
        if (next - _starts[_newest] <= closeAfter)
        {
            return;
        }

        _temporalFourCheckedStart = _starts[_newest];
        double tol = _options.Tolerance;
        double pulse = _options.TemporalFourPulseSeconds;
        int pulses = CollectRun(_options.MinBeepSeconds, (pulse * (1 + tol)) + _options.TailAllowanceSeconds, period, maxUnits: 2);
        int slots = 1;
        for (int i = 0; i < pulses - 1; i++)
        {
            slots += _units[i];
        }

        if (pulses >= 3 && slots <= 4 && IsolatedBefore(pulses, closeAfter))
        {
            Report(new CadenceMatch(CadencePattern.TemporalFour, _starts[Index(pulses - 1)], _lastTime, Fit(pulses), _bands[_newest], _ends[_newest]));
        }
    }

    /// <summary>No beep shortly before the group: four pulses inside a longer train are not T4.</summary>
    private bool IsolatedBefore(int pulses, double gap) =>
        pulses >= _count || _starts[Index(pulses - 1)] - _starts[Index(pulses)] > gap;

    /// <summary>
    /// From the newest committed beep backwards: how many consecutive beeps have a length in
    /// [<paramref name="minLength"/>, <paramref name="maxLength"/>], the newest's pitch, and onset intervals of a
    /// whole number (1..<paramref name="maxUnits"/>) of <paramref name="period"/>s within the tolerance. Fills
    /// <see cref="_units"/> and <see cref="_errors"/> for the intervals.
    /// </summary>
    private int CollectRun(double minLength, double maxLength, double period, int maxUnits)
    {
        int n = 0;
        int band = _bands[_newest];
        for (int age = 0; age < Math.Min(_count, MaxPatternBeeps); age++)
        {
            int i = Index(age);
            double length = _ends[i] - _starts[i];
            if (length < minLength || length > maxLength || !SamePitch(_bands[i], band))
            {
                break;
            }

            if (age > 0)
            {
                double interval = _starts[Index(age - 1)] - _starts[i];
                int units = (int)Math.Round(interval / period);
                double error = Math.Abs(interval - (units * period)) / (_options.Tolerance * units * period);
                if (units < 1 || units > maxUnits || error > 1)
                {
                    break;
                }

                _units[age - 1] = units;
                _errors[age - 1] = error;
            }

            n++;
        }

        return n;
    }

    /// <summary>1 − the mean relative timing error over the intervals of the newest <paramref name="beeps"/>.</summary>
    private double Fit(int beeps)
    {
        double sum = 0;
        for (int i = 0; i < beeps - 1; i++)
        {
            sum += _errors[i];
        }

        return beeps < 2 ? 0 : Math.Clamp(1 - (sum / (beeps - 1)), 0, 1);
    }

    private void CheckContinuous(double now)
    {
        if (!_inSegment && _count == 0)
        {
            return;
        }

        // The run: the beep in progress (if any) and the committed beeps before it with one pitch and regular,
        // short enough onset intervals. Its length counts only time in which the tone was actually heard.
        double runStart, sounding, previousStart;
        int band, beeps = 1, age = 0;
        if (_inSegment)
        {
            runStart = previousStart = _segmentStart;
            sounding = _pendingOff ? _offTime : now;
            band = _segmentBand;
        }
        else
        {
            runStart = previousStart = _starts[_newest];
            sounding = _ends[_newest];
            band = _bands[_newest];
            age = 1;
        }

        double shortest = double.MaxValue, longest = 0;
        for (; age < _count; age++)
        {
            int i = Index(age);
            double interval = previousStart - _starts[i];
            double newShortest = Math.Min(shortest, interval), newLongest = Math.Max(longest, interval);
            if (!SamePitch(_bands[i], band) || interval > _options.ContinuousMaxIntervalSeconds
                || newLongest > _options.ContinuousMaxIntervalRatio * newShortest)
            {
                break;
            }

            shortest = newShortest;
            longest = newLongest;
            runStart = previousStart = _starts[i];
            beeps++;
        }

        // One long tone, or at least three beeps: two beeps are a doorbell's ding-dong, not an alarm.
        if (sounding - runStart < _options.ContinuousSeconds || beeps == 2)
        {
            return;
        }

        // Once per run: a run that began before the last reported one last sounded is that run, continuing.
        bool sameRun = runStart <= _continuousReportedUntil;
        _continuousReportedUntil = sounding;
        if (!sameRun)
        {
            double fit = beeps == 1 ? 1 : Math.Clamp(1 - ((longest / shortest) - 1) / (_options.ContinuousMaxIntervalRatio - 1) * 0.5, 0, 1);
            Report(new CadenceMatch(CadencePattern.Continuous, runStart, now, fit, band, sounding));
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
