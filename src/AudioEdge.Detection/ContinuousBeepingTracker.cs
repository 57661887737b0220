namespace AudioEdge.Detection;

/// <summary>
/// The continuous-beeping part of <see cref="AlarmCadenceDecoder"/>: on every frame, walks the
/// <see cref="BeepHistory"/> back from the beep sounding now to find the run of one pitch and regular, short enough
/// onset intervals that ends now, and reports it once it has sounded for
/// <see cref="AlarmCadenceOptions.ContinuousSeconds"/> (a steady tone is a run of one beep), once per run.
/// </summary>
/// <remarks>
/// Kept apart from the temporal-3 and temporal-4 matching because its rules are of another kind: no slot grid,
/// but skips of far weaker tones of another pitch, cuts at barely heard slow cycles, merged tones counted as sound,
/// and duty cycles. It shares the decoder's history and only reads it; allocation-free like the decoder.
/// </remarks>
internal sealed class ContinuousBeepingTracker
{
    // Continuous beeping whose gaps the merge gap bridges in places (see FindRun) has every off-gap near
    // the merge gap: a gap of up to twice it is one that a dropout of the next beep's onset, or the tail of the
    // beep before it, can shrink below the merge gap (65 ms gaps measured 40–60 ms). Beeping or background tones
    // with wider gaps cannot have merged that way, and their long tones are not beeping.
    private const double MergedGapFactor = 2;

    private readonly AlarmCadenceOptions _options;
    private readonly BeepHistory _beeps;

    // When the run last reported was last heard, moved on every frame in which it (or any run) qualifies: a run
    // that began before then is that run, continuing, and is not reported again.
    private double _reportedUntil = double.NegativeInfinity;

    public ContinuousBeepingTracker(AlarmCadenceOptions options, BeepHistory beeps)
    {
        _options = options;
        _beeps = beeps;
    }

    /// <summary>
    /// Whether, at frame <paramref name="now"/>, a continuous run qualifies that was not reported yet
    /// (<paramref name="match"/>). Call it once per frame, after the decoder has taken the frame, with the beep
    /// the decoder is still assembling (<paramref name="beep"/>, null when none).
    /// </summary>
    public bool TryMatch(double now, in SoundingBeep? beep, out CadenceMatch match)
    {
        match = default;
        // The run is timed by its onsets first. Only when that did not qualify and met a long tone that may be fast
        // beeping with its gaps bridged is it walked again with such tones as sound of the run (see FindRun).
        if (!FindRun(beep, coverMerged: false, out double runStart, out double wholeRunStart, out double sounding, out int band, out double fit, out bool metMerged)
            && !(metMerged && FindRun(beep, coverMerged: true, out runStart, out wholeRunStart, out sounding, out band, out fit, out _)))
        {
            return false;
        }

        // Once per run: a run that began before the last reported one last sounded is that run, continuing.
        bool sameRun = wholeRunStart <= _reportedUntil;
        _reportedUntil = sounding;
        if (sameRun)
        {
            return false;
        }

        match = new CadenceMatch(CadencePattern.Continuous, runStart, now, fit, band, sounding);
        return true;
    }

