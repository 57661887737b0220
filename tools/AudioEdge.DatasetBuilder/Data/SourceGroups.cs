using System.Text.RegularExpressions;

namespace AudioEdge.DatasetBuilder.Data;

/// <summary>
/// The source recording a file was cut from, as a group key: files with the same key go to the same split. The
/// rules follow the data README and the sources' naming schemes; a file no rule recognises is its own group.
/// Exact duplicates (same bytes) are joined separately by <see cref="SplitAssigner"/>.
/// </summary>
internal static partial class SourceGroups
{
    /// <summary>The group key of a file (a path relative to the data directory).</summary>
    public static string KeyFor(string path)
    {
        string[] parts = path.Split('/');
        string folder = parts[0];
        string subfolder = parts.Length > 2 ? parts[1] : string.Empty;
        string stem = Path.GetFileNameWithoutExtension(parts[^1]);
        Match m;

        // Aspinity: every mixed file is an isolated event plus an interferer: "<event>_a0NN_<from>_<to>_000". The
        // bundle appends "_000" to names inconsistently (event "R3S1M2_000_000" ↔ mixed "R3S1M2_000_a005_0_30_000";
        // the data README writes "GBTD-…-gb11_000" ↔ "GBTD-…-gb11_000…"), so every trailing "_000" is dropped on both sides.
        if (subfolder == "aspinity_mixed" && (m = AspinityMixed().Match(stem)).Success)
        {
            return "aspinity:" + AspinityEvent(m.Groups[1].Value);
        }

        if (subfolder == "aspinity_events")
        {
            return "aspinity:" + AspinityEvent(stem);
        }

        // Edge Impulse exports (tinyml_alert): "<class>.<sample id>.ingestion-<pod>[.sN]"; .s1/.s2 are cuts of one sample.
        if (subfolder == "tinyml_alert" && (m = EdgeImpulse().Match(stem)).Success)
        {
            return "tinyml:" + m.Groups[1].Value;
        }

        // AudioSet: "<YouTube id>_<start seconds>"; the id itself may contain underscores.
        if (folder == "audioset" && (m = AudioSet().Match(stem)).Success)
        {
            return "youtube:" + m.Groups[1].Value;
        }

        // Kitchen20 (ESC-50 naming) "<fold>-<freesound id>-<take>-<class>"; UrbanSound8K "<freesound id>-<class>-<occurrence>-<slice>".
        // Kitchen20's own recordings name the source instead ("1-D-Portes-A-10", "2-J-frigo2(1).aac-A-3"), and a
        // "(1)" marks a second copy of the same recording.
        if (folder == "kitchen20" && (m = Kitchen20().Match(stem)).Success)
        {
            string source = m.Groups[1].Value;
            return source.All(char.IsAsciiDigit) ? "freesound:" + source : "kitchen20:" + CopySuffix().Replace(source, string.Empty);
        }

        if (folder == "urban" && (m = UrbanSound().Match(stem)).Success)
        {
            return "freesound:" + m.Groups[1].Value;
        }

        // Room recordings: the same sound index played in the small and in the large room.
        if (folder == "rooms_smartphone" && (m = Rooms().Match(stem)).Success)
        {
            return $"rooms:{m.Groups[1].Value}_{m.Groups[3].Value}";
        }

        // Spoken digits "<digit>_<speaker>_<take>": a speaker's voice must not be in both splits.
        if (subfolder == "spoken_digits" && (m = SpokenDigit().Match(stem)).Success)
        {
            return "fsdd-speaker:" + m.Groups[1].Value;
        }

        if (subfolder == "pyroomacoustics")
        {
            if ((m = Arctic().Match(stem)).Success)
            {
                return "arctic-speaker:" + m.Groups[1].Value;
            }

            // The beamforming example: its outputs are processed versions of its input; two rates of one guitar take.
            if (stem == "input" || stem.StartsWith("output_", StringComparison.Ordinal))
            {
                return "pyroomacoustics:beamforming-example";
            }

            if (stem.StartsWith("guitar_", StringComparison.Ordinal))
            {
                return "pyroomacoustics:guitar";
            }
        }

        // librosa's LibriSpeech excerpts "<speaker>-<chapter>-<utterance>".
        if (folder == "music_tonal" && (m = LibriSpeech().Match(stem)).Success)
        {
            return "librispeech-speaker:" + m.Groups[1].Value;
        }

        return "file:" + path;
    }

    /// <summary>
    /// The event's name without trailing "_000"s, and in its short form: "Room1_window_hit_3_W3_window_hit__crash__event_1"
    /// and "Room1_3_W3_1" name the same recording (seven such pairs in the bundle are byte-identical).
    /// </summary>
    private static string AspinityEvent(string name)
    {
        string trimmed = TrailingZeros().Replace(name, string.Empty);
        Match longForm = AspinityLongName().Match(trimmed);
        return longForm.Success ? $"Room{longForm.Groups[1].Value}_{longForm.Groups[2].Value}_W{longForm.Groups[3].Value}_{longForm.Groups[4].Value}" : trimmed;
    }

    [GeneratedRegex(@"^Room(\d+)_window_hit_(\d+)_W(\d+)_window_hit__crash__event_(\d+)$")]
    private static partial Regex AspinityLongName();

    [GeneratedRegex(@"^(.+)_a\d{3}_\d+_\d+_000$")]
    private static partial Regex AspinityMixed();

    [GeneratedRegex(@"(_000)+$")]
    private static partial Regex TrailingZeros();

    [GeneratedRegex(@"^([a-z_]+\.[0-9a-z]+)\.ingestion-")]
    private static partial Regex EdgeImpulse();

    [GeneratedRegex(@"^(.+)_\d+\.\d+$")]
    private static partial Regex AudioSet();

    [GeneratedRegex(@"^\d+-(.+)-[A-Z]+-\d+$")]
    private static partial Regex Kitchen20();

    [GeneratedRegex(@"\(\d+\)")]
    private static partial Regex CopySuffix();

    [GeneratedRegex(@"^(\d+)-\d+-\d+-\d+$")]
    private static partial Regex UrbanSound();

    [GeneratedRegex(@"^(.+)_(small|large)_(\d+)$")]
    private static partial Regex Rooms();

    [GeneratedRegex(@"^\d_([a-z]+)_\d+$")]
    private static partial Regex SpokenDigit();

    [GeneratedRegex(@"^cmu_arctic_us_([a-z]+)_a\d+$")]
    private static partial Regex Arctic();

    [GeneratedRegex(@"^(\d+)-\d+-\d+(\.hq)?$")]
    private static partial Regex LibriSpeech();
}
