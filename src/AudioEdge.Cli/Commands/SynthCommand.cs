using System.CommandLine;
using AudioEdge.Audio;
using AudioEdge.Audio.Sources;
using AudioEdge.Audio.Wav;

namespace AudioEdge.Cli.Commands;

/// <summary>
/// <c>audioedge synth PATTERN -o out.wav</c>: seeded, reproducible test audio — the README's sample, QA checks on a
/// device (play it from a speaker), and test inputs. Alarm tones follow the standards' cadences.
/// </summary>
internal static class SynthCommand
{
    public static readonly string[] Patterns = ["t3", "t4", "continuous", "low-frequency", "tone", "noise"];

    public static Command Create(TextWriter output)
    {
        var pattern = new Argument<string>("PATTERN")
        {
            Description = "t3: temporal-3 smoke alarm (3.1 kHz piezo); t4: temporal-4 CO alarm (3.3 kHz); continuous: fast "
                + "continuous beeping (older/European smoke alarms); low-frequency: 520 Hz square-wave T3 alarm; "
                + "tone: a steady tone; noise: background noise only.",
        };
        pattern.AcceptOnlyFromAmong(Patterns);
        var target = new Option<string>("--output", "-o") { Description = "The WAV file to write (16 kHz mono, 16-bit).", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "Length in seconds.", DefaultValueFactory = _ => 12.0 };
        var frequency = new Option<double?>("--frequency") { Description = "Tone frequency in Hz (default: the pattern's)." };
        var level = new Option<double>("--level-db") { Description = "Tone peak level in dBFS.", DefaultValueFactory = _ => -12.0 };
        var noise = new Option<double>("--noise-db") { Description = "Background white-noise RMS in dBFS (-120 for none).", DefaultValueFactory = _ => -45.0 };
        var seed = new Option<int>("--seed") { Description = "Noise seed: the same arguments give the same file.", DefaultValueFactory = _ => 1 };
        seconds.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not (> 0 and <= 3600)) { r.AddError("--seconds must be more than 0 and at most 3600."); } });
        frequency.Validators.Add(r => { if (r.GetValueOrDefault<double?>() is { } f && f is not (> 20 and < 8000)) { r.AddError("--frequency must be between 20 and 8000 Hz."); } });
        level.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not (>= -120 and <= 0)) { r.AddError("--level-db must be -120..0 dBFS."); } });
        noise.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not (>= -120 and <= 0)) { r.AddError("--noise-db must be -120..0 dBFS."); } });

        var command = new Command("synth", "Write synthetic test audio: alarm cadences, tones or noise.") { pattern, target, seconds, frequency, level, noise, seed };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(target)!;
            AtomicFile.CheckWritable(path);
            SyntheticAudioOptions options = Options(
                parse.GetValue(pattern)!, parse.GetValue(seconds), parse.GetValue(frequency), parse.GetValue(level), parse.GetValue(noise), parse.GetValue(seed));

            using var source = new SyntheticAudioSource(options);
            var samples = new float[(int)Math.Round(parse.GetValue(seconds) * AudioSource.TargetSampleRate)];
            int filled = 0;
            while (filled < samples.Length)
            {
                int read = source.Read(samples.AsSpan(filled));
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            AtomicFile.Write(path, temporary => WavWriter.WriteFile(temporary, samples.AsSpan(0, filled), AudioSource.TargetSampleRate));
            output.WriteLine($"{path}: {parse.GetValue(pattern)}, {filled / (double)AudioSource.TargetSampleRate:F2} s at {AudioSource.TargetSampleRate} Hz");
            return ExitCodes.Success;
        });
        return command;
    }

    internal static SyntheticAudioOptions Options(string pattern, double seconds, double? frequency, double levelDb, double noiseDb, int seed)
    {
        double amplitude = Math.Pow(10, levelDb / 20);
        double noiseRms = noiseDb <= -120 ? 0 : Math.Pow(10, noiseDb / 20);
        var fastBeeping = new[] { TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(150) };

        (IReadOnlyList<SyntheticTone> tones, IReadOnlyList<TimeSpan> cadence) = pattern switch
        {
            "t3" => (Piezo(frequency ?? 3100, amplitude), AlarmCadences.TemporalThree),
            "t4" => (Piezo(frequency ?? 3300, amplitude), AlarmCadences.TemporalFour),
            "continuous" => (Piezo(frequency ?? 3200, amplitude), fastBeeping),
            "low-frequency" => (Square(frequency ?? 520, amplitude), AlarmCadences.TemporalThree),
            "tone" => ([new SyntheticTone(frequency ?? 1000, amplitude)], []),
            "noise" => (Array.Empty<SyntheticTone>(), Array.Empty<TimeSpan>()),
            _ => throw new CliException(ExitCodes.Usage, $"unknown pattern '{pattern}' (one of: {string.Join(", ", Patterns)})"),
        };

        return new SyntheticAudioOptions
        {
            Tones = tones,
            Cadence = cadence,
            NoiseRms = noiseRms,
            Seed = seed,
            Duration = TimeSpan.FromSeconds(seconds),
        };
    }

    /// <summary>A piezo sounder: the fundamental plus a weaker second and third harmonic, as a driven disc produces.</summary>
    private static SyntheticTone[] Piezo(double hertz, double amplitude) =>
        new[] { (1, 0.75), (2, 0.2), (3, 0.05) }
            .Where(h => h.Item1 * hertz < 7900)
            .Select(h => new SyntheticTone(h.Item1 * hertz, amplitude * h.Item2))
            .ToArray();

    /// <summary>A square wave (the NFPA 72 low-frequency alarm) as its odd harmonics with 1/n amplitudes, up to 7.9 kHz.</summary>
    private static SyntheticTone[] Square(double hertz, double amplitude) =>
        Enumerable.Range(0, 64)
            .Select(i => (2 * i) + 1)
            .Where(n => n * hertz < 7900)
            .Select(n => new SyntheticTone(n * hertz, amplitude * 0.8 / n))
            .ToArray();
}
