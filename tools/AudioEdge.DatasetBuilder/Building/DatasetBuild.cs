using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AudioEdge.DatasetBuilder.Data;
using AudioEdge.DatasetBuilder.Decoding;
using AudioEdge.DatasetBuilder.Labelling;
using AudioEdge.DatasetBuilder.Output;
using AudioEdge.Dsp;
using AudioEdge.Synthesis.Augmentation;
using AudioEdge.Synthesis.Speech;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>
/// The build: read labels.csv, hash and decode every recording, split by source group, then run every job (real
/// recordings, augmented positives, synthetic clips) in parallel batches, writing shards in a fixed job order so that
/// the output depends only on the data and the options; validation-files.txt and manifest.json come last.
/// </summary>
internal sealed partial class DatasetBuild(BuildOptions options, TextWriter log)
{
    public const string ValidationFilesName = "validation-files.txt";

    private readonly ProgressLog _progress = new(log);
    private readonly List<string> _warnings = [];

    public BuildReport Run()
    {
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new BuildException(ExitCodes.Usage, string.Join(" ", errors));
        }

        string data = Path.GetFullPath(options.DataDirectory);
        if (!Directory.Exists(data))
        {
            throw new BuildException(ExitCodes.NoInput, $"data directory {options.DataDirectory} does not exist");
        }

        List<LabelRow> rows = Select(LabelsCsv.Read(Path.Combine(data, "labels.csv")), options.Limit);
        string output = PrepareOutput(Path.GetFullPath(options.OutputDirectory));
        string cache = PrepareCache(Path.GetFullPath(options.CacheDirectory));
        var loader = new AudioLoader(data, cache);
        foreach (LabelRow row in rows)
        {
            if (!File.Exists(loader.SourcePath(row.Path)))
            {
                throw new BuildException(ExitCodes.NoInput, $"{row.Path} is listed in labels.csv but does not exist in {options.DataDirectory}");
            }
        }

        _progress.Line($"{rows.Count} recordings listed; decoding with {(rows.All(r => AudioLoader.IsWav(r.Path)) ? "none needed" : loader.DecoderName ?? "nothing (neither sox nor ffmpeg found)")}, cache {cache}");
        Dictionary<string, string> hashes = HashAndDecode(rows, loader);

