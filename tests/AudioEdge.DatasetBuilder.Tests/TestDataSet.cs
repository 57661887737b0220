using System.Diagnostics;
using System.Text;
using AudioEdge.Audio.Wav;
using AudioEdge.Synthesis;
using AudioEdge.Synthesis.Alarms;
using AudioEdge.Synthesis.Augmentation;
using AudioEdge.Synthesis.Glass;
using AudioEdge.Synthesis.Negatives;
using AudioEdge.Synthesis.Noise;

namespace AudioEdge.DatasetBuilder.Tests;

/// <summary>
/// A miniature of the real data folder, made by the test: the same folder layout, file naming and labels.csv format,
/// with generated audio (glass events and their mixed versions, alarm excerpts, backgrounds, weak AudioSet clips),
/// plus one FLAC file when sox is installed.
/// </summary>
internal sealed class TestDataSet : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly StringBuilder _labels = new("path,label,category,source,licence,weak_label,notes\n");

    public TestDataSet()
    {
        Directory.CreateDirectory(DataDirectory);
        for (int e = 1; e <= 3; e++)
        {
            SynthesizedSound glass = GlassBreakSynthesizer.Generate(2.5, new Random(e), new GlassBreakOptions { OnsetSeconds = ValueRange.Exactly(1.0) });
            float[] padded = new float[glass.Samples.Length];
            glass.Samples.CopyTo(padded, 0);
            Add($"glass_break/aspinity_events/Room{e}_W{e}_1_000_000.wav", padded, "glass_break", "window/pane glass break (isolated event)");
            Add($"glass_break/aspinity_mixed/Room{e}_W{e}_1_000_a00{e}_0_30_000.wav", Mix(glass, 10, e), "glass_break", "window/pane glass break mixed with household interferer (a0NN = interferer id)");
        }

        for (int a = 1; a <= 3; a++)
        {
            SynthesizedSound alarm = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 1.5, new Random(10 + a), new AlarmOptions { LeadingSilenceSeconds = ValueRange.Exactly(0.1) });
            Add($"smoke_alarm/tinyml_alert/alarm.dev{a}x.ingestion-pod.s1.wav", Mix(alarm, 20, a), "smoke_alarm", "fire/smoke alarm beeps, various devices, short excerpts");
            Add($"smoke_alarm/tinyml_alert/alarm.dev{a}x.ingestion-pod.s2.wav", Mix(alarm, 15, a + 100), "smoke_alarm", "fire/smoke alarm beeps, various devices, short excerpts");
        }

        for (int b = 1; b <= 3; b++)
        {
            Add($"background/tinyml_alert/noise.bg{b}.ingestion-pod.wav", NoiseGenerator.Generate((NoiseColour)(b % 4), 32_000, 0.02, new Random(20 + b)), "none", "room background");
            SynthesizedSound clinks = HardNegativeSynthesizer.Generate(HardNegativeKind.Impacts, 3, new Random(30 + b));
            Add($"kitchen20/cutlery/1-{5000 + b}-A-3.wav", Mix(clinks, 20, b), "none", "kitchen: cutlery");
            Add($"kitchen20/cutlery/1-{5000 + b}-B-3.wav", Mix(clinks, 5, b + 50), "none", "kitchen: cutlery");
        }

        SynthesizedSound piezo = AlarmSynthesizer.Generate(AlarmPattern.TemporalThree, 10, new Random(40));
        Add("audioset/alarm/yt_piezo_A_30.000.wav", Mix(piezo, 10, 41), "smoke_alarm", "AudioSet 'Fire alarm' clip, weak", weak: true, notes: "audioset labels: Smoke detector, smoke alarm; Fire alarm; share of energy in 2.9-3.9 kHz: 0.931");
        SynthesizedSound bell = HardNegativeSynthesizer.Generate(HardNegativeKind.Doorbell, 10, new Random(42));
        Add("audioset/alarm/yt_bell_B_0.000.wav", Mix(bell, 10, 43), "smoke_alarm", "AudioSet 'Fire alarm' clip, weak", weak: true, notes: "audioset labels: Fire alarm; share of energy in 2.9-3.9 kHz: 0.141");

        // One recording as FLAC, decoded through the cache, as most of the real data is.
        if (FindOnPath("sox") is { } sox)
        {
            string wav = _root.Combine("microwave.wav");
            WavWriter.WriteFile(wav, Mix(HardNegativeSynthesizer.Generate(HardNegativeKind.ApplianceBeeps, 4, new Random(50)), 15, 51), 16_000);
            string flac = "kitchen20/microwave/2-6001-A-9.flac";
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(DataDirectory, flac))!);
            using Process process = Process.Start(sox, [wav, Path.Combine(DataDirectory, flac)])!;
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, "sox could not write the FLAC fixture");
            Row(flac, "none", "kitchen: microwave", weak: false, notes: string.Empty);
            FlacPath = flac;
        }

        File.WriteAllText(Path.Combine(DataDirectory, "labels.csv"), _labels.ToString());
    }

    public string DataDirectory => _root.Combine("data");

    /// <summary>The FLAC recording, or null when sox is not installed.</summary>
    public string? FlacPath { get; }

    public string Scratch(string name) => _root.Combine(name);

    public void Dispose() => _root.Dispose();

    public static string? FindOnPath(string tool) => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static float[] Mix(SynthesizedSound sound, double snrDb, int seed)
    {
        float[] noise = NoiseGenerator.Generate(NoiseColour.Pink, sound.Samples.Length, 0.01, new Random(seed));
        return Mixer.MixAtSnr(sound.Samples, noise, snrDb, sound.Segments, out _);
    }

    private void Add(string path, float[] samples, string label, string category, bool weak = false, string notes = "")
    {
        string full = Path.Combine(DataDirectory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        float peak = samples.Max(Math.Abs);
        if (peak > 0.99f)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] *= 0.99f / peak;
            }
        }

        WavWriter.WriteFile(full, samples, 16_000);
        Row(path, label, category, weak, notes);
    }

    private void Row(string path, string label, string category, bool weak, string notes) =>
        _labels.Append($"{path},{label},\"{category}\",generated,\"test, internal\",{(weak ? "yes" : "no")},\"{notes}\"\n");
}
