using System.CommandLine;
using System.Globalization;
using AudioEdge.Benchmarking;
using AudioEdge.Cli.Classification;
using AudioEdge.Daemon.Demo;
using AudioEdge.Inference;
using Spectre.Console;

namespace AudioEdge.Cli.Commands;

/// <summary>
/// <c>audioedge bench [--seconds 60] [--mode realtime|flat|both] [--variant int8|fp32|both] [--budget-ms 200] [--json]
/// [--model PATH] [--soak HOURS]</c>: QA's on-board measurement. The engine is <see cref="BenchRunner"/>
/// (AudioEdge.Benchmarking); this command parses, renders and maps the verdict to the exit code.
/// </summary>
/// <remarks>
/// Exit codes: 0 every run's end-to-end p95 per 100 ms block is within <c>--budget-ms</c> (and a soak did not grow);
/// 1 the budget was exceeded; 2 within budget but the soak's RSS grew past 10 MB; 64 bad arguments; 78 the model
/// does not load. With <c>--json</c> stdout carries exactly one JSON document (schema <c>audioedge-bench/1</c>);
/// progress lines go to stderr in every case.
/// </remarks>
internal static class BenchCommand
{
    public static Command Create(TextWriter output)
    {
        var seconds = new Option<double>("--seconds") { Description = "Seconds of audio per measured run (per variant and mode).", DefaultValueFactory = _ => 60.0 };
        var mode = new Option<string>("--mode") { Description = "realtime: a 100 ms block every 100 ms, like a microphone; flat: as fast as it goes; both.", DefaultValueFactory = _ => "both" };
        OneOf(mode, "realtime", "flat", "both");
        var variant = new Option<string>("--variant") { Description = "Model variant(s) to measure: int8, fp32 or both.", DefaultValueFactory = _ => "both" };
        OneOf(variant, "int8", "fp32", "both");
        var budget = new Option<double>("--budget-ms") { Description = "End-to-end p95 per 100 ms block that passes; above it the exit code is 1.", DefaultValueFactory = _ => 200.0 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (schema audioedge-bench/1) on stdout, nothing else." };
        var model = new Option<string?>("--model", "-m") { Description = "The model's manifest.json (or its directory). Default: models/manifest.json beside the executable." };
        var soak = new Option<double?>("--soak") { HelpName = "HOURS", Description = "Accelerated leak check: this many hours of audio flat out per variant, memory sampled every simulated minute; exit 2 if RSS grows > 10 MB." };
        Check(seconds, s => double.IsFinite(s) && s >= 0.1 && s <= 86_400, "--seconds must be within 0.1..86400.");
        Check(budget, b => double.IsFinite(b) && b > 0, "--budget-ms must be a positive number.");
        Check(soak, h => h is not { } hours || (double.IsFinite(hours) && hours > 0 && hours <= 1000), "--soak must be within (0, 1000] hours.");

        var command = new Command("bench", "Measure the full pipeline on generated audio: latency per stage, real-time factor, CPU, memory, start-up, hardware; exit 1 over budget.")
        {
            seconds, mode, variant, budget, json, model, soak,
        };
        command.SetAction(parse =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            string manifest = parse.GetValue(model) ?? ModelLocation.Default;
            string modeValue = parse.GetValue(mode)!;
            string variantValue = parse.GetValue(variant)!;
            var options = new BenchOptions
            {
                ManifestPath = manifest,
                Audio = BenchAudio.Create(DemoRecording.Generate()),
                Seconds = parse.GetValue(seconds),
                Modes = modeValue switch
                {
                    "realtime" => [BenchMode.RealTime],
                    "flat" => [BenchMode.Flat],
                    _ => [BenchMode.RealTime, BenchMode.Flat],
                },
                Variants = variantValue == "both" ? ["int8", "fp32"] : [variantValue],
                BudgetMs = parse.GetValue(budget),
                SoakHours = parse.GetValue(soak),
                Progress = line => error.WriteLine($"audioedge bench: {line}"),
            };

            BenchReport report;
            try
            {
                report = BenchRunner.Run(options);
            }
            catch (ModelLoadException ex) when (parse.GetValue(model) is null && !File.Exists(manifest))
            {
                throw new CliException(ExitCodes.Config, $"no model at {manifest}: no trained model is installed beside the program; pass --model PATH/manifest.json ({ex.Message})");
            }
            catch (ModelLoadException ex)
            {
                throw new CliException(ExitCodes.Config, ex.Message);
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(BenchJson.Serialize(report));
            }
            else
            {
                bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
                Render(output, terminal, report);
            }

            return report.ExitCode;
        });
        return command;
    }

