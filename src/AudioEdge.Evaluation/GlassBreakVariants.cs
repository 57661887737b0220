using AudioEdge.Synthesis.Analysis;
using AudioEdge.Synthesis.Noise;

namespace AudioEdge.Evaluation;

/// <summary>
/// Altered copies of real glass-break recordings, for what the validation split does not vary: cut as curated
/// clips often come (starting at the break; stopping 0.3 s after it), and 10 or 20 dB quieter (a more distant break,
/// a lower microphone gain). Every validation break has about a second of room before and after and its recording's
/// level; recordings in the field and in other collections often do not. Reported apart from the main counts.
/// </summary>
public static class GlassBreakVariants
{
    /// <summary>The <see cref="EvaluationItem.Kind"/> of these items.</summary>
    public const string Kind = "variant";

    /// <summary>The <see cref="EvaluationItem.Scenario"/> of the copy that starts at the break.</summary>
    public const string StartsAtBreak = "starts at the break";

    /// <summary>The <see cref="EvaluationItem.Scenario"/> of the copy that stops 0.3 s after the break.</summary>
    public const string StopsAfterBreak = "stops 0.3 s after the break";

    /// <summary>The <see cref="EvaluationItem.Scenario"/> of the copy 10 dB quieter.</summary>
    public const string Quieter10 = "10 dB quieter";

    /// <summary>The <see cref="EvaluationItem.Scenario"/> of the copy 20 dB quieter.</summary>
    public const string Quieter20 = "20 dB quieter";

    private const int Rate = 16_000;

    private const double TailSeconds = 0.3;

    /// <summary>
    /// The altered copies of a glass-break recording whose break starts at <paramref name="breakStart"/> seconds;
    /// a trimmed copy is made only where it differs from the recording by at least 0.2 s.
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

        foreach ((string scenario, double db) in new[] { (Quieter10, -10.0), (Quieter20, -20.0) })
        {
            yield return new EvaluationItem($"{name} [{scenario}]", EvaluationLabels.GlassBreak, Quieter(samples, db), breakStart, Kind, Scenario: scenario);
        }
    }

    /// <summary>
    /// The recording <paramref name="db"/> quieter, with a microphone's self-noise (Gaussian, −85 dBFS, seeded) added
    /// back: a more distant sound is quieter, the microphone's own noise is not. Scaled alone, the recording's noise
    /// would sink to −100 dBFS and below, quieter than any microphone and than anything the model was trained on
    /// (every training window carries that −85 dBFS floor).
    /// </summary>
    private static float[] Quieter(float[] samples, double db)
    {
        float gain = (float)SignalLevels.DbToGain(db);
        float[] quieter = [.. samples.Select(x => x * gain)];
        MicrophoneNoise.Add(quieter, MicrophoneNoise.DefaultDb, new Random(samples.Length));
        return quieter;
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
