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

    /// <summary>A steady tone or regular beeping must have sounded this long to count as continuous. Default 3.</summary>
    public double ContinuousSeconds { get; init; } = 3.0;

    /// <summary>Longest onset-to-onset interval within continuous beeping. Default 2.4 (so T3's long pause still counts).</summary>
    public double ContinuousMaxIntervalSeconds { get; init; } = 2.4;

    /// <summary>Regularity of continuous beeping: longest over shortest onset interval at most this. Default 2.5 (one missed beep doubles an interval).</summary>
    public double ContinuousMaxIntervalRatio { get; init; } = 2.5;

    /// <summary>Beeps of one alarm stay within this many mel bands of each other. Default 2 (a doorbell's or a melody's notes do not).</summary>
    public int SamePitchBands { get; init; } = 2;

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

        if (SamePitchBands < 0)
        {
            errors.Add(string.Create(invariant, $"Cadence.SamePitchBands must not be negative (got {SamePitchBands})."));
        }

        return errors;
    }
}
