using System.Globalization;
using System.Text.RegularExpressions;

namespace AudioEdge.DatasetBuilder.Data;

/// <summary>
/// What the build does with weakly labelled AudioSet clips ("the sound occurs somewhere in these 10 s").
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>smoke_alarm: kept only when the notes give a share of energy in 2.9–3.9 kHz of at least
/// <see cref="MinimumPiezoShare"/> (a piezo tone dominates rather than a bell or a siren); then only windows in which
/// the located piezo tone sounds for at least 100 ms become (positive) examples. Windows without it are not used as
/// negatives: a quiet alarm may still be there.</item>
/// <item>glass_break: only the windows around the strongest high-frequency onset of the clip, as positives.</item>
/// <item>none: used like any negative recording.</item>
/// </list>
/// The located positives enter training or validation by their group's split like everything else.
/// </remarks>
internal static partial class WeakLabelPolicy
{
    public const double MinimumPiezoShare = 0.5;

    /// <summary>The "share of energy in 2.9-3.9 kHz" in the notes, or null when absent.</summary>
    public static double? PiezoShare(string notes)
    {
        Match match = ShareText().Match(notes ?? string.Empty);
        return match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double share) ? share : null;
    }

    /// <summary>False for a weak smoke_alarm clip that the share rules out; true for everything else.</summary>
    public static bool Keep(LabelRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return !(row.WeakLabel && row.Label == LabelRow.SmokeAlarm) || PiezoShare(row.Notes) >= MinimumPiezoShare;
    }

    [GeneratedRegex(@"share of energy in 2\.9-3\.9 kHz:\s*([0-9]*\.?[0-9]+)")]
    private static partial Regex ShareText();
}
