using System.CommandLine;
using AudioEdge.Audio.Sources;
using AudioEdge.Audio.Wav;
using AudioEdge.Cli.Classification;
using AudioEdge.Detection;
using AudioEdge.Inference;
using Spectre.Console;

namespace AudioEdge.Cli.Commands;

/// <summary>
/// <c>audioedge classify [--model PATH] [--variant NAME] [--format jsonl|table] [--frames] FILE...</c>: runs each
/// file through the same streaming <see cref="DetectionPipeline"/> as the daemon (fed in device-period-sized
/// chunks, as if live) and reports the events it decides. Each file is preceded by a 1 s lead-in and followed by a
/// 0.5 s lead-out of its own background (<see cref="DetectionPipeline.LeadIn"/>, <see cref="DetectionPipeline.LeadOut"/>),
/// as if the device had been listening to that room before and after it, so that a sound in its first second or
/// its last moments is judged like any other.
/// </summary>
/// <remarks>
/// <para>
/// Output contract (<c>--format jsonl</c>, the default when stdout is not a terminal): stdout carries one JSON
/// object per line and nothing else.
/// </para>
/// <list type="bullet">
/// <item>An event: <c>{"file": "&lt;path as given&gt;", "label": "smoke_alarm"|"co_alarm"|"glass_break", "start": s,
/// "end": s, "confidence": 0..1, "detected_at": s, "model": "id@version"}</c>, when the event is complete.</item>
/// <item>A file that could not be read: <c>{"file": ..., "error": "one line"}</c>; the other files are still
/// processed and the exit code is non-zero at the end (66 missing/unreadable, 65 not valid audio).</item>
/// <item>With <c>--frames</c>, every scored window (100 ms): <c>{"file": ..., "time": s, "scores": {"alarm": p,
/// "glass_break": p}}</c>, time being the centre of the window's newest frame (up to 0.5 s past the file's end:
/// the lead-out's windows).</item>
/// </list>
/// <para>
/// Model problems (none at the path, checksum or front-end mismatch, a graph that does not match its manifest)
/// are one line on stderr and exit 78 before any file is read. Decoder warnings go to stderr. A progress bar is
/// drawn on stderr only when stderr is a terminal and stdout is not (or the output is the table, drawn at the end).
/// </para>
/// </remarks>
internal static class ClassifyCommand
{
    // 64 ms at 16 kHz: the order of an ALSA period, so files exercise the pipeline the way live capture does.
    private const int ChunkSamples = 1024;

