namespace AudioEdge.DatasetBuilder.Data;

/// <summary>One row of labels.csv: a recording and what it holds.</summary>
/// <param name="Path">Relative to the data directory, with '/' separators.</param>
/// <param name="Label"><c>glass_break</c>, <c>smoke_alarm</c> or <c>none</c>.</param>
/// <param name="Category">What the sound is (for <c>none</c>: kitchen: cutlery, phone alarm/ringtone tones, ...).</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Licence">Its terms.</param>
/// <param name="WeakLabel">True for AudioSet clips whose label only says the sound occurs somewhere in the clip.</param>
/// <param name="Notes">Free text; for AudioSet the share of energy in 2.9–3.9 kHz.</param>
internal sealed record LabelRow(string Path, string Label, string Category, string Source, string Licence, bool WeakLabel, string Notes)
{
    public const string GlassBreak = "glass_break";
    public const string SmokeAlarm = "smoke_alarm";
    public const string None = "none";

    /// <summary>The first path component: <c>kitchen20</c>, <c>audioset</c>, ….</summary>
    public string Folder => Path.Split('/')[0];

    /// <summary>The file name without directory and extension.</summary>
    public string Stem => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>True for a positive label.</summary>
    public bool IsPositive => Label is GlassBreak or SmokeAlarm;
}
