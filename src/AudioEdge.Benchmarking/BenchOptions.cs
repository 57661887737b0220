using System.Globalization;
using AudioEdge.Audio;

namespace AudioEdge.Benchmarking;

/// <summary>How the pipeline is driven during a measured run.</summary>
public enum BenchMode
{
    /// <summary>One 100 ms block every 100 ms, as a microphone delivers it.</summary>
    RealTime,

    /// <summary>Blocks back to back, as fast as the pipeline takes them (file mode).</summary>
    Flat,
}

/// <summary>What <see cref="BenchRunner"/> measures. Validate with <see cref="Validate"/>.</summary>
public sealed class BenchOptions
{
    /// <summary>Samples per block: 100 ms at 16 kHz, one model hop.</summary>
    public const int DefaultBlockSamples = 1600;

    /// <summary>The model's manifest.json (or its directory).</summary>
    public required string ManifestPath { get; init; }

    /// <summary>The audio, 16 kHz mono, played in a loop (<see cref="BenchAudio.Create"/>).</summary>
    public required float[] Audio { get; init; }

    /// <summary>Seconds of audio per measured run (after a warm-up that fills the model window).</summary>
    public double Seconds { get; init; } = 60;

    /// <summary>Modes measured, in order.</summary>
    public IReadOnlyList<BenchMode> Modes { get; init; } = [BenchMode.RealTime, BenchMode.Flat];

    /// <summary>Model variants measured, in order.</summary>
    public IReadOnlyList<string> Variants { get; init; } = ["int8", "fp32"];

    /// <summary>End-to-end p95 per block that passes, ms.</summary>
    public double BudgetMs { get; init; } = 200;

    /// <summary>When set: instead of the runs above, one flat-out run of this many hours of audio per variant, sampling memory every simulated minute.</summary>
    public double? SoakHours { get; init; }

    /// <summary>RSS growth (mean of the soak's last quarter minus its first) above which the soak fails, MB.</summary>
    public double SoakMaxGrowthMb { get; init; } = 10;

    /// <summary>Samples per block fed to the pipeline.</summary>
    public int BlockSamples { get; init; } = DefaultBlockSamples;

    /// <summary>Receives one line per phase ("int8 realtime 60 s…"); for a progress display, optional.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Every problem, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var invariant = CultureInfo.InvariantCulture;
        if (string.IsNullOrWhiteSpace(ManifestPath))
        {
            errors.Add("a model manifest path is required");
        }

        if (Audio is null || Audio.Length < BlockSamples)
        {
            errors.Add("the audio must hold at least one block");
        }

        if (!double.IsFinite(Seconds) || Seconds < 0.1 || Seconds > 86_400)
        {
            errors.Add(string.Create(invariant, $"--seconds must be within 0.1..86400 (got {Seconds})"));
        }

        if (Modes is null || Modes.Count == 0)
        {
            errors.Add("at least one mode is required");
        }

        if (Variants is null || Variants.Count == 0 || Variants.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("at least one model variant is required");
        }

        if (!double.IsFinite(BudgetMs) || BudgetMs <= 0)
        {
            errors.Add(string.Create(invariant, $"--budget-ms must be a positive number (got {BudgetMs})"));
        }

        if (SoakHours is { } hours && (!double.IsFinite(hours) || hours <= 0 || hours > 1000))
        {
            errors.Add(string.Create(invariant, $"--soak must be within (0, 1000] hours (got {hours})"));
        }

        if (!double.IsFinite(SoakMaxGrowthMb) || SoakMaxGrowthMb < 0)
        {
            errors.Add("the soak growth threshold must not be negative");
        }

        if (BlockSamples < 160 || BlockSamples > AudioSource.TargetSampleRate * 10)
        {
            errors.Add("block size must be 160..160000 samples");
        }

        return errors;
    }
}
