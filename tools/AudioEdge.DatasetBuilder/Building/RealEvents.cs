using AudioEdge.DatasetBuilder.Data;
using AudioEdge.DatasetBuilder.Labelling;
using AudioEdge.Synthesis;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>Where the labelled sound is in a real recording, and how to cut windows from it, by label and label strength.</summary>
internal static class RealEvents
{
    /// <summary>Below this rise of the high band (dB) a located glass-break onset is reported as doubtful.</summary>
    public const double DoubtfulGlassRiseDb = 10;

    /// <returns>The segments and the plan; a null plan means "use no window of this recording" (the warning says why).</returns>
    public static (List<SoundSegment> Segments, WindowPlan? Plan, string? Warning) Locate(RealRecording recording, FeatureFrames frames, BuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(options);
        LabelRow row = recording.Row;
        var plan = new WindowPlan { HopFrames = options.HopFrames, MaxRegularWindows = options.MaxWindowsPerFile, WindowsPerOnset = options.GlassWindowsPerOnset };
        switch (row.Label)
        {
            case LabelRow.SmokeAlarm:
            {
                List<SoundSegment> tones = row.WeakLabel ? EventLocator.PiezoBandSegments(frames) : EventLocator.ToneSegments(frames);
                if (tones.Count == 0)
                {
                    return (tones, null, $"{row.Path}: no alarm tone located; recording not used");
                }

                // Denser windows on the scarce real alarms; a weak clip gives only windows where the piezo tone is
                // found for at least 100 ms, and no negatives.
                plan = plan with { HopFrames = Math.Max(1, options.HopFrames / 2) };
                if (row.WeakLabel)
                {
                    plan = plan with { MinimumAlarmSamples = 1600, KeepNegatives = false };
                }

                return (tones, plan, null);
            }

            case LabelRow.GlassBreak:
            {
                SoundSegment? onset = EventLocator.GlassOnset(frames, out double rise);
                if (onset is null)
                {
                    return ([], null, $"{row.Path}: too short to locate a glass break; recording not used");
                }

                string? warning = rise < DoubtfulGlassRiseDb
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{row.Path}: glass-break onset doubtful (high band rises only {rise:F1} dB)")
                    : null;
                if (row.WeakLabel)
                {
                    plan = plan with { KeepRegular = false, KeepNegatives = false };
                }

                return ([onset.Value], plan, warning);
            }

            default:
            {
                // A negative's strongest high-band onset (a clatter, a knock) gets windows placed as a glass onset's
                // are: the model is to tell them apart at every position, not only where regular windows fall.
                // Training recordings only: validation keeps the windows every model is compared on (and thresholds chosen on).
                if (options.ImpactWindowsPerOnset > 0 && recording.Split == Split.Train
                    && EventLocator.GlassOnset(frames, out double rise) is { } impact && rise >= DoubtfulGlassRiseDb)
                {
                    plan = plan with { ImpactOnsetFrames = [impact.Start / FeatureFrames.Hop], WindowsPerOnset = options.ImpactWindowsPerOnset };
                }

                return ([], plan, null);
            }
        }
    }
}
