using System.Globalization;

namespace AudioEdge.Detection;

/// <summary>Everything <see cref="DetectionPipeline"/> can be tuned by, besides the model's thresholds (which come with the model).</summary>
public sealed class DetectionOptions
{
    /// <summary>Per-frame tone activity (alarm on/off timing).</summary>
    public ToneActivityOptions Tone { get; init; } = new();

    /// <summary>Cadence rules (T3, T4, continuous).</summary>
    public AlarmCadenceOptions Cadence { get; init; } = new();

    /// <summary>Glass-break confirmation and refractory period.</summary>
    public GlassBreakOptions Glass { get; init; } = new();

    /// <summary>A smoke-alarm event ends after this long without its beeps. Default 5 s (T3's longest silence is 1.5 s).</summary>
    public double SmokeAlarmEndSeconds { get; init; } = 5;

    /// <summary>A CO-alarm event ends after this long without its pulses. Default 10 s: T4 is silent for about 5 s between groups.</summary>
    public double CoAlarmEndSeconds { get; init; } = 10;

    /// <summary>
    /// Hysteresis on the model's scores: an open event is sustained while the score stays above this fraction of
    /// the threshold that opened it. Default 0.7.
    /// </summary>
    public double ReleaseFraction { get; init; } = 0.7;

    /// <summary>
    /// A CO alarm that has repeated its T4 group (a second group of the same sounder one cycle later,
    /// <see cref="CadenceMatch.Cycles"/> ≥ 2) needs the model's alarm score only at this fraction of the threshold:
    /// two exact T4 groups of one pitch and level are strong evidence by themselves, and the model's score falls at
    /// low SNR. Default 0.5; 1 makes the repeat count for nothing.
    /// </summary>
    public double RepeatedTemporalFourGateFraction { get; init; } = 0.5;

    /// <summary>
    /// A CO alarm whose T4 group has sounded this many times in a row (<see cref="CadenceMatch.Cycles"/>: one sounder,
    /// same pitch and level, one cycle apart) is reported on its cadence alone, whatever the model's score. Default 3:
    /// the evidence ladder is one group → the model's threshold, two → <see cref="RepeatedTemporalFourGateFraction"/>
    /// of it, three → none. Three exact groups of four 0.1 s pulses on a 0.2 s grid, 4.5–8 s apart, at one pitch and
    /// level, is a pattern no other sound in the validation set made even twice, while the model's score falls at
    /// low SNR (a 4 dB scenario stayed at 0.17). The cost is latency: the third group closes about 12.5 s after the
    /// alarm's first pulse (two 5.7 s cycles, the group, and half a second to know it has ended). The event's
    /// confidence stays the model's, so it reads low. 0: never (the model must agree).
    /// </summary>
    public int CadenceOnlyTemporalFourCycles { get; init; } = 3;

    /// <summary>
    /// The model's alarm score says that an alarm sounder is heard, not which tone: for a cadence of the 520 Hz
    /// region, a window counts as the model agreeing only if no piezo-region tone more than this many dB louder
    /// than the cadence's own beeps was heard in it, since such a window's score belongs to that tone. Default 10 dB.
    /// A 520 Hz square wave's own harmonics in the piezo region measure 12–13 dB below its fundamental; hum, voices
    /// and a background's tonal bits that the 520 Hz decoder strung into "continuous beeping" while a piezo CO alarm
    /// or an appliance beeped stood 10–40 dB below those beeps, and the model's score, raised by the beeps, made
    /// them smoke-alarm events. +∞ credits every window. Piezo cadences are not judged by it: a motor's hum or music
    /// louder than a piezo alarm is common, and the model hears the alarm through it.
    /// </summary>
    public double LowToneCreditMarginDb { get; init; } = 10;

    /// <summary>The defaults.</summary>
    public static DetectionOptions Default { get; } = new();

    /// <summary>Every problem with these options and their parts, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var invariant = CultureInfo.InvariantCulture;
        if (Tone is null || Cadence is null || Glass is null)
        {
            errors.Add("Tone, Cadence and Glass must not be null.");
        }
        else
        {
            errors.AddRange(Tone.Validate());
            errors.AddRange(Cadence.Validate());
            errors.AddRange(Glass.Validate());
        }

        if (!(SmokeAlarmEndSeconds > 0) || !(CoAlarmEndSeconds > 0))
        {
            errors.Add(string.Create(invariant, $"SmokeAlarmEndSeconds and CoAlarmEndSeconds must be positive (got {SmokeAlarmEndSeconds} and {CoAlarmEndSeconds})."));
        }

        if (!(RepeatedTemporalFourGateFraction > 0 && RepeatedTemporalFourGateFraction <= 1))
        {
            errors.Add(string.Create(invariant, $"RepeatedTemporalFourGateFraction must be within (0, 1] (got {RepeatedTemporalFourGateFraction})."));
        }

        if (CadenceOnlyTemporalFourCycles != 0 && CadenceOnlyTemporalFourCycles < 2)
        {
            errors.Add(string.Create(invariant, $"CadenceOnlyTemporalFourCycles must be 0 (never) or at least 2: one group alone is never enough (got {CadenceOnlyTemporalFourCycles})."));
        }

        if (!(LowToneCreditMarginDb >= 0))
        {
            errors.Add(string.Create(invariant, $"LowToneCreditMarginDb must be 0 or more (got {LowToneCreditMarginDb})."));
        }

        if (!(ReleaseFraction > 0 && ReleaseFraction <= 1))
        {
            errors.Add(string.Create(invariant, $"ReleaseFraction must be within (0, 1] (got {ReleaseFraction})."));
        }

        return errors;
    }
}
