using System.CommandLine;
using System.Globalization;
using AudioEdge.Cli.Classification;
using AudioEdge.Detection;
using AudioEdge.Evaluation;
using AudioEdge.Inference;

namespace AudioEdge.Cli.Commands;

/// <summary>
/// <c>audioedge eval DATA_DIR</c>: runs the streaming detector over the model's validation recordings (the split it
/// was never trained on, listed beside the manifest) and seeded synthetic scenarios, and writes a report with
/// event-level and, given the shards, window-level metrics, a confusion matrix, latency and plots. Given several
/// models, each with its validation list (the folds of a cross-validation by source), it pools their outcomes into
/// one report: many more recordings than one split holds, each judged by a model that never trained on it.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(TextWriter output)
    {
        var data = new Argument<string>("DATA_DIR") { Description = "The recordings directory (shared/data layout: labels.csv and the audio folders)." };
        var model = new Option<string[]>("--model")
        {
            Description = "Model manifest (default: models/manifest.json beside the program). Repeat it, each with its --files, to pool the folds of a cross-validation.",
        };
        var variant = new Option<string?>("--variant") { Description = "Model variant, e.g. int8 or fp32 (default: the manifest's)." };
        var files = new Option<string[]>("--files")
        {
            Description = "TSV of validation recordings (path, label); default: validation-files.tsv beside the manifest. With several --model, one per model, in the same order.",
        };
        var shards = new Option<string?>("--shards") { Description = "A dataset-builder output directory: adds window-level metrics on its validation shards (one model only)." };
        var perKind = new Option<int>("--synthetic-per-kind") { Description = "Synthetic scenarios per alarm cadence, glass break and hard-negative kind.", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic scenarios (not a training seed).", DefaultValueFactory = _ => 777 };
        var outDir = new Option<string>("--out", "-o") { Description = "Report directory (report.md and PNG plots).", DefaultValueFactory = _ => "eval-report" };
        perKind.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 1000) { r.AddError("--synthetic-per-kind must be 0..1000."); } });

        var command = new Command("eval", "Measure detection accuracy on the validation recordings and synthetic scenarios; write a markdown + PNG report.")
        {
            data, model, variant, files, shards, perKind, seed, outDir,
        };
        command.SetAction(parse =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            string dataDir = parse.GetValue(data)!;
            if (!Directory.Exists(dataDir))
            {
                throw new CliException(ExitCodes.NoInput, $"{dataDir}: no such directory");
            }

            string[] models = parse.GetValue(model) ?? [];
            string[] lists = parse.GetValue(files) ?? [];
            if (models.Length > 1 && lists.Length != models.Length)
            {
                throw new CliException(ExitCodes.Usage, $"{models.Length} --model but {lists.Length} --files: give each model of a cross-validation the validation list it was not trained on");
            }

            if (models.Length <= 1 && lists.Length > 1)
            {
                throw new CliException(ExitCodes.Usage, "several --files need as many --model (one validation list per model)");
            }

            if (models.Length > 1 && parse.GetValue(shards) is not null)
            {
                throw new CliException(ExitCodes.Usage, "--shards (window-level metrics) takes one model; leave it out when pooling folds");
            }

            string report = parse.GetValue(outDir)!;
            Directory.CreateDirectory(report);

            // One fold is the plain evaluation; several are the folds of a cross-validation, each model run over the
            // recordings it was not trained on (and scenarios over their backgrounds), and the outcomes pooled.
            int folds = Math.Max(1, models.Length);
            var outcomes = new List<ItemOutcome>();
            var thresholdsOf = new Dictionary<ItemOutcome, IReadOnlyDictionary<string, double>>(ReferenceEqualityComparer.Instance);
            WindowMetrics? windows = null;
            ModelPackage? first = null;
            for (int k = 0; k < folds; k++)
            {
                string? manifest = models.Length > 0 ? models[k] : null;
                ModelPackage package = CliModelLoader.Load(manifest, parse.GetValue(variant));
                first ??= package;
                string listPath = lists.Length > 0 ? lists[k] : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifest ?? ModelLocation.Default))!, "validation-files.tsv");
                string prefix = folds > 1 ? string.Create(CultureInfo.InvariantCulture, $"fold {k}: ") : string.Empty;
                using OnnxWindowScorer scorer = CliModelLoader.CreateScorer(package);
                var thresholds = package.Thresholds.ToDictionary(t => t.Key, t => (double)t.Value);
                foreach (ItemOutcome o in RunFold(new EvaluationRunner(scorer, DetectionModel.FromPackage(package)), dataDir, listPath, prefix, parse.GetValue(perKind), parse.GetValue(seed), error))
                {
                    outcomes.Add(o);
                    thresholdsOf[o] = thresholds;
                }

                if (parse.GetValue(shards) is { } shardDir)
                {
                    error.WriteLine("audioedge eval: scoring validation windows");
                    windows = WindowMetrics.FromShards(shardDir, scorer, package.Thresholds);
                    EvaluationPlots.SavePrecisionRecall(
                        Path.Combine(report, "precision-recall.png"),
                        windows.Curves,
                        thresholds,
                        $"{package.Name} ({package.Variant}) validation windows");
                }
            }

            EvaluationReport result = EvaluationReport.Build(outcomes, windows);
            WriteTimelines(report, result, thresholdsOf);
            string reproduce = "audioedge eval " + string.Join(' ', parse.Tokens.Skip(1).Select(t => t.Value));
            string markdown = folds > 1
                ? result.ToMarkdown(
                    string.Create(CultureInfo.InvariantCulture, $"Cross-validation of {first!.Name} ({first.Variant}), {folds} folds"),
                    reproduce,
                    string.Create(CultureInfo.InvariantCulture, $"each fold's validation split, run through the model of that fold, which was not trained on it; the synthetic scenarios are {folds} seeded sets over each fold's backgrounds"))
                : result.ToMarkdown($"Evaluation of {first!.Name} ({first.Variant})", reproduce);
            File.WriteAllText(Path.Combine(report, "report.md"), markdown);
            output.Write(markdown);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The recordings of <paramref name="listPath"/> and the synthetic scenarios over their backgrounds, through one model.</summary>
    private static List<ItemOutcome> RunFold(EvaluationRunner runner, string dataDir, string listPath, string prefix, int perKind, int seed, TextWriter error)
    {
        var outcomes = new List<ItemOutcome>();
        var backgrounds = new List<float[]>();
        var variants = new List<EvaluationItem>();
        foreach ((string path, string label, string? events) in ReadList(listPath))
        {
            float[] samples;
            try
            {
                samples = RecordingLoader.Load(Path.Combine(dataDir, path));
            }
            catch (InvalidDataException ex)
            {
                throw new CliException(ExitCodes.NoInput, ex.Message);
            }

            string expected = label switch
            {
                "smoke_alarm" => EvaluationLabels.Alarm,
                "glass_break" => EvaluationLabels.GlassBreak,
                _ => EvaluationLabels.None,
            };
            if (expected == EvaluationLabels.None && samples.Length > 16000 * 2)
            {
                backgrounds.Add(samples);
            }

            outcomes.Add(runner.Run(new EvaluationItem(path, expected, samples, null, "real")));
            if (expected == EvaluationLabels.GlassBreak && GlassBreakVariants.FirstBreak(events) is { } breakStart)
            {
                variants.AddRange(GlassBreakVariants.Create(prefix + path, samples, breakStart));
            }

            if (outcomes.Count % 50 == 0)
            {
                error.WriteLine($"audioedge eval: {prefix}{outcomes.Count} recordings");
            }
        }

        foreach (EvaluationItem item in SyntheticScenarios.Create(backgrounds, perKind, seed))
        {
            outcomes.Add(runner.Run(prefix.Length > 0 ? item with { Name = prefix + item.Name } : item));
        }

        outcomes.AddRange(variants.Select(runner.Run));

        return outcomes;
    }

    private static IEnumerable<(string Path, string Label, string? Events)> ReadList(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.NoInput, $"{path}: no validation list (pass --files LIST.tsv with columns path and label)");
        }

        string[] lines = File.ReadAllLines(path);
        string[] header = lines.Length > 0 ? lines[0].Split('\t') : [];
        int pathColumn = Array.IndexOf(header, "path"), labelColumn = Array.IndexOf(header, "label"), eventsColumn = Array.IndexOf(header, "events");
        if (pathColumn < 0 || labelColumn < 0)
        {
            throw new CliException(ExitCodes.DataError, $"{path}: the first line must name the columns 'path' and 'label' (tab-separated)");
        }

        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] cells = line.Split('\t');
            yield return (cells[pathColumn], cells[labelColumn], eventsColumn >= 0 && eventsColumn < cells.Length ? cells[eventsColumn] : null);
        }
    }

    /// <summary>Score timelines of the first misses and false alarms, the pictures that show why.</summary>
    private static void WriteTimelines(string directory, EvaluationReport report, Dictionary<ItemOutcome, IReadOnlyDictionary<string, double>> thresholdsOf)
    {
        foreach ((string kind, IEnumerable<ItemOutcome> list) in new[] { ("miss", report.Misses), ("false-alarm", report.FalseAlarms) })
        {
            // A report written over an earlier one must not keep that run's pictures of cases that are gone now.
            foreach (string stale in Directory.EnumerateFiles(directory, kind + "-??.png"))
            {
                File.Delete(stale);
            }

            int n = 0;
            foreach (ItemOutcome o in list.Take(12))
            {
                var spans = o.Events.Select(e => (e.Start, e.End ?? e.Start, e.Label)).ToList();
                if (o.Item.Onset is { } onset)
                {
                    spans.Add((onset, onset + 0.1, "expected onset"));
                }

                if (o.Item.CadenceOnset is { } group && group != o.Item.Onset)
                {
                    spans.Add((group, group + 0.1, "first complete group"));
                }

                EvaluationPlots.SaveScoreTimeline(
                    Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{kind}-{++n:00}.png")),
                    $"{kind}: {o.Item.Name} (expected {o.Item.Expected})",
                    o.Times,
                    o.Scores,
                    thresholdsOf[o],
                    spans);
            }
        }
    }
}
