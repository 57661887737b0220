using System.Globalization;

namespace AudioEdge.Detection;

/// <summary>Timing rules of <see cref="AlarmCadenceDecoder"/>. Seconds throughout.</summary>
public sealed class AlarmCadenceOptions
{
    /// <summary>On-segments shorter than this are blips (clicks, noise) and are ignored. Default 0.04.</summary>
    public double MinBeepSeconds { get; init; } = 0.04;

    /// <summary>Off-gaps shorter than this are bridged: a dropout under overlapping noise does not split a beep. Default 0.05 (T4's gaps are 0.1).</summary>
    public double MergeGapSeconds { get; init; } = 0.05;

    /// <summary>Relative timing tolerance of beep lengths and onset intervals. Default 0.2 (the standards allow about ±10 %; real alarms and clocks drift).</summary>
    public double Tolerance { get; init; } = 0.2;

    /// <summary>
    /// How much longer than nominal a beep may look: reverberation extends a beep's tail (not its onset), so
    /// lengths get this allowance on top of <see cref="Tolerance"/>, while periods are measured onset to onset.
    /// Default 0.15.
    /// </summary>
    public double TailAllowanceSeconds { get; init; } = 0.15;

    /// <summary>
    /// A short tone that comes back at most this long after a T3-length beep of the same pitch ended, and at least
    /// <see cref="ReverberantTailQuieterDb"/> quieter, is that beep's reverberation re-triggering the tone detector
    /// (a hall, a stairwell: the tail dips below the off threshold and rises again), not a beep of its own.
    /// Default 0.25 (half T3's off time: the next T3 beep cannot start that early). 0 turns it off.
    /// </summary>
    public double ReverberantTailGapSeconds { get; init; } = 0.25;

    /// <summary>How much quieter than the beep before it a <see cref="ReverberantTailGapSeconds"/> tail is. Default 3.</summary>
    public double ReverberantTailQuieterDb { get; init; } = 3;

    /// <summary>Temporal-3 beep length. Default 0.5.</summary>
    public double TemporalThreeBeepSeconds { get; init; } = 0.5;

    /// <summary>Temporal-3 onset-to-onset period within a group. Default 1.0; the cycle is four periods with beeps in the first three (hence the 1.5 s pause).</summary>
    public double TemporalThreePeriodSeconds { get; init; } = 1.0;

    /// <summary>
    /// Report temporal-3 only once the pattern has repeated (a beep after the long pause, about 4 s from onset)
    /// instead of after three beeps (about 2.5 s). Default false. Three 0.5 s beeps a second apart that then
    /// stop (an appliance) are indistinguishable from the first T3 group until the fourth second; the model gate
    /// is the first line against them, this option the second, at the cost of 1.5 s of latency.
    /// </summary>
    public bool TemporalThreeRequiresRepeat { get; init; }

    /// <summary>Temporal-4 pulse length. Default 0.1.</summary>
    public double TemporalFourPulseSeconds { get; init; } = 0.1;

    /// <summary>Temporal-4 onset-to-onset period within a group. Default 0.2; a group is four periods.</summary>
    public double TemporalFourPeriodSeconds { get; init; } = 0.2;

    /// <summary>
    /// A T4 group counts only when its timing fits at least this well (<see cref="CadenceMatch.Fit"/>: 1 − the
    /// mean onset error as a fraction of <see cref="Tolerance"/>). Default 0.5: on average within ±10 %, the
    /// standard's own tolerance (the per-interval limit, <see cref="Tolerance"/>, is twice that). Three or four
    /// short tones of other sounds that happen to fall near a 0.2 s grid fit far worse (0.1–0.2 measured).
    /// </summary>
    public double TemporalFourMinFit { get; init; } = 0.5;

    /// <summary>
    /// Two T4 groups of one sounder whose starts are this far apart, at least, are one alarm repeating (see
    /// <see cref="CadenceMatch.Cycles"/>). Default 4.5 s; the cycle is four 0.2 s periods plus a pause of about
    /// 5 s (≈ 5.8 s).
    /// </summary>
    public double TemporalFourCycleMinSeconds { get; init; } = 4.5;

    /// <summary>… and at most this far. Default 8 s.</summary>
    public double TemporalFourCycleMaxSeconds { get; init; } = 8;

    /// <summary>A steady tone or regular beeping must have sounded this long to count as continuous. Default 3.</summary>
    public double ContinuousSeconds { get; init; } = 3.0;