        SplitPlan plan = SplitAssigner.Assign(rows, hashes, options.ValidationFraction, options.ValidationFold);
        List<RealRecording> recordings = [.. rows.Where(r => !plan.Duplicates.Contains(r.Path))
            .Select(r => new RealRecording(r, plan.GroupOf(r.Path), plan.SplitOf(r.Path), hashes[r.Path]))];
        List<RealRecording> used = [.. recordings.Where(r => WeakLabelPolicy.Keep(r.Row))];
        int weakDropped = recordings.Count - used.Count;
        _progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"split: {recordings.Count(r => r.Split == Split.Train)} train / {recordings.Count(r => r.Split == Split.Validation)} validation recordings in {plan.Groups.Count} source groups; {plan.Duplicates.Count} exact duplicates skipped; {weakDropped} weak smoke-alarm clips below the piezo share {WeakLabelPolicy.MinimumPiezoShare} dropped"));

        string speech = SpeechStatus();
        var context = new BuildContext(options, loader, new BackgroundPool(recordings, loader), new Augmenter());
        List<IJob> jobs = Jobs(used, speech == "espeak-ng");
        var writers = new Dictionary<Split, ShardWriter> { [Split.Train] = new(output, Split.Train, options.ShardSize), [Split.Validation] = new(output, Split.Validation, options.ShardSize) };
        var summaries = new Dictionary<Split, SplitSummary> { [Split.Train] = new(), [Split.Validation] = new() };
        foreach (Split split in summaries.Keys)
        {
            summaries[split].RealFiles = recordings.Count(r => r.Split == split);
            summaries[split].RealGroups = recordings.Where(r => r.Split == split).Select(r => r.Group).Distinct().Count();
        }

        Dictionary<string, string> events = RunJobs(jobs, context, writers, summaries);
        foreach (ShardWriter writer in writers.Values)
        {
            writer.Complete();
        }

        WriteValidationFiles(Path.Combine(output, ValidationFilesName), recordings, loader, events);
        Manifest manifest = new()
        {
            FrontEnd = FrontEndOptions.Default.Fingerprint(),
            WindowFrames = FeatureFrames.WindowFrames,
            Bands = FeatureFrames.Bands,
            Seed = options.Seed,
            Shards = [.. writers[Split.Train].Shards, .. writers[Split.Validation].Shards],
            Summary = new SortedDictionary<string, SplitSummary>(StringComparer.Ordinal) { ["train"] = summaries[Split.Train], ["validation"] = summaries[Split.Validation] },
            Build = BuildInfo(data, speech, plan, weakDropped, loader),
        };
        AtomicFiles.Write(Path.Combine(output, Manifest.FileName), stream => stream.Write(Encoding.UTF8.GetBytes(manifest.ToJson() + "\n")));
        foreach (Split split in summaries.Keys)
        {
            SplitSummary s = summaries[split];
            _progress.Line(string.Create(CultureInfo.InvariantCulture,
                $"{split.Name()}: {s.Examples} examples (alarm {s.Labels["alarm"]}, glass_break {s.Labels["glass_break"]}, none {s.Labels["none"]}; real {s.Kinds[ExampleKind.Real]}, augmented {s.Kinds[ExampleKind.Augmented]}, synthetic {s.Kinds[ExampleKind.Synthetic]})"));
        }

        _progress.Line($"wrote {manifest.Shards.Count} shards and {Manifest.FileName} to {output}");
        return new BuildReport(manifest, _progress.Elapsed, _warnings);
    }

    /// <summary>With a limit: that many rows, taken in turn from each label in file order, so a tiny build still has every label.</summary>
    internal static List<LabelRow> Select(List<LabelRow> rows, int? limit)
    {
        if (limit is not { } count || count >= rows.Count)
        {
            return rows;
        }

        List<Queue<LabelRow>> queues = [.. rows.GroupBy(r => r.Label).Select(g => new Queue<LabelRow>(g))];
        var selected = new List<LabelRow>(count);
        while (selected.Count < count)
        {
            foreach (Queue<LabelRow> queue in queues.Where(q => q.Count > 0))
            {
                if (selected.Count < count)
                {
                    selected.Add(queue.Dequeue());
                }
            }
        }

        return [.. rows.Where(selected.Contains)];
    }

    private static string PrepareOutput(string output)
    {
        try
        {
            Directory.CreateDirectory(output);
            string probe = Path.Combine(output, ".write-probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);

            // The manifest goes first: from here on the directory is not a dataset until the new manifest arrives.
            File.Delete(Path.Combine(output, Manifest.FileName));
            foreach (string file in Directory.EnumerateFiles(output))
            {
                string name = Path.GetFileName(file);
                if (OwnFile().IsMatch(name) || name == ValidationFilesName)
                {
                    File.Delete(file);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BuildException(ExitCodes.CannotCreate, $"cannot write to {output}: {ex.Message}");
        }

        return output;
    }

    private static string PrepareCache(string cache)
    {
        try
        {
            Directory.CreateDirectory(cache);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BuildException(ExitCodes.CannotCreate, $"cannot create the decode cache {cache}: {ex.Message}");
        }

        return cache;
    }

    private Dictionary<string, string> HashAndDecode(List<LabelRow> rows, AudioLoader loader)
    {
        var hashes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        int done = 0, decoded = 0;
        ForEach(rows, row =>
        {
            using (FileStream stream = File.OpenRead(loader.SourcePath(row.Path)))
            {
                hashes[row.Path] = Convert.ToHexStringLower(SHA256.HashData(stream));
            }

            if (loader.EnsureCached(row.Path, hashes[row.Path]))
            {
                Interlocked.Increment(ref decoded);
            }

            _progress.Step("hashing and decoding", Interlocked.Increment(ref done), rows.Count, $"({decoded} decoded into the cache)");
        });
        return new Dictionary<string, string>(hashes, StringComparer.Ordinal);
    }

    private string SpeechStatus()
    {
        if (options.SkipSpeech)
        {
            return "skipped (--skip-speech)";
        }

        if (EspeakSpeech.FindExecutable() is null)
        {
            _progress.Line("speech: espeak-ng is not installed; the speech-like negatives are left out (Debian: apt-get install espeak-ng)");
            return "skipped (espeak-ng not installed)";
        }

        return "espeak-ng";
    }

    private List<IJob> Jobs(List<RealRecording> recordings, bool speech)
    {
        var jobs = new List<IJob>();
        jobs.AddRange(recordings.Select(r => new RealRecordingJob(r)));
        foreach (RealRecording positive in recordings.Where(r => r.Row.IsPositive && !r.Row.WeakLabel))
        {
            jobs.AddRange(Enumerable.Range(0, options.AugmentedPerPositive).Select(v => new AugmentedRecordingJob(positive, v)));
        }

        foreach (SyntheticClass synthetic in SyntheticClass.All(speech))
        {
            jobs.AddRange(Enumerable.Range(0, options.SyntheticPerClass).Select(i => new SyntheticClipJob(synthetic, i)));
        }

        // Shuffled once, by the seed: shards then mix sources instead of holding one folder each, and the order
        // (hence every byte of the output) is still fixed.
        var random = new Random(options.Seed);
        jobs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (int i = jobs.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (jobs[i], jobs[j]) = (jobs[j], jobs[i]);
        }

        return jobs;
    }

    private Dictionary<string, string> RunJobs(List<IJob> jobs, BuildContext context, Dictionary<Split, ShardWriter> writers, Dictionary<Split, SplitSummary> summaries)
    {
        var events = new Dictionary<string, string>(StringComparer.Ordinal);
        int batch = Math.Max(16, options.Workers * 8);
        for (int start = 0; start < jobs.Count; start += batch)
        {
            List<IJob> slice = jobs.GetRange(start, Math.Min(batch, jobs.Count - start));
            var results = new JobResult[slice.Count];
            ForEach(Enumerable.Range(0, slice.Count).ToList(), i => results[i] = slice[i].Run(context));
            foreach (JobResult result in results)
            {
                foreach (Example example in result.Examples)
                {
                    writers[example.Split].Add(example);
                    summaries[example.Split].Count(example);
                }

                if (result.RealPath is not null)
                {
                    events[result.RealPath] = result.Events ?? string.Empty;
                }

                if (result.Warning is not null)
                {
                    _warnings.Add(result.Warning);
                    _progress.Line("warning: " + result.Warning);
                }
            }

            int done = start + slice.Count;
            _progress.Step("examples", done, jobs.Count, string.Create(CultureInfo.InvariantCulture,
                $"jobs; {summaries[Split.Train].Examples} train + {summaries[Split.Validation].Examples} validation examples"));
        }

        return events;
    }

    private void ForEach<T>(List<T> items, Action<T> body)
    {
        try
        {
            Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = options.Workers }, body);
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.OfType<BuildException>().FirstOrDefault() is { } first)
        {
            // The first failure the user can act on, as one line; the rest are usually the same problem again.
            throw first;
        }
    }

    private static void WriteValidationFiles(string path, List<RealRecording> recordings, AudioLoader loader, Dictionary<string, string> events)
    {
        var text = new StringBuilder("path\tlabel\tweak\tgroup\taudio\tevents\n");
        foreach (RealRecording r in recordings.Where(r => r.Split == Split.Validation).OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Path}\t{r.Row.Label}\t{(r.Row.WeakLabel ? "yes" : "no")}\t{r.Group}\t{loader.AudioPath(r.Path, r.ContentHash)}\t{events.GetValueOrDefault(r.Path, string.Empty)}\n");
        }

        AtomicFiles.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private SortedDictionary<string, string> BuildInfo(string data, string speech, SplitPlan plan, int weakDropped, AudioLoader loader)
    {
        var invariant = CultureInfo.InvariantCulture;
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["tool"] = "AudioEdge.DatasetBuilder " + typeof(DatasetBuild).Assembly.GetName().Version,
            ["data"] = data,
            ["decoder"] = loader.DecoderName ?? "none",
            ["options"] = string.Create(invariant,
                $"synthetic_per_class={options.SyntheticPerClass} augmented_per_positive={options.AugmentedPerPositive} hop_frames={options.HopFrames} max_windows_per_file={options.MaxWindowsPerFile} glass_windows_per_onset={options.GlassWindowsPerOnset} impact_windows_per_onset={options.ImpactWindowsPerOnset} validation_fraction={options.ValidationFraction} validation_fold={options.ValidationFold} noise_floor_db={options.NoiseFloorDb} limit={options.Limit?.ToString(invariant) ?? "none"}"),
            ["split_policy"] = "by source group (aspinity event, Edge Impulse sample, YouTube id, freesound/Kitchen20 source, speaker, room sound index, identical bytes); per stratum (label, folder, weak) the groups sorted by SHA-256 of their id, the first round(fraction*n) to validation (fold k: positions round(k*fraction*n) to round((k+1)*fraction*n)); synthetic clips follow their real background, over synthetic noise a hash threshold",
            ["weak_label_policy"] = string.Create(invariant,
                $"smoke_alarm: clips with 2.9-3.9 kHz energy share >= {WeakLabelPolicy.MinimumPiezoShare} only, positive windows where a 2.8-3.9 kHz tone sounds >= 100 ms, no negatives; glass_break: windows around the strongest high-frequency onset only; none: all windows"),
            ["labels_rule"] = "alarm: an alarm tone sounds >= 50 ms in the window; glass_break: a break onset lies in the window with >= 100 ms after it; windows that would be guesses (a beep edge under 50 ms, an onset in the last 100 ms, a break's tail without its onset) are left out",
            ["duplicates_skipped"] = plan.Duplicates.Count.ToString(invariant),
            ["weak_smoke_alarms_dropped"] = weakDropped.ToString(invariant),
            ["speech"] = speech,
        };
    }

    [GeneratedRegex(@"^((train|validation)-\d{4}\.(features\.npy|labels\.npy|meta\.jsonl)|\..+\.tmp-\d+)$")]
    private static partial Regex OwnFile();
}