    public static Command Create(TextWriter output)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Recordings: WAV (any PCM/float format, channels, sample rate), or anything sox decodes (FLAC, Ogg, AIFF; MP3 with libsox-fmt-mp3).",
            Arity = ArgumentArity.OneOrMore,
        };
        var model = new Option<string?>("--model", "-m")
        {
            Description = "The model's manifest.json (or its directory). Default: models/manifest.json beside the executable.",
        };
        var variant = new Option<string?>("--variant") { Description = "Model variant to run, e.g. int8 or fp32. Default: the manifest's default_variant." };
        var format = new Option<string?>("--format")
        {
            Description = "jsonl: one JSON object per event (default when stdout is redirected); table: a table for people (default at a terminal).",
        };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var frames = new Option<bool>("--frames") { Description = "Also print every window's scores as {\"file\",\"time\",\"scores\":{label: p}} lines (jsonl only)." };

        var command = new Command("classify", "Detect smoke alarms, CO alarms and breaking glass in recordings; print the events.")
        {
            files, model, variant, format, frames,
        };
        command.SetAction(parse =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            bool console = ReferenceEquals(output, Console.Out);
            string chosenFormat = parse.GetValue(format) ?? (console && !Console.IsOutputRedirected ? "table" : "jsonl");
            bool withFrames = parse.GetValue(frames);
            if (withFrames && chosenFormat != "jsonl")
            {
                throw new CliException(ExitCodes.Usage, "--frames needs --format jsonl");
            }

            ModelPackage package = CliModelLoader.Load(parse.GetValue(model), parse.GetValue(variant));
            using OnnxWindowScorer scorer = CliModelLoader.CreateScorer(package);
            IClassifyReport report = chosenFormat == "table"
                ? new TableReport(output, console && !Console.IsOutputRedirected)
                : new JsonLinesReport(output);

            string[] paths = parse.GetValue(files)!;
            bool progress = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
                && (chosenFormat == "table" || Console.IsOutputRedirected);
            int exitCode = progress
                ? RunWithProgress(paths, package, scorer, report, withFrames, error)
                : Run(paths, package, scorer, report, withFrames, error, null);
            report.Complete(package.Name, paths.Length);
            return exitCode;
        });
        return command;
    }

    private static int RunWithProgress(string[] paths, ModelPackage package, OnnxWindowScorer scorer, IClassifyReport report, bool frames, TextWriter error)
    {
        IAnsiConsole stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        int exitCode = ExitCodes.Success;
        stderr.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("classifying", maxValue: paths.Length);
                exitCode = Run(paths, package, scorer, report, frames, error, (file, fraction) =>
                {
                    task.Description = Markup.Escape(Path.GetFileName(file));
                    task.Value = fraction;
                });
            });
        return exitCode;
    }

    /// <summary>Every file in turn; returns the exit code of the first failure, or 0.</summary>
    private static int Run(
        string[] paths, ModelPackage package, OnnxWindowScorer scorer, IClassifyReport report, bool frames, TextWriter error, Action<string, double>? progress)
    {
        int exitCode = ExitCodes.Success;
        var buffer = new float[ChunkSamples];
        var opening = new float[(int)(DetectionPipeline.LeadInOpeningSeconds * AudioFileSource.TargetSampleRate)];
        DetectionModel model = DetectionModel.FromPackage(package);
        for (int f = 0; f < paths.Length; f++)
        {
            string path = paths[f];
            try
            {
                ClassifyFile(path, scorer, model, report, frames, buffer, opening, error, fraction => progress?.Invoke(path, f + fraction));
            }
            catch (CliException ex)
            {
                report.Error(path, ex.Message);
                error.WriteLine($"audioedge: {ex.Message}");
                exitCode = exitCode == ExitCodes.Success ? ex.ExitCode : exitCode;
            }
        }

        return exitCode;
    }

    private static void ClassifyFile(
        string path, OnnxWindowScorer scorer, DetectionModel model, IClassifyReport report, bool frames, float[] buffer, float[] opening, TextWriter error, Action<double> progress)
    {
        using AudioFileSource source = Open(path);
        var sink = new FileEventSink(report, path, scorer.Labels);
        var pipeline = new DetectionPipeline(scorer, model, sink, observer: frames ? sink : null);
        // For the progress bar only: the length the file declares (none: the bar stays empty until the end).
        double expected = Math.Max(1, (source.DeclaredSeconds ?? double.PositiveInfinity) * AudioFileSource.TargetSampleRate);
        try
        {
            // The first seconds are read ahead only to estimate the room's background for the lead-in (as if the
            // device had been listening before the file, so its first second is judged too); then they are fed
            // in device-period-sized chunks like the rest.
            int opened = 0, read;
            while (opened < opening.Length && (read = source.Read(opening.AsSpan(opened))) > 0)
            {
                opened += read;
            }

            pipeline.LeadIn(opening.AsSpan(0, opened));
            for (int start = 0; start < opened; start += ChunkSamples)
            {
                pipeline.Process(opening.AsSpan(start, Math.Min(ChunkSamples, opened - start)));
            }

            while ((read = source.Read(buffer)) > 0)
            {
                pipeline.Process(buffer.AsSpan(0, read));
                progress(Math.Min(1, source.Position / expected));
            }

            // The room goes on after the file, so a break in its last moments is judged too.
            pipeline.LeadOut();
        }
        catch (InvalidAudioFileException ex)
        {
            throw new CliException(ExitCodes.DataError, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.NoInput, $"{path}: cannot read: {ex.Message}");
        }
        finally
        {
            // Events still open when the file ends (or breaks off) end at their last evidence.
            pipeline.Complete();
        }

        foreach (string warning in source.Warnings)
        {
            error.WriteLine($"audioedge: warning: {path}: {warning}");
        }
    }

    private static AudioFileSource Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliException(ExitCodes.NoInput, $"{path}: is a directory, not a recording");
        }

        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.NoInput, $"{path}: no such file");
        }

        try
        {
            return AudioFileSource.Open(path);
        }
        catch (InvalidAudioFileException ex)
        {
            throw new CliException(ExitCodes.DataError, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.NoInput, $"{path}: cannot read: {ex.Message}");
        }
    }
}
