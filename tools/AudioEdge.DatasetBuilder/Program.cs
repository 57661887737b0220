using System.CommandLine;
using AudioEdge.DatasetBuilder.Building;
using AudioEdge.Synthesis.Noise;

namespace AudioEdge.DatasetBuilder;

/// <summary>
/// <c>dotnet run --project tools/AudioEdge.DatasetBuilder -- --data ../shared/data --out DIR</c>: builds the training
/// and validation shards. Progress goes to stderr; a failure the user can fix ends in one line and a sysexits code.
/// </summary>
public static class Program
{
    private const string Name = "audioedge-dataset";

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var data = new Option<string>("--data") { Description = "The data directory holding labels.csv (e.g. ../shared/data).", Required = true };
        var outDirectory = new Option<string>("--out") { Description = "Output directory for the shards, manifest.json and validation-files.txt (created if missing).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of synthesis, augmentation and window jitter (the split does not depend on it).", DefaultValueFactory = _ => 1 };
        var synthetic = new Option<int>("--synthetic-per-class") { Description = "Synthetic clips per synthetic class.", DefaultValueFactory = _ => 120 };
        var augmented = new Option<int>("--augment-per-positive") { Description = "Augmented copies of each strongly labelled real positive.", DefaultValueFactory = _ => 3 };
        var limit = new Option<int?>("--limit") { Description = "Use only N real recordings, spread over the labels (quick runs)." };
        var cache = new Option<string>("--cache") { Description = "Decode cache for FLAC files (16 kHz WAV), outside the repository.", DefaultValueFactory = _ => BuildOptions.DefaultCacheDirectory };
        var hop = new Option<int>("--hop-frames") { Description = "Frames between regularly spaced windows (positives: half of it).", DefaultValueFactory = _ => 48 };
        var maxWindows = new Option<int>("--max-windows-per-file") { Description = "Most regularly spaced windows per recording or clip.", DefaultValueFactory = _ => 20 };
        var fraction = new Option<double>("--validation-fraction") { Description = "Share of source groups per stratum in validation.", DefaultValueFactory = _ => 0.2 };
        var fold = new Option<int>("--validation-fold") { Description = "Cross-validation: which slice of each stratum is validation, 0 (the default split) to 1/fraction - 1.", DefaultValueFactory = _ => 0 };
        var shardSize = new Option<int>("--shard-size") { Description = "Examples per shard at most.", DefaultValueFactory = _ => 2000 };
        var workers = new Option<int>("--workers") { Description = "Parallel jobs.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var noiseFloor = new Option<double>("--noise-floor-db") { Description = "Microphone noise floor added to every example, dBFS.", DefaultValueFactory = _ => MicrophoneNoise.DefaultDb };
        var impactWindows = new Option<int>("--impact-windows-per-onset") { Description = "Windows placed around the strongest high-band onset of each negative recording (a clatter, a knock), as around a glass break's; 0 for none.", DefaultValueFactory = _ => 0 };
        var skipSpeech = new Option<bool>("--skip-speech") { Description = "Leave out the espeak-ng speech negatives even if espeak-ng is installed." };

        var root = new RootCommand("Builds AudioEdge's training and validation shards from the real recordings and synthesis.")
        {
            data, outDirectory, seed, synthetic, augmented, limit, cache, hop, maxWindows, fraction, fold, shardSize, workers, noiseFloor, impactWindows, skipSpeech,
        };

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"{Name}: {parse.Errors[0].Message} (see --help)");
            return ExitCodes.Usage;
        }

        root.SetAction(result =>
        {
            var options = new BuildOptions
            {
                DataDirectory = result.GetValue(data)!,
                OutputDirectory = result.GetValue(outDirectory)!,
                CacheDirectory = result.GetValue(cache)!,
                Seed = result.GetValue(seed),
                SyntheticPerClass = result.GetValue(synthetic),
                AugmentedPerPositive = result.GetValue(augmented),
                Limit = result.GetValue(limit),
                HopFrames = result.GetValue(hop),
                MaxWindowsPerFile = result.GetValue(maxWindows),
                ValidationFraction = result.GetValue(fraction),
                ValidationFold = result.GetValue(fold),
                ShardSize = result.GetValue(shardSize),
                Workers = result.GetValue(workers),
                NoiseFloorDb = result.GetValue(noiseFloor),
                SkipSpeech = result.GetValue(skipSpeech),
                ImpactWindowsPerOnset = result.GetValue(impactWindows),
            };
            BuildReport report = new DatasetBuild(options, error).Run();
            output.WriteLine(Path.Combine(Path.GetFullPath(options.OutputDirectory), Output.Manifest.FileName));
            error.WriteLine($"{Name}: done in {report.Elapsed.TotalSeconds:F1} s with {report.Warnings.Count} warnings");
            return ExitCodes.Success;
        });

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
        }
        catch (BuildException ex)
        {
            error.WriteLine($"{Name}: {ex.Message}");
            return ex.ExitCode;
        }
        catch (Exception ex)
        {
            // A bug, not bad input: still one line, with the type so that it can be reported.
            error.WriteLine($"{Name}: internal error ({ex.GetType().Name}): {ex.Message}");
            return ExitCodes.Software;
        }
    }
}
