using System.Diagnostics;
using System.Globalization;
using AudioEdge.Audio.Wav;
using AudioEdge.Synthesis.Analysis;

namespace AudioEdge.Synthesis.Speech;

/// <summary>
/// Speech-like hard negatives from the espeak-ng speech synthesiser (Debian package <c>espeak-ng</c>), run as a
/// process: <c>espeak-ng -w out.wav</c> writes 22.05 kHz WAV, which is resampled to 16 kHz. Formant speech is not
/// natural speech, but it has the voiced harmonics, formant sweeps and syllable rhythm a detector must not call
/// an alarm. The synthesiser is optional: check <see cref="FindExecutable"/> first.
/// </summary>
public static class EspeakSpeech
{
    private static readonly string[] Words =
    [
        "the", "kitchen", "door", "window", "is", "open", "please", "call", "me", "later", "when", "you", "are", "home",
        "dinner", "ready", "five", "minutes", "where", "did", "put", "keys", "coffee", "table", "tomorrow", "morning",
        "weather", "rain", "sunny", "children", "school", "garden", "water", "plants", "remember", "buy", "milk", "bread",
        "television", "news", "listen", "music", "quiet", "sleep", "good", "night", "hello", "thank", "very", "much",
        "seven", "twelve", "forty", "number", "telephone", "message", "meeting", "office", "train", "station", "late",
    ];

    private static readonly string[] Variants = ["", "+m1", "+m3", "+m5", "+f1", "+f2", "+f4"];

    /// <summary>Full path of espeak-ng (or espeak) on PATH, or null when neither is installed.</summary>
    public static string? FindExecutable(IReadOnlyList<string>? names = null)
    {
        names ??= EspeakSpeechOptions.Default.ExecutableNames;
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string name in names)
        {
            foreach (string directory in directories)
            {
                string candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Generates <paramref name="durationSeconds"/> of utterances separated by pauses; each utterance is a distractor segment.</summary>
    /// <exception cref="InvalidOperationException">espeak-ng is not installed, failed or timed out (the message says which).</exception>
    public static SynthesizedSound Generate(double durationSeconds, Random random, EspeakSpeechOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        options ??= EspeakSpeechOptions.Default;
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid EspeakSpeechOptions: " + string.Join(" ", errors), nameof(options));
        }

        string executable = FindExecutable(options.ExecutableNames) ?? throw new InvalidOperationException("espeak-ng is not installed (Debian: apt-get install espeak-ng).");
        var samples = new float[SynthesizedSound.ToSamples(durationSeconds)];
        var segments = new List<SoundSegment>();
        string voice = random.Pick(options.Voices) + random.Pick(Variants);
        int wordsPerMinute = (int)options.WordsPerMinute.Sample(random);
        int pitch = (int)options.Pitch.Sample(random);
        int at = SynthesizedSound.ToSamples(options.LeadingSilenceSeconds.Sample(random));
        while (at < samples.Length)
        {
            int count = options.WordsPerUtterance.SampleInt(random);
            string text = string.Join(' ', Enumerable.Range(0, count).Select(_ => random.Pick(Words)));
            float[] utterance = Speak(executable, voice, wordsPerMinute, pitch, text, options.Timeout);
            int length = Math.Min(utterance.Length, samples.Length - at);
            utterance.AsSpan(0, length).CopyTo(samples.AsSpan(at));
            segments.Add(new SoundSegment(SegmentKind.Distractor, at, length));
            at += length + SynthesizedSound.ToSamples(options.PauseSeconds.Sample(random));
        }

        float peak = SignalLevels.Peak(samples);
        if (peak > 0)
        {
            SignalLevels.Scale(samples, options.Amplitude.Sample(random) / peak);
        }

        return new SynthesizedSound(samples, segments, string.Create(CultureInfo.InvariantCulture, $"speech espeak {voice} {wordsPerMinute} wpm"));
    }

    private static float[] Speak(string executable, string voice, int wordsPerMinute, int pitch, string text, TimeSpan timeout)
    {
        string path = Path.Combine(Path.GetTempPath(), $"audioedge-espeak-{Environment.ProcessId}-{Guid.NewGuid():N}.wav");
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { "-v", voice, "-s", wordsPerMinute.ToString(CultureInfo.InvariantCulture), "-p", pitch.ToString(CultureInfo.InvariantCulture), "-w", path, text })
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} could not be started.");
            Task<string> error = process.StandardError.ReadToEndAsync();
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{executable} did not finish within {timeout.TotalSeconds:F0} s.");
            }

            Task.WaitAll(error, output);
            if (process.ExitCode != 0 || !File.Exists(path))
            {
                throw new InvalidOperationException($"{executable} -v {voice} failed (exit {process.ExitCode}): {error.Result.Trim()}");
            }

            return WavFile.ReadMono16k(path).Samples;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