    private static void Check<T>(Option<T> option, Func<T, bool> valid, string message) => option.Validators.Add(r =>
    {
        T value;
        try
        {
            value = r.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            // Not a number: the parser reports that itself, in one line.
            return;
        }

        if (!valid(value))
        {
            r.AddError(message);
        }
    });

    // Not AcceptOnlyFromAmong: its message spans several lines, and a bad argument must be one line on stderr.
    private static void OneOf(Option<string> option, params string[] values) => option.Validators.Add(r =>
    {
        string? value = r.GetValueOrDefault<string?>();
        if (value is null || !values.Contains(value, StringComparer.Ordinal))
        {
            r.AddError($"{option.Name} must be one of {string.Join(", ", values)} (got '{value}').");
        }
    });

    private static void Render(TextWriter output, bool terminal, BenchReport report)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 160;
        }

        var ci = CultureInfo.InvariantCulture;
        string runLength = report.SoakHours is { } h ? $"soak: {h.ToString("0.##", ci)} h of audio flat out per variant" : $"{report.Seconds.ToString("0.#", ci)} s of audio per run";
        console.WriteLine($"AudioEdge bench: model {report.Model}, {runLength}, 100 ms blocks, budget {Ms(report.BudgetMs)} ms (end-to-end p95 per block).");

        HardwareFacts hw = report.Hardware;
        ThermalSnapshot? before = report.Runs.Count > 0 ? report.Runs[0].ThermalBefore : null;
        ThermalSnapshot? after = report.Runs.Count > 0 ? report.Runs[^1].ThermalAfter : null;
        var hardware = new Table().Border(TableBorder.Rounded).Title("Hardware");
        hardware.AddColumn("Fact");
        hardware.AddColumn("Value");
        void Fact(string name, string value) => hardware.AddRow(Markup.Escape(name), Markup.Escape(value));
        Fact("CPU", hw.CpuModel ?? "n/a");
        Fact("Board", hw.Board ?? "n/a");
        Fact("Architecture", hw.Architecture);
        Fact("Cores (cpuinfo / usable)", $"{hw.Cores?.ToString(ci) ?? "n/a"} / {hw.ProcessorCount.ToString(ci)}");
        Fact("AdvSimd / dot product (asimddp)", $"{YesNo(hw.AdvSimd)} / {YesNo(hw.DotProduct)}");
        Fact("AVX2 / VNNI", $"{YesNo(hw.Avx2)} / {YesNo(hw.Vnni)}");
        Fact(".NET intrinsics", hw.RuntimeIntrinsics);
        Fact("Front-end SIMD", report.FrontEndSimd);
        Fact("CPU MHz (cur, before → after / max)", $"{Mhz(before)} → {Mhz(after)} / {Opt(after?.MaxMhz, "0")}");
        Fact("Temperature °C (before → after)", $"{Opt(before?.TemperatureC, "0.0")} → {Opt(after?.TemperatureC, "0.0")}{(after?.TemperatureZone is { } z ? $" ({z})" : string.Empty)}");
        Fact("Throttled (vcgencmd, after)", after?.Throttled is { } t ? $"{t}: {after.ThrottledMeaning}" : "n/a");
        Fact("RSS before the model loaded", $"{Opt(Mb(report.BaselineRssBytes), "0.0")} MB (runtime, CLI, generated audio)");
        Fact("Runtime", report.Runtime);
        console.Write(hardware);

        var startup = new Table().Border(TableBorder.Rounded).Title("Start-up (cold, per variant)");
        startup.AddColumn("Variant");
        startup.AddColumn("File");
        startup.AddColumn(new TableColumn("Load + session ms").RightAligned());
        startup.AddColumn(new TableColumn("First score ms").RightAligned());
        foreach (VariantStartup s in report.Startup)
        {
            startup.AddRow(Markup.Escape(s.Variant), Markup.Escape(s.ModelFile), s.LoadMs.ToString("0.0", ci), double.IsFinite(s.FirstScoreMs) ? s.FirstScoreMs.ToString("0.0", ci) : "n/a");
        }

        console.Write(startup);

        var latency = new Table().Border(TableBorder.Rounded).Title("Latency per 100 ms block, ms");
        latency.AddColumn("Variant");
        latency.AddColumn("Mode");
        latency.AddColumn("Stage");
        foreach (string column in new[] { "p50", "p95", "p99", "max", "mean" })
        {
            latency.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (BenchRunResult run in report.Runs)
        {
            (string Name, LatencySummary Stats)[] stages =
                [("front end", run.FrontEnd), ("inference", run.Inference), ("detection", run.Detection), ("end to end", run.EndToEnd)];
            foreach ((string name, LatencySummary stats) in stages)
            {
                bool total = name == "end to end";
                string p95 = Ms(stats.P95Ms);
                if (total && terminal)
                {
                    p95 = stats.P95Ms <= report.BudgetMs ? $"[green]{p95}[/]" : $"[red]{p95}[/]";
                }

                latency.AddRow(
                    Markup.Escape(run.Variant), BenchRunner.ModeName(run.Mode), total ? "[bold]end to end[/]" : name,
                    Ms(stats.P50Ms), p95, Ms(stats.P99Ms), Ms(stats.MaxMs), Ms(stats.MeanMs));
            }
        }

        console.Write(latency);

        var runs = new Table().Border(TableBorder.Rounded).Title("Runs");
        runs.AddColumn("Variant");
        runs.AddColumn("Mode");
        foreach (string column in new[] { "Audio s", "Wall s", "RTF ×", "CPU %", "Peak RSS MB", "RSS MB", "Heap MB", "Alloc KB", "Late", "Events" })
        {
            runs.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (BenchRunResult run in report.Runs)
        {
            runs.AddRow(
                Markup.Escape(run.Variant), BenchRunner.ModeName(run.Mode),
                run.AudioSeconds.ToString("0.#", ci), run.WallSeconds.ToString("0.000", ci), run.RealTimeFactor.ToString("0", ci),
                Opt(run.CpuPercent, "0.0"), Opt(Mb(run.PeakRssBytes), "0.0") + (run.PeakRssIsRunOnly ? string.Empty : "*"), Opt(Mb(run.RssBytes), "0.0"),
                Opt(Mb(run.ManagedBytes), "0.0"), (run.AllocatedBytes / 1024.0).ToString("0.0", ci), run.LateBlocks.ToString(ci), run.Events.ToString(ci));
        }

        console.Write(runs);
        if (report.Runs.Any(r => !r.PeakRssIsRunOnly))
        {
            console.WriteLine("* peak RSS since process start (this kernel does not allow resetting VmHWM per run)");
        }

        if (report.Runs.Any(r => r.Soak is not null))
        {
            var soak = new Table().Border(TableBorder.Rounded).Title("Soak: memory growth, last quarter − first quarter");
            soak.AddColumn("Variant");
            foreach (string column in new[] { "Hours", "Samples", "RSS first MB", "RSS last MB", "RSS growth MB", "Heap growth MB", "Threshold MB", "Result" })
            {
                soak.AddColumn(new TableColumn(column).RightAligned());
            }

            foreach (BenchRunResult run in report.Runs.Where(r => r.Soak is not null))
            {
                SoakAnalysis s = run.Soak!;
                soak.AddRow(
                    Markup.Escape(run.Variant), (run.AudioSeconds / 3600).ToString("0.##", ci), s.Samples.ToString(ci), Opt(s.FirstQuarterRssMb, "0.0"),
                    Opt(s.LastQuarterRssMb, "0.0"), Opt(s.RssGrowthMb, "0.00"), s.ManagedGrowthMb.ToString("0.00", ci), s.ThresholdMb.ToString("0.#", ci),
                    s.Passed switch { true => "pass", false => "FAIL", null => "n/a" });
            }

            console.Write(soak);
        }

        string verdict = report.ExitCode switch
        {
            BenchExitCodes.Success => $"PASS: worst end-to-end p95 {Ms(report.WorstEndToEndP95Ms)} ms ≤ budget {Ms(report.BudgetMs)} ms",
            BenchExitCodes.OverBudget => $"FAIL (exit 1): worst end-to-end p95 {Ms(report.WorstEndToEndP95Ms)} ms > budget {Ms(report.BudgetMs)} ms",
            _ => $"FAIL (exit 2): within budget (worst p95 {Ms(report.WorstEndToEndP95Ms)} ms) but the soak's RSS grew more than {report.SoakMaxGrowthMb.ToString("0.#", ci)} MB",
        };
        console.WriteLine(verdict);
    }

    private static string Ms(double value) => value.ToString(value >= 100 ? "0.0" : "0.000", CultureInfo.InvariantCulture);

    private static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => "n/a" };

    private static string Opt(double? value, string format) => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static double? Mb(long? bytes) => bytes / (1024.0 * 1024.0);

    private static string Mhz(ThermalSnapshot? snapshot) => snapshot?.MinCurrentMhz is { } lo && snapshot.MaxCurrentMhz is { } hi
        ? (Math.Abs(hi - lo) < 1 ? lo.ToString("0", CultureInfo.InvariantCulture) : $"{lo.ToString("0", CultureInfo.InvariantCulture)}–{hi.ToString("0", CultureInfo.InvariantCulture)}")
        : "n/a";
}
