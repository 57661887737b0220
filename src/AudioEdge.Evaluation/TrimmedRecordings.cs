namespace AudioEdge.Evaluation;

/// <summary>
/// Cut-down copies of real glass-break recordings, as curated clips often come: one that starts at the break and
/// one that stops 0.3 s after it. The validation recordings give every break about a second of room before and
/// after; recordings in the field and in other collections often do not, and a detector that needs them (a full
/// window before, the next window after) misses those breaks. Reported apart from the main counts.
/// </summary>
public static class TrimmedRecordings
{
    /// <summary>The <see cref="EvaluationItem.Kind"/> of these items.</summary>
    public const string Kind = "trimmed";

    /// <summary>The <see cref="EvaluationItem.Scenario"/> of the copy that starts at the break.</summary>
    public const string StartsAtBreak = "starts at the break";

    /// <summary>The <see cref="EvaluationItem.Scenario"/> of the copy that stops 0.3 s after the break.</summary>
    public const string StopsAfterBreak = "stops 0.3 s after the break";

    private const int Rate = 16_000;
    private const double TailSeconds = 0.3;

    /// <summary>
    /// The trimmed copies of a glass-break recording whose break starts at <paramref name="breakStart"/> seconds;
    /// a copy is made only where it differs from the recording by at least 0.2 s.
    /// </summary>
    public static IEnumerable<EvaluationItem> Create(string name, float[] samples, double breakStart)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int start = (int)Math.Round(breakStart * Rate);
        if (start >= 0.2 * Rate && start < samples.Length)
        {
            yield return new EvaluationItem($"{name} [{StartsAtBreak}]", EvaluationLabels.GlassBreak, samples[start..], 0, Kind, Scenario: StartsAtBreak);
        }

        int end = (int)Math.Round((breakStart + TailSeconds) * Rate);
        if (end > 0 && end <= samples.Length - (0.2 * Rate))
        {
            yield return new EvaluationItem($"{name} [{StopsAfterBreak}]", EvaluationLabels.GlassBreak, samples[..end], breakStart, Kind, Scenario: StopsAfterBreak);
        }
    }

    /// <summary>The start of the first <c>glass_break</c> event of a validation list's <c>events</c> cell (<c>glass_break 0.99-2.20;…</c>), if any.</summary>
    public static double? FirstBreak(string? events)
    {
        foreach (string entry in (events ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = entry.Split(' ', 2);
            if (parts.Length == 2 && parts[0] == EvaluationLabels.GlassBreak
                && double.TryParse(parts[1].Split('-')[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double start))
            {
                return start;
            }
        }

        return null;
    }
}