    /// <summary>
    /// The continuous run ending with <paramref name="beep"/> (the beep still sounding), or else with the newest
    /// beep of the history, if it qualifies: its start (<paramref name="runStart"/>; the start before a
    /// cut, <paramref name="wholeRunStart"/>, tells one run from the next), when it last sounded, its pitch and fit.
    /// <paramref name="metMerged"/>: the walk met a long tone of the run's pitch that ended less than its own
    /// length before the next onset, which <paramref name="coverMerged"/> then takes as sound of the run.
    /// </summary>
    /// <remarks>
    /// Fast beeping whose off-gaps sit at the merge gap is bridged in some places and not in others (67/65 ms at
    /// 17 dB SNR: beeps of 0.05–0.2 s, then tones of 1.1 and 3.6 s made of many beeps). Its onset intervals then
    /// jump from 0.11 to 1.2 s and the run restarts at every long tone, which cost 1.7 s. Such a tone is sound
    /// of the run, not a period: with <paramref name="coverMerged"/> an interval longer than fast beeping's that
    /// is mostly that tone (its gap after it shorter than the tone) is not timed, only counted as heard. The run
    /// must then show fast beeping elsewhere: at least two timed intervals, all fast; every such tone must end no
    /// more than the shortest of them before the next onset, as a beep of the run would; and every gap of the run
    /// must be near the merge gap (<see cref="MergedGapFactor"/>), or nothing was merged: faint background tones
    /// 0.2–0.5 s apart with one 0.65 s tone among them, then a loud T3 beep, made a "run" 0.6 s into the alarm.
    /// And one sounder beeps at one level (within <see cref="AlarmCadenceOptions.LevelToleranceDb"/>, where
    /// known): a doorbell's long note whose decaying tail broke into pieces 0.3–0.6 s apart (3, −5, −9, −16 dB)
    /// is not beeping (synthetic negatives).
    /// </remarks>
    private bool FindRun(in SoundingBeep? beep, bool coverMerged, out double runStart, out double wholeRunStart, out double sounding, out int band, out double fit, out bool metMerged)
    {
        // The run: the beep in progress (if any) and the committed beeps before it with one pitch and regular,
        // short enough onset intervals. Its length counts only time in which the tone was actually heard.
        double previousStart, newestStart, heard, newestHeard, previousLevel;
        int beeps = 1, age = 0, covered = 0;
        double coveredGap = 0, widestGap = 0;
        (wholeRunStart, fit, metMerged) = (0, 0, false);
        if (beep is { } inProgress && inProgress.HeardUntil - inProgress.Start >= _options.MinBeepSeconds)
        {
            runStart = previousStart = newestStart = inProgress.Start;
            sounding = inProgress.HeardUntil;
            band = inProgress.Band;
            previousLevel = inProgress.Level;
        }
        else if (_beeps.Count > 0)
        {
            // A beep in progress shorter than a blip is not evidence yet.
            runStart = previousStart = newestStart = JoinedStart(0, out age);
            sounding = _beeps.Ends[_beeps.Newest];
            band = _beeps.Bands[_beeps.Newest];
            previousLevel = _beeps.Levels[_beeps.Newest];
        }
        else
        {
            (runStart, sounding, band) = (0, 0, 0);
            return false;
        }

        heard = newestHeard = sounding - newestStart;
        // The run's level range (known levels only), for the merged-beeping check below.
        double quietest = double.PositiveInfinity, loudest = double.NegativeInfinity;
        Widen(previousLevel, ref quietest, ref loudest);
        double shortest = double.MaxValue, longest = 0, lastInterval = double.NaN;
        bool skipped = false;
        double skippedLevel = double.NegativeInfinity;
        // The run as it was before its newest slow cycle that was barely heard (see below), if it has one.
        int cutBeeps = 0;
        double cutStart = 0, cutHeard = 0, cutShortest = 0, cutLongest = 0;
        for (; age < _beeps.Count; age++)
        {
            int i = _beeps.Index(age);
            bool samePitch = _options.SamePitch(_beeps.Bands[i], band);
            if (!samePitch && _beeps.Levels[i] < previousLevel - _options.ContinuousSkipWeakerDb)
            {
                // A tone of another pitch far weaker than the run's beep after it is another, fainter sound in the
                // background (a tonal bit between two beeps), not the alarm changing note: it is skipped, as the
                // T3 and T4 decoding skip other sounds, rather than ending the run, as long as it is also far weaker
                // than the beep before it and the beeps around it keep the run's fast period (below). Unknown
                // levels never skip.
                skipped = true;
                skippedLevel = Math.Max(skippedLevel, _beeps.Levels[i]);
                continue;
            }

            double start = JoinedStart(age, out int next);
            double interval = previousStart - start;
            double newShortest = Math.Min(shortest, interval), newLongest = Math.Max(longest, interval);
            // Across a skipped tone the run must keep the period it showed just after it (the interval between
            // the next two beeps, within the tolerance): the loose regularity bound (ContinuousMaxIntervalRatio,
            // which allows a missed beep) would otherwise let the skips string a T4 group's reverberant pulses and
            // scattered tones of the background into "beeping" (0.48–0.97 s apart, measured). Before the run has
            // shown a period, nothing is skipped (NaN fails the comparison). The period must be fast beeping's
            // and the beep before the skipped tones far louder than them too: a ringtone's melody, whose quiet
            // notes of another pitch sit between loud ones a second or more apart, is not beeping.
            bool keepsPeriod = !skipped
                || (Math.Abs(interval - lastInterval) <= _options.Tolerance * lastInterval
                    && interval <= _options.ContinuousFastIntervalSeconds
                    && _beeps.Levels[i] - skippedLevel > _options.ContinuousSkipWeakerDb);
            skipped = false;
            skippedLevel = double.NegativeInfinity;
            // A tone longer than fast beeping's period that ends less than its own length before the next onset:
            // perhaps beeps with their gaps bridged (see the remarks).
            double gapAfter = previousStart - _beeps.Ends[i];
            bool merged = keepsPeriod && samePitch && interval > _options.ContinuousFastIntervalSeconds
                && interval <= _options.ContinuousMaxIntervalSeconds && gapAfter < _beeps.Ends[i] - start;
            metMerged |= merged;
            if (coverMerged && merged)
            {
                // Sound of the run, not a period: a tone of another pitch right after it is not skipped (NaN fails
                // keepsPeriod).
                covered++;
                coveredGap = Math.Max(coveredGap, gapAfter);
                lastInterval = double.NaN;
            }
            else
            {
                if (!keepsPeriod || !samePitch || interval > _options.ContinuousMaxIntervalSeconds
                    || newLongest > _options.ContinuousMaxIntervalRatio * newShortest)
                {
                    break;
                }

                widestGap = Math.Max(widestGap, gapAfter);
                if (cutBeeps == 0 && interval > _options.ContinuousFastIntervalSeconds
                    && _beeps.Ends[i] - start < _options.ContinuousMinBeepDutyCycle * interval)
                {
                    (cutBeeps, cutStart, cutHeard, cutShortest, cutLongest) = (beeps, previousStart, heard, shortest, longest);
                }

                shortest = newShortest;
                longest = newLongest;
                lastInterval = interval;
            }

            // The beep joins the run.
            previousLevel = _beeps.Levels[i];
            Widen(previousLevel, ref quietest, ref loudest);
            runStart = previousStart = start;
            heard += _beeps.Ends[i] - start;
            beeps++;
            age = next - 1;
        }

        if (coverMerged && (covered == 0 || beeps - 1 - covered < 2 || longest > _options.ContinuousFastIntervalSeconds || coveredGap > shortest
            || Math.Max(widestGap, coveredGap) > MergedGapFactor * _options.MergeGapSeconds || loudest - quietest > _options.LevelToleranceDb))
        {
            return false;
        }

        // Slow beeping has to sound much of the time (below), and so does each of its beeps, not only the run on
        // average: a sounder repeats one beep, so every cycle of it is heard about as long as the others. Short
        // blips far apart, followed by one long tone (a background's hum), reached the run's duty cycle through the
        // long tone alone (cutlery clinks and a hum: 0.09 s heard of a 1.5 s cycle, then 0.56 s and a 1.3 s tone).
        // The run starts after the newest such cycle: a beep masked for a moment costs the evidence before it,
        // not the run. It is still the same run for reporting once (below): a cut does not make a new one.
        wholeRunStart = beeps == 2 ? newestStart : runStart;
        if (cutBeeps > 0 && (newestStart - runStart) / (beeps - 1) > _options.ContinuousFastIntervalSeconds)
        {
            (beeps, runStart, heard, shortest, longest) = (cutBeeps, cutStart, cutHeard, cutShortest, cutLongest);
        }

        // One long tone, or at least three beeps: two beeps are a doorbell's ding-dong, not an alarm. A long tone
        // after a beep is judged as the long tone alone.
        if (beeps == 2)
        {
            beeps = 1;
            runStart = newestStart;
            heard = newestHeard;
        }

        if (sounding - runStart < _options.ContinuousSeconds)
        {
            return false;
        }

        // Beeping is an alarm's when it is fast, or sounds much of the time: an appliance's reminder (a few short
        // beeps a second apart) is neither.
        if (beeps > 1 && (newestStart - runStart) / (beeps - 1) > _options.ContinuousFastIntervalSeconds
            && heard / (sounding - runStart) < _options.ContinuousMinDutyCycle)
        {
            return false;
        }

        fit = beeps == 1 ? 1 : Math.Clamp(1 - ((longest / shortest) - 1) / (_options.ContinuousMaxIntervalRatio - 1) * 0.5, 0, 1);
        return true;
    }

    private static void Widen(double level, ref double quietest, ref double loudest)
    {
        if (!double.IsNaN(level))
        {
            (quietest, loudest) = (Math.Min(quietest, level), Math.Max(loudest, level));
        }
    }

    /// <summary>
    /// The onset of the beep of age <paramref name="age"/> as continuous beeping times it, and the age of the beep
    /// before it (<paramref name="next"/>): a pulse with a rough onset (<see cref="BeepHistory.SoftOnsets"/>, split
    /// off by the decoder at a bridged dip as a second T4 pulse) is one beep with the pulse pushed just before it,
    /// as it was before the split, because the run's regularity is timed by onsets and a rough one would break it
    /// (a 0.2 s interval among 0.4–1 s ones).
    /// </summary>
    private double JoinedStart(int age, out int next)
    {
        int i = _beeps.Index(age);
        if (_beeps.SoftOnsets[i] && age + 1 < _beeps.Count)
        {
            next = age + 2;
            return _beeps.Starts[_beeps.Index(age + 1)];
        }

        next = age + 1;
        return _beeps.Starts[i];
    }
}