    /// <summary>Longest onset-to-onset interval within continuous beeping. Default 2.4 (so T3's long pause still counts).</summary>
    public double ContinuousMaxIntervalSeconds { get; init; } = 2.4;

    /// <summary>Regularity of continuous beeping: longest over shortest onset interval at most this. Default 2.5 (one missed beep doubles an interval).</summary>
    public double ContinuousMaxIntervalRatio { get; init; } = 2.5;

    /// <summary>
    /// Continuous beeping with onsets further apart than this on average (slow beeping) must sound for at least
    /// <see cref="ContinuousMinDutyCycle"/> of the time. Default 0.75 s: fast alarm beeping repeats within half a
    /// second; an appliance's reminder beeps about once a second.
    /// </summary>
    public double ContinuousFastIntervalSeconds { get; init; } = 0.75;

    /// <summary>
    /// The fraction of the run in which slow beeping must actually sound. Default 0.5: an appliance's 0.1–0.35 s
    /// beeps a second apart sound 10–40 % of the time; a sounder that keeps beeping slowly rings far longer (and
    /// a long steady tone is continuous by itself).
    /// </summary>
    public double ContinuousMinDutyCycle { get; init; } = 0.5;

    /// <summary>
    /// In slow beeping (see <see cref="ContinuousFastIntervalSeconds"/>), every beep must sound for at least this
    /// fraction of its own cycle (onset to the next onset), not only the run on average; the run starts after a
    /// cycle that falls short. Default 0.25, half of <see cref="ContinuousMinDutyCycle"/>: a beep partly masked
    /// still counts. A sounder repeats one beep (slow alarm beeping measured 0.55–0.88 per cycle); isolated clinks
    /// before a background's long hum sounded 0.06 of theirs.
    /// </summary>
    public double ContinuousMinBeepDutyCycle { get; init; } = 0.25;

    /// <summary>
    /// In fast continuous beeping, a tone of another pitch between two beeps that is more than this many dB
    /// weaker than both is another, fainter sound and is skipped instead of ending the run (the beeps around it
    /// must still keep the run's period). Default 20: background tones measured 24–31 dB below the beeps around
    /// them; a ringtone's quiet notes sat about 10 dB below its loud ones, the same-sounder limit
    /// (<see cref="LevelToleranceDb"/>).
    /// </summary>
    public double ContinuousSkipWeakerDb { get; init; } = 20;

    /// <summary>Beeps of one alarm stay within this many mel bands of each other. Default 2 (a doorbell's or a melody's notes do not).</summary>
    public int SamePitchBands { get; init; } = 2;

    /// <summary>
    /// Whether mel bands <paramref name="a"/> and <paramref name="b"/> are one pitch (<see cref="SamePitchBands"/>):
    /// one rule for the decoder and its continuous-beeping tracker.
    /// </summary>
    internal bool SamePitch(int a, int b) => Math.Abs(a - b) <= SamePitchBands;

    /// <summary>
    /// Pulses of one T4 group stay within this many mel bands of each other in refined pitch (the peak band
    /// interpolated from its neighbours, averaged over the pulse). Default 0.75: about ±3 % at 3 kHz, where a band
    /// is ~4.5 % wide; a sounder's drift and warble stay well inside, neighbouring notes of a melody do not.
    /// </summary>
    public double PitchToleranceBands { get; init; } = 0.75;

