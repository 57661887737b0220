using AudioEdge.Evaluation;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// A stretch of real household audio from the shared data directory (../shared/data from the repository root, or
/// <c>AUDIOEDGE_DATA</c>): room background, cutlery and chopping, read speech, a real smoke alarm, a real window
/// breaking, and 40 s of someone doing the dishes — a little over a minute, so that telemetry releases its spectral
/// profile too (it needs 60 s of audio).
/// </summary>
internal static class RealRecordings
{
    /// <summary>Files (relative to the data directory) and how many seconds of each to use (null: all).</summary>
    public static readonly (string File, double? Seconds)[] Pieces =
    [
        ("background/tinyml_alert/noise.6gnlc7et.ingestion-7f474ccdc-shp8t.wav", null),
        ("kitchen20/cutlery/0-101478-A-15.flac", null),
        ("speech/pyroomacoustics/cmu_arctic_us_aew_a0001.flac", null),
        ("smoke_alarm/tinyml_alert/alarm.6gnkkrur.ingestion-7f474ccdc-xbf9j.wav", null),
        ("background/tinyml_alert/noise.6gp4ad4e.ingestion-7f474ccdc-shp8t.wav", null),
        ("kitchen20/chopping/0-149276-A-14.flac", null),
        ("glass_break/aspinity_events/GBTD-01-01-LP-gb11_000.wav", null),
        ("background/tinyml_alert/noise.6gp4auq0.ingestion-7f474ccdc-xbf9j.wav", null),
        ("speech/pyroomacoustics/cmu_arctic_us_aew_a0002.flac", null),
        ("noise/speech_commands_bg/doing_the_dishes.flac", 40),
    ];

    /// <summary>The data directory, or null when this machine has none.</summary>
    public static string? DataDirectory
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable("AUDIOEDGE_DATA");
            string directory = string.IsNullOrEmpty(configured)
                ? Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data"))
                : configured;
            return Directory.Exists(directory) ? directory : null;
        }
    }

    /// <summary>The pieces, decoded to 16 kHz mono and joined.</summary>
    public static float[] Load(string dataDirectory)
    {
        var samples = new List<float>();
        foreach ((string file, double? seconds) in Pieces)
        {
            string path = Path.Combine(dataDirectory, file);
            Assert.That(File.Exists(path), Is.True, $"{path} is missing from the shared data directory");
            float[] audio = RecordingLoader.Load(path);
            int count = seconds is double s ? Math.Min(audio.Length, (int)(s * TestAudio.SampleRate)) : audio.Length;
            samples.AddRange(audio.AsSpan(0, count));
        }

        return [.. samples];
    }
}
