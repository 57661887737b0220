using System.Globalization;

namespace AudioEdge.Detection;

/// <summary>
/// How <see cref="GlassBreakDetector"/> confirms the model's glass score with the physics of a breaking pane:
/// a low-frequency "thud" (the pane flexing) followed within about 100 ms by a broadband high-frequency
/// "shatter". Levels in dB of mel-band energy above a tracked background.
/// </summary>
public sealed class GlassBreakOptions
{
    /// <summary>Bands centred at or below this make up the thud. Default 300 Hz.</summary>
    public double ThudMaxHertz { get; init; } = 300;

    /// <summary>Bands centred at or above this make up the shatter. Default 4000 Hz (shatter energy extends beyond 7.5 kHz).</summary>
    public double ShatterMinHertz { get; init; } = 4000;

    /// <summary>A thud: the low bands' total energy jumps this far above its background. Default 9 dB.</summary>
    public double ThudRiseDb { get; init; } = 9;

    /// <summary>A shatter: this far above background … Default 9 dB.</summary>
    public double ShatterRiseDb { get; init; } = 9;

    /// <summary>… in at least this fraction of the high bands at once (broadband, not a whistle). Default 0.6.</summary>
    public double ShatterBandFraction { get; init; } = 0.6;

    /// <summary>The shatter must begin this soon after the thud (or in the same frame). Default 0.12 s.</summary>
    public double MaxThudToShatterSeconds { get; init; } = 0.12;

    /// <summary>
    /// Without the thud-then-shatter confirmation the model's score must reach this, and never less than the
    /// manifest threshold (a pane can break without a thud the microphone hears, but an unconfirmed window must
    /// not pass more easily than a confirmed one). Default 0.9; at 1 or more the physics is required.
    /// </summary>
    public double UnconfirmedThreshold { get; init; } = 0.9;

    /// <summary>
    /// Breaking glass is a high-frequency sound: in the window that raises an event, at its loudest high-band
    /// moments (within 6 dB of the window's peak above <see cref="ShatterMinHertz"/>), the energy above
    /// <see cref="ShatterMinHertz"/> must be at least this many dB relative to the whole frame's. Default −10 dB
    /// (a tenth): the validation breaks reach −8 dB or more (most −5…0); music, appliance beeps and dull clatter,
    /// on which the model's score saturates too, stay at −12…−22 dB. −∞ disables the check.
    /// </summary>
    public double MinHighBandShareDb { get; init; } = -10;

    /// <summary>
    /// Breaking glass is dense broadband noise (many fragments at once), while a ringing plate, a clinking glass or
    /// a beeping piezo puts its high-frequency energy into a few partials. In the window that raises an event, the
    /// median spectral flatness of the bands above <see cref="ShatterMinHertz"/> (their geometric over arithmetic
    /// mean energy, 0 dB when all are equal) over its loudest high-band frames (within 6 dB of the peak) must be at
    /// least this. Default −6 dB: the validation breaks stay at −3.5 dB or flatter, the tonal impacts on which the
    /// model's score saturates are at −8 dB or below. −∞ disables the check.
    /// </summary>
    public double MinHighBandFlatnessDb { get; init; } = -6;

    /// <summary>
    /// A break's shatter is followed by a tail of falling fragments (0.3–1.5 s), so it is still sounding when the model
    /// recognises it: in the window that raises an event, the loudest level above <see cref="ShatterMinHertz"/> over
    /// the newest 0.2 s must be within this many dB of the window's loudest. A single knock that has died away before
    /// the model's score rose (a dropped plate) fails it. Default 25 dB: the validation breaks are within 7 dB in the
    /// windows that raise their events and within 20 dB in every window up to 0.45 s after their loudest moment; the
    /// dropped plate's windows are 29–57 dB below. +∞ disables the check.
    /// </summary>
    public double MaxTailDecayDb { get; init; } = 25;

    /// <summary>
    /// A break stays in the model's 0.96 s window for the next scores too (the shatter and its tail), so the model
    /// must keep recognising it: the window after the one that passes every check must score at least this fraction
    /// of the threshold, and the event is raised then (0.1 s later). A short transient that the model takes for glass
    /// at one window position only (a blender's spike, a clatter, a chirp) fails it. Default 0.91: after the first
    /// passing window, the validation breaks score at least 0.96 of the threshold (0.928 of 0.966), those three
    /// false events at most 0.87 of it (0.835). 0 disables the check (the event is raised at the first window).
    /// </summary>
    public double PersistenceFraction { get; init; } = 0.91;

    /// <summary>After a glass-break event ends, no new one starts for this long (falling shards, a second blow). Default 5 s.</summary>
    public double RefractorySeconds { get; init; } = 5;

    /// <summary>An event is closed at most this long after its start. Default 3 s.</summary>
    public double MaxEventSeconds { get; init; } = 3;

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var invariant = CultureInfo.InvariantCulture;
        if (!(ThudMaxHertz > 0 && ShatterMinHertz > ThudMaxHertz))
        {
            errors.Add(string.Create(invariant, $"Glass.ThudMaxHertz must be positive and below ShatterMinHertz (got {ThudMaxHertz} and {ShatterMinHertz})."));
        }

        if (!(ThudRiseDb > 0) || !(ShatterRiseDb > 0))
        {
            errors.Add(string.Create(invariant, $"Glass.ThudRiseDb and ShatterRiseDb must be positive (got {ThudRiseDb} and {ShatterRiseDb})."));
        }

        if (!(ShatterBandFraction > 0 && ShatterBandFraction <= 1))
        {
            errors.Add(string.Create(invariant, $"Glass.ShatterBandFraction must be within (0, 1] (got {ShatterBandFraction})."));
        }

        if (!(MaxThudToShatterSeconds >= 0 && MaxThudToShatterSeconds <= 1))
        {
            errors.Add(string.Create(invariant, $"Glass.MaxThudToShatterSeconds must be 0..1 (got {MaxThudToShatterSeconds})."));
        }

        if (!(UnconfirmedThreshold > 0))
        {
            errors.Add(string.Create(invariant, $"Glass.UnconfirmedThreshold must be positive (got {UnconfirmedThreshold})."));
        }

        if (double.IsNaN(MinHighBandShareDb) || MinHighBandShareDb > 0)
        {
            errors.Add(string.Create(invariant, $"Glass.MinHighBandShareDb must be at most 0 (got {MinHighBandShareDb})."));
        }

        if (double.IsNaN(MinHighBandFlatnessDb) || MinHighBandFlatnessDb > 0)
        {
            errors.Add(string.Create(invariant, $"Glass.MinHighBandFlatnessDb must be at most 0 (got {MinHighBandFlatnessDb})."));
        }

        if (!(MaxTailDecayDb > 0))
        {
            errors.Add(string.Create(invariant, $"Glass.MaxTailDecayDb must be positive (got {MaxTailDecayDb})."));
        }

        if (!(PersistenceFraction >= 0 && PersistenceFraction <= 1))
        {
            errors.Add(string.Create(invariant, $"Glass.PersistenceFraction must be within [0, 1] (got {PersistenceFraction})."));
        }

        if (!(RefractorySeconds >= 0) || !(MaxEventSeconds > 0))
        {
            errors.Add(string.Create(invariant, $"Glass.RefractorySeconds must not be negative and MaxEventSeconds must be positive (got {RefractorySeconds} and {MaxEventSeconds})."));
        }

        return errors;
    }
}