    /// <summary>
    /// Pulses of one T4 group stay within this many dB of each other in level (their own band's energy): one
    /// sounder at one distance, 0.8 s apart. Default 10. Tones of other sources in the region (music, speech
    /// harmonics) scatter by tens of dB and so cannot fill in a group. Also: a tone that comes back after a short
    /// gap more than this much louder than before it is a new beep, not the old one resuming.
    /// </summary>
    public double LevelToleranceDb { get; init; } = 10;

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var invariant = CultureInfo.InvariantCulture;
        void Positive(double value, string name)
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                errors.Add(string.Create(invariant, $"Cadence.{name} must be positive (got {value})."));
            }
        }

        Positive(MinBeepSeconds, nameof(MinBeepSeconds));
        if (!(ReverberantTailGapSeconds >= 0) || ReverberantTailGapSeconds >= TemporalThreePeriodSeconds - TemporalThreeBeepSeconds)
        {
            errors.Add(string.Create(invariant, $"Cadence.ReverberantTailGapSeconds must be at least 0 and shorter than T3's off time (got {ReverberantTailGapSeconds})."));
        }

        if (!(ReverberantTailQuieterDb >= 0) || double.IsInfinity(ReverberantTailQuieterDb))
        {
            errors.Add(string.Create(invariant, $"Cadence.ReverberantTailQuieterDb must not be negative (got {ReverberantTailQuieterDb})."));
        }

        Positive(MergeGapSeconds, nameof(MergeGapSeconds));
        Positive(TemporalThreeBeepSeconds, nameof(TemporalThreeBeepSeconds));
        Positive(TemporalThreePeriodSeconds, nameof(TemporalThreePeriodSeconds));
        Positive(TemporalFourPulseSeconds, nameof(TemporalFourPulseSeconds));
        Positive(TemporalFourPeriodSeconds, nameof(TemporalFourPeriodSeconds));
        Positive(ContinuousSeconds, nameof(ContinuousSeconds));
        Positive(ContinuousMaxIntervalSeconds, nameof(ContinuousMaxIntervalSeconds));
        if (!(Tolerance > 0 && Tolerance < 0.5))
        {
            errors.Add(string.Create(invariant, $"Cadence.Tolerance must be within (0, 0.5) (got {Tolerance})."));
        }

        if (!(TailAllowanceSeconds >= 0))
        {
            errors.Add(string.Create(invariant, $"Cadence.TailAllowanceSeconds must not be negative (got {TailAllowanceSeconds})."));
        }

        if (TemporalThreeBeepSeconds >= TemporalThreePeriodSeconds || TemporalFourPulseSeconds >= TemporalFourPeriodSeconds)
        {
            errors.Add("Cadence: a beep must be shorter than its period (TemporalThree/FourBeep/PulseSeconds < PeriodSeconds).");
        }

        if (MergeGapSeconds >= TemporalFourPeriodSeconds - TemporalFourPulseSeconds)
        {
            errors.Add(string.Create(invariant, $"Cadence.MergeGapSeconds ({MergeGapSeconds}) must be shorter than the temporal-4 gap ({TemporalFourPeriodSeconds - TemporalFourPulseSeconds}), or CO pulses merge."));
        }

        if (!(ContinuousMaxIntervalRatio >= 1))
        {
            errors.Add(string.Create(invariant, $"Cadence.ContinuousMaxIntervalRatio must be at least 1 (got {ContinuousMaxIntervalRatio})."));
        }

        if (!(ContinuousFastIntervalSeconds > 0) || !(ContinuousMinDutyCycle >= 0 && ContinuousMinDutyCycle <= 1))
        {
            errors.Add(string.Create(invariant, $"Cadence.ContinuousFastIntervalSeconds must be positive and ContinuousMinDutyCycle within [0, 1] (got {ContinuousFastIntervalSeconds} and {ContinuousMinDutyCycle})."));
        }

        if (!(ContinuousMinBeepDutyCycle >= 0 && ContinuousMinBeepDutyCycle <= 1))
        {
            errors.Add(string.Create(invariant, $"Cadence.ContinuousMinBeepDutyCycle must be within [0, 1] (got {ContinuousMinBeepDutyCycle})."));
        }

        if (!(TemporalFourCycleMinSeconds > 0 && TemporalFourCycleMaxSeconds >= TemporalFourCycleMinSeconds))
        {
            errors.Add(string.Create(invariant, $"Cadence.TemporalFourCycleMinSeconds..MaxSeconds must be a positive range (got {TemporalFourCycleMinSeconds}..{TemporalFourCycleMaxSeconds})."));
        }

        if (!(TemporalFourMinFit >= 0 && TemporalFourMinFit <= 1))
        {
            errors.Add(string.Create(invariant, $"Cadence.TemporalFourMinFit must be within [0, 1] (got {TemporalFourMinFit})."));
        }

        if (!(PitchToleranceBands > 0) || !(LevelToleranceDb > 0))
        {
            errors.Add(string.Create(invariant, $"Cadence.PitchToleranceBands and LevelToleranceDb must be positive (got {PitchToleranceBands} and {LevelToleranceDb})."));
        }

        if (!(ContinuousSkipWeakerDb >= LevelToleranceDb) || double.IsInfinity(ContinuousSkipWeakerDb))
        {
            errors.Add(string.Create(invariant, $"Cadence.ContinuousSkipWeakerDb must be finite and at least LevelToleranceDb, the spread of one sounder's beeps (got {ContinuousSkipWeakerDb} and {LevelToleranceDb})."));
        }

        if (SamePitchBands < 0)
        {
            errors.Add(string.Create(invariant, $"Cadence.SamePitchBands must not be negative (got {SamePitchBands})."));
        }

        return errors;
    }
}
