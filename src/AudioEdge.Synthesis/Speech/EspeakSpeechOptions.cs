namespace AudioEdge.Synthesis.Speech;

/// <summary>How <see cref="EspeakSpeech"/> draws speech.</summary>
public sealed class EspeakSpeechOptions
{
    /// <summary>The default options.</summary>
    public static EspeakSpeechOptions Default { get; } = new();

    /// <summary>espeak-ng voices drawn from (the language part; a male/female variant is added at random). Default English, German, French, Spanish, Italian, Dutch.</summary>
    public IReadOnlyList<string> Voices { get; init; } = ["en", "en-us", "de", "fr", "es", "it", "nl"];

    /// <summary>Speaking rate, words per minute. Default 120–210.</summary>
    public ValueRange WordsPerMinute { get; init; } = new(120, 210);

    /// <summary>Pitch, espeak's 0–99 scale. Default 20–80.</summary>
    public ValueRange Pitch { get; init; } = new(20, 80);

    /// <summary>Words per utterance. Default 3–12.</summary>
    public ValueRange WordsPerUtterance { get; init; } = new(3, 12);

    /// <summary>Pause between utterances, seconds. Default 0.2–1.2.</summary>
    public ValueRange PauseSeconds { get; init; } = new(0.2, 1.2);

    /// <summary>Silence before the first utterance, seconds. Default 0–0.8.</summary>
    public ValueRange LeadingSilenceSeconds { get; init; } = new(0, 0.8);

    /// <summary>Peak amplitude. Default 0.2–0.8.</summary>
    public ValueRange Amplitude { get; init; } = new(0.2, 0.8);

    /// <summary>Longest an espeak-ng run may take. Default 20 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Program names looked up on PATH, first found wins. Default espeak-ng, then espeak.</summary>
    public IReadOnlyList<string> ExecutableNames { get; init; } = ["espeak-ng", "espeak"];

    /// <summary>Every problem, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Voices is null || Voices.Count == 0 || Voices.Any(v => string.IsNullOrWhiteSpace(v) || v.Any(char.IsWhiteSpace)))
        {
            errors.Add("Voices must hold at least one voice name, each without spaces.");
        }

        WordsPerMinute.Check(nameof(WordsPerMinute), 80, 450, errors);
        Pitch.Check(nameof(Pitch), 0, 99, errors);
        WordsPerUtterance.Check(nameof(WordsPerUtterance), 1, 100, errors);
        PauseSeconds.Check(nameof(PauseSeconds), 0, 60, errors);
        LeadingSilenceSeconds.Check(nameof(LeadingSilenceSeconds), 0, 3600, errors);
        Amplitude.Check(nameof(Amplitude), 0, 1, errors);
        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"Timeout {Timeout} must be positive.");
        }

        return errors;
    }
}
