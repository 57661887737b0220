using System.Globalization;
using AudioEdge.Synthesis.Noise;

namespace AudioEdge.DatasetBuilder;

/// <summary>Everything a dataset build depends on. Equal options and equal data give byte-identical output.</summary>
internal sealed class BuildOptions
{
    /// <summary>The data folder holding labels.csv (../shared/data from the project root).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where the shards, manifest.json and validation-files.txt go; created if missing.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Where decoded FLAC files are kept as 16 kHz WAV, outside the repository. Default ~/.cache/audioedge/decoded.</summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory;

    /// <summary>Seed of every random choice (synthesis, augmentation, window jitter). Does not move the train/validation split.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Synthetic clips per synthetic class (each gives several windows). Default 120.</summary>
    public int SyntheticPerClass { get; init; } = 120;

    /// <summary>Augmented copies of each strongly labelled positive recording. Default 3.</summary>
    public int AugmentedPerPositive { get; init; } = 3;

    /// <summary>Use only this many real files (spread over the labels), for quick runs; null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>Frames between regularly spaced training windows. Default 48 (0.48 s, half a window).</summary>
    public int HopFrames { get; init; } = 48;

    /// <summary>Most regularly spaced windows taken from one recording (evenly spread); onset-centred ones come on top. Default 20.</summary>
    public int MaxWindowsPerFile { get; init; } = 20;

    /// <summary>Windows placed around each glass-break onset, at different positions of the onset in the window. Default 6 for real recordings.</summary>
    public int GlassWindowsPerOnset { get; init; } = 6;

    /// <summary>
    /// Windows placed around the strongest high-band onset of each real negative recording (located as a glass
    /// break's is, when it rises at least <see cref="Building.RealEvents.DoubtfulGlassRiseDb"/>), at the positions
    /// glass onsets get, so that the model sees a clatter's or a knock's onset wherever it sees a break's.
    /// Default 0 (none).
    /// </summary>
    public int ImpactWindowsPerOnset { get; init; }

    /// <summary>Share of the source groups of each stratum that goes to validation. Default 0.2.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>
    /// Which slice of each stratum is validation, for cross-validation: 0 (the default split) to ⌈1/fraction⌉ − 1.
    /// Every fold builds a different model; the committed one is fold 0's.
    /// </summary>
    public int ValidationFold { get; init; }

    /// <summary>Examples per shard at most. Default 2000 (about 49 MB of features).</summary>
    public int ShardSize { get; init; } = 2000;

    /// <summary>Parallel jobs. Default: the number of processors.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Leave out the espeak-ng speech negatives even when espeak-ng is installed (tests, reproducibility across machines).</summary>
    public bool SkipSpeech { get; init; }

    /// <summary>
    /// RMS of the Gaussian noise floor added to every example, dBFS. Default -85: stands in for the self-noise of a
    /// real microphone, so digital silence never reaches the front end's log floor (which no live input produces).
    /// </summary>
    public double NoiseFloorDb { get; init; } = MicrophoneNoise.DefaultDb;

    public static string DefaultCacheDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "audioedge", "decoded");

    /// <summary>Every problem, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var invariant = CultureInfo.InvariantCulture;
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add("--data must name the data directory.");
        }

        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            errors.Add("--out must name the output directory.");
        }

        if (string.IsNullOrWhiteSpace(CacheDirectory))
        {
            errors.Add("--cache must name a directory.");
        }

        if (SyntheticPerClass is < 0 or > 100_000)
        {
            errors.Add(string.Create(invariant, $"--synthetic-per-class {SyntheticPerClass} must be within 0..100000."));
        }

        if (AugmentedPerPositive is < 0 or > 1000)
        {
            errors.Add(string.Create(invariant, $"--augment-per-positive {AugmentedPerPositive} must be within 0..1000."));
        }

        if (Limit is < 1)
        {
            errors.Add(string.Create(invariant, $"--limit {Limit} must be at least 1."));
        }

        if (HopFrames is < 1 or > 960)
        {
            errors.Add(string.Create(invariant, $"--hop-frames {HopFrames} must be within 1..960."));
        }

        if (MaxWindowsPerFile is < 1 or > 100_000)
        {
            errors.Add(string.Create(invariant, $"--max-windows-per-file {MaxWindowsPerFile} must be within 1..100000."));
        }

        if (GlassWindowsPerOnset is < 1 or > 96)
        {
            errors.Add(string.Create(invariant, $"GlassWindowsPerOnset {GlassWindowsPerOnset} must be within 1..96."));
        }

        if (ImpactWindowsPerOnset is < 0 or > 96)
        {
            errors.Add(string.Create(invariant, $"--impact-windows-per-onset {ImpactWindowsPerOnset} must be within 0..96."));
        }

        if (!(ValidationFraction is > 0 and < 1))
        {
            errors.Add(string.Create(invariant, $"--validation-fraction {ValidationFraction} must be strictly between 0 and 1."));
        }
        else if (ValidationFold < 0 || ValidationFold >= Data.SplitAssigner.FoldCount(ValidationFraction))
        {
            errors.Add(string.Create(invariant, $"--validation-fold {ValidationFold} must be within 0..{Data.SplitAssigner.FoldCount(ValidationFraction) - 1} at --validation-fraction {ValidationFraction}."));
        }

        if (ShardSize is < 1 or > 100_000)
        {
            errors.Add(string.Create(invariant, $"--shard-size {ShardSize} must be within 1..100000."));
        }

        if (Workers is < 1 or > 256)
        {
            errors.Add(string.Create(invariant, $"--workers {Workers} must be within 1..256."));
        }

        if (!(NoiseFloorDb is >= -140 and <= -40))
        {
            errors.Add(string.Create(invariant, $"--noise-floor-db {NoiseFloorDb} must be within -140..-40 dBFS."));
        }

        return errors;
    }
}
