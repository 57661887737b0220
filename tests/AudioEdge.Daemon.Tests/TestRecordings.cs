using AudioEdge.Audio;
using AudioEdge.Audio.Wav;
using AudioEdge.Daemon.Demo;
using AudioEdge.Synthesis.Noise;

namespace AudioEdge.Daemon.Tests;

/// <summary>WAV files for the file source, written once per test run.</summary>
internal static class TestRecordings
{
    private static readonly Lazy<string> Demo = new(() => Write("demo.wav", DemoRecording.Generate()));
    private static readonly Lazy<string> Noise = new(() => Write(
        "noise.wav", NoiseGenerator.Generate(NoiseColour.Pink, AudioSource.TargetSampleRate * 60, 0.003, new Random(5))));

    /// <summary>The demo recording (24 s: temporal-3 smoke alarm 2..12 s, glass break at 17 s, household noise).</summary>
    public static string DemoWav => Demo.Value;

    /// <summary>60 s of quiet pink noise: audio keeps flowing (in real time) and nothing is detected.</summary>
    public static string NoiseWav => Noise.Value;

    private static string Folder => Path.Combine(Path.GetTempPath(), $"audioedge-daemon-tests-recordings-{Environment.ProcessId}");

    /// <summary>Deletes the files written (end of the run).</summary>
    public static void DeleteAll()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static string Write(string name, float[] samples)
    {
        string directory = Folder;
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name);
        WavWriter.WriteFile(path, samples, AudioSource.TargetSampleRate);
        return path;
    }
}
