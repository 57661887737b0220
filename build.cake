// AudioEdge build script (Cake 7; run it through ./build.sh, which installs what is missing first).
//
// Private tasks ("__" prefix) each do one thing; the public targets at the bottom compose them.
// Warnings are errors in every project (Directory.Build.props); tool versions are pinned
// (.config/dotnet-tools.json, Directory.Packages.props, global.json).
//
// Public targets (case-insensitive, dashes ignored: "test-all" == "TestAll"):
//   Default    Build + Test
//   Clean      delete artifacts/ and every bin/ and obj/
//   Restore    dotnet restore
//   Build      Release build of AudioEdge.sln
//   Test       x64: every test, tools/train's Python tests, then the [Category("FrontEnd")] tests again on the scalar path
//              (DOTNET_EnableHWIntrinsic=0) and on the Vector128 path (AVX2 and AVX-512 off)
//   TestArm64  FrontEnd tests published for linux-arm64 and run under qemu-aarch64 (AdvSimd path)
//   TestAll    Build + Test + TestArm64 + TestPackages: what CI runs (.ci/run)
//   Bench      BenchmarkDotNet suite in Release: --bench-filter='*Fft*' --bench-args='--job short'
//   Publish    self-contained audioedge CLI for linux-x64 and linux-arm64 into artifacts/publish/<rid>/
//   Package    audioedge_<version>_amd64.deb and _arm64.deb into artifacts/package/ (NativeAOT publish,
//              tools/packaging/build-deb.sh, firmware/ files), then lintian on both (fails on errors and warnings)
//   TestPackages  build both packages (fast xz level), then tests/AudioEdge.Packaging.Tests: contents, install/upgrade/
//              remove/purge in a throwaway root, the arm64 program under qemu equal to the amd64 one (TestAll runs it too)
//   Demo       the README's main job: audioedge demo — the daemon over a generated recording (T3 smoke alarm and
//              glass break in noise) with an in-process MQTT broker, printing what a subscriber receives
//   Sample     audioedge synth (T3 smoke alarm in noise), features, spectrogram and classify into artifacts/sample/
//
// Other arguments: --configuration=Release (default), --test-timeout=10m (per test run).
// Packages: --package-version=X (default: <Version> of Directory.Build.props), --deb-compression-level=N (xz; default
// 6 for Package, 1 for TestAll/TestPackages, where xz -6 would cost about 3 minutes for 5 MB less per package).
//
// Tests run on Microsoft.Testing.Platform (global.json "test.runner"; NUnit runner, EnableNUnitRunner).
// Each run writes NUnit XML reports to artifacts/test-results/<run>/; the last line of a test target
// is "tests: N passed, N failed[, N skipped]" summed over all runs, and any failed run fails the build.

using System.Xml.Linq;

//////////////////////////////////////////////////////////////////////
// ARGUMENTS AND PATHS
//////////////////////////////////////////////////////////////////////

var target = Argument("target", "Default").Replace("-", string.Empty);
var configuration = Argument("configuration", "Release");
var benchFilter = Argument("bench-filter", "*");
var benchArgs = Argument("bench-args", string.Empty);
// Per test run (MTP --timeout): a hung run (e.g. under qemu) fails instead of eating CI's time.
var testTimeout = Argument("test-timeout", "10m");

var solution = MakeAbsolute(File("./AudioEdge.sln"));
var artifactsDir = MakeAbsolute(Directory("./artifacts"));
var testResultsDir = artifactsDir.Combine("test-results");
var runSettingsDir = artifactsDir.Combine("runsettings");
var arm64Dir = artifactsDir.Combine("arm64");
var publishDir = artifactsDir.Combine("publish");
var probeProject = MakeAbsolute(File("./tools/ci/IsaProbe/IsaProbe.csproj"));
var probeX64Dir = artifactsDir.Combine("isaprobe/linux-x64");
var probeArm64Dir = arm64Dir.Combine("IsaProbe");
var qemuScript = MakeAbsolute(File("./tools/ci/qemu-arm64.sh"));
var cliProject = MakeAbsolute(File("./src/AudioEdge.Cli/AudioEdge.Cli.csproj"));
var cliDll = MakeAbsolute(File($"./src/AudioEdge.Cli/bin/{configuration}/net10.0/audioedge.dll"));
var sampleDir = artifactsDir.Combine("sample");
var benchProject = MakeAbsolute(File("./benchmarks/AudioEdge.Benchmarks/AudioEdge.Benchmarks.csproj"));

// Debian packages (Package, TestPackages; TestAll).
var packageDir = artifactsDir.Combine("package");
var packagePublishDir = packageDir.Combine("publish");
var buildDebScript = MakeAbsolute(File("./tools/packaging/build-deb.sh"));
var packagingTestProject = MakeAbsolute(File("./tests/AudioEdge.Packaging.Tests/AudioEdge.Packaging.Tests.csproj"));
var packageVersion = Argument("package-version",
    XDocument.Load(MakeAbsolute(File("./Directory.Build.props")).FullPath).Descendants("Version").First().Value.Trim());
var debCompressionLevel = Argument("deb-compression-level",
    target.Equals("TestAll", StringComparison.OrdinalIgnoreCase) || target.Equals("TestPackages", StringComparison.OrdinalIgnoreCase) ? 1 : 6);
// Debian architecture -> .NET runtime identifier.
var packageArchitectures = new Dictionary<string, string> { ["amd64"] = "linux-x64", ["arm64"] = "linux-arm64" };
var debFiles = new List<FilePath>();

// Test projects whose FrontEnd tests also run on the scalar and Vector128 x64 paths and on arm64.
// A FrontEnd test in a project not listed here runs only in the plain x64 run.
var frontEndTestProjects = new[] { "AudioEdge.Dsp.Tests" };
const string FrontEndFilter = "TestCategory=FrontEnd";

// x64 re-runs of the FrontEnd tests. The probe expectations prove that the knobs took effect:
// .NET 10 ignores DOTNET_EnableAVX512F (renamed DOTNET_EnableAVX512); DOTNET_EnableAVX2=0 alone
// already turns AVX-512 off too.
var x64FrontEndVariants = new[]
{
    new IsaVariant(
        "x64-scalar",
        new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" },
        new[] { "Vector128=false", "Vector256=false", "Vector512=false" }),
    new IsaVariant(
        "x64-vector128",
        new Dictionary<string, string> { ["DOTNET_EnableAVX2"] = "0", ["DOTNET_EnableAVX512"] = "0" },
        new[] { "Vector128=true", "Vector256=false", "Vector512=false" }),
};

var testRuns = new List<TestRun>();
string testSummaryLine = null;

//////////////////////////////////////////////////////////////////////
// HELPERS
//////////////////////////////////////////////////////////////////////

// NUnit's own XML report (runsettings TestOutputXml). MTP's TRX extension is not used: it starts a
// second test-host process by exec'ing the test app, which fails under qemu-user ("Exec format error")
// without binfmt_misc.
FilePath WriteRunSettings(string runName, DirectoryPath resultsDir)
{
    EnsureDirectoryExists(runSettingsDir);
    var file = runSettingsDir.CombineWithFilePath(runName + ".runsettings");
    var xml = new XDocument(
        new XElement("RunSettings",
            new XElement("NUnit",
                new XElement("TestOutputXml", resultsDir.FullPath),
                new XElement("OutputXmlFolderMode", "AsSpecified"))));
    xml.Save(file.FullPath);
    return file;
}

DirectoryPath PrepareResultsDir(string runName)
{
    var dir = testResultsDir.Combine(runName);
    EnsureDirectoryExists(dir);
    CleanDirectory(dir);
    return dir;
}

void RunIsaProbe(string label, IDictionary<string, string> environment, IEnumerable<string> expectations, bool arm64)
{
    var args = new ProcessArgumentBuilder();
    FilePath program;
    if (arm64)
    {
        program = "bash";
        args.AppendQuoted(qemuScript.FullPath).AppendQuoted(probeArm64Dir.CombineWithFilePath("IsaProbe").FullPath);
    }
    else
    {
        program = "dotnet";
        args.AppendQuoted(probeX64Dir.CombineWithFilePath("IsaProbe.dll").FullPath);
    }

    args.Append(label);
    foreach (var expectation in expectations)
    {
        args.Append(expectation);
    }

    var exitCode = StartProcess(program, new ProcessSettings { Arguments = args, EnvironmentVariables = environment });
    if (exitCode != 0)
    {
        throw new CakeException($"ISA probe '{label}' failed (exit {exitCode}): the {label} run would not exercise the intended SIMD path.");
    }
}

void RunDotNetTest(string runName, string projectOrSolution, DotNetTestPathType pathType, string filter,
    IDictionary<string, string> environment, bool allowEmptyModules, bool requireTests)
{
    var resultsDir = PrepareResultsDir(runName);
    var exitCode = 0;
    var settings = new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        PathType = pathType,
        Filter = filter,
        Settings = WriteRunSettings(runName, resultsDir),
        ResultsDirectory = resultsDir,
        EnvironmentVariables = environment,
        HandleExitCode = code => { exitCode = code; return true; },
        ArgumentCustomization = args =>
        {
            // Exit code 8 = a module ran zero tests (empty project, or no test matched the filter).
            if (allowEmptyModules)
            {
                args.Append("--ignore-exit-code").Append("8");
            }

            return args.Append("--timeout").Append(testTimeout).Append("--no-progress");
        },
    };

    Information("{0}", $"== test run {runName}: dotnet test {projectOrSolution}{(filter is null ? string.Empty : " --filter " + filter)}");
    DotNetTest(projectOrSolution, settings);
    RecordTestRun(runName, resultsDir, exitCode, requireTests);
}

void RecordTestRun(string runName, DirectoryPath resultsDir, int exitCode, bool requireTests)
{
    var run = new TestRun(runName, exitCode, requireTests);
    foreach (var report in GetFiles(resultsDir.FullPath + "/*.xml"))
    {
        var root = XDocument.Load(report.FullPath).Root;
        if (root?.Name.LocalName != "test-run")
        {
            continue;
        }

        int Count(string attribute) => int.TryParse((string)root.Attribute(attribute), out var n) ? n : 0;
        run.Reports++;
        run.Passed += Count("passed");
        run.Failed += Count("failed");
        // The NUnit runner reports inconclusive and warning results as skipped; count them the same way.
        run.Skipped += Count("skipped") + Count("inconclusive") + Count("warnings");
    }

    testRuns.Add(run);
    Information("{0}", $"== test run {runName}: {run.Describe()}");
}

//////////////////////////////////////////////////////////////////////
// PRIVATE TASKS
//////////////////////////////////////////////////////////////////////

Task("__Clean")
    .Does(() =>
{
    if (DirectoryExists(artifactsDir))
    {
        DeleteDirectory(artifactsDir, new DeleteDirectorySettings { Recursive = true, Force = true });
    }

    foreach (var root in new[] { "./src", "./tests", "./benchmarks", "./tools/ci" })
    {
        CleanDirectories(root + "/**/bin");
        CleanDirectories(root + "/**/obj");
    }
});

Task("__Restore")
    .Does(() =>
{
    DotNetRestore(solution.FullPath);
});

Task("__Build")
    .Does(() =>
{
    DotNetBuild(solution.FullPath, new DotNetBuildSettings
    {
        Configuration = configuration,
        NoRestore = true,
    });
});

Task("__BuildIsaProbe")
    .Does(() =>
{
    DotNetBuild(probeProject.FullPath, new DotNetBuildSettings
    {
        Configuration = configuration,
        OutputDirectory = probeX64Dir,
    });
});

Task("__TestX64")
    .Does(() =>
{
    RunIsaProbe("x64", new Dictionary<string, string>(), Array.Empty<string>(), arm64: false);
    // A test project without tests yet is fine (allowEmptyModules); a run without any test is not.
    RunDotNetTest("x64", solution.FullPath, DotNetTestPathType.Solution, filter: null,
        new Dictionary<string, string>(), allowEmptyModules: true, requireTests: true);
});

Task("__TestX64FrontEndVariants")
    .Does(() =>
{
    foreach (var variant in x64FrontEndVariants)
    {
        RunIsaProbe(variant.Name, variant.Environment, variant.Expectations, arm64: false);
        foreach (var project in frontEndTestProjects)
        {
            var projectFile = MakeAbsolute(File($"./tests/{project}/{project}.csproj"));
            RunDotNetTest($"{variant.Name}-{project}", projectFile.FullPath, DotNetTestPathType.Project,
                FrontEndFilter, variant.Environment, allowEmptyModules: false, requireTests: true);
        }
    }
});

Task("__TestTrainingPython")
    .Does(() =>
{
    // tools/train's own unit tests (Debian's python3-torch/onnx/numpy; /usr/bin/python3, not a pyenv python3).
    // unittest prints "Ran N tests" and "OK"/"FAILED (failures=F, errors=E, skipped=S)" on stderr.
    IEnumerable<string> stderr;
    var exitCode = StartProcess("/usr/bin/python3", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().Append("-m").Append("unittest").Append("discover").Append("-s").AppendQuoted(MakeAbsolute(Directory("./tools/train/tests")).FullPath),
        RedirectStandardError = true,
    }, out _, out stderr);
    var lines = stderr.ToList();
    foreach (var line in lines.TakeLast(5))
    {
        Information("{0}", "  python: " + line);
    }

    int ran = lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^Ran (\d+) tests?")).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).FirstOrDefault();
    int Count(string key) => lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, key + @"=(\d+)")).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).FirstOrDefault();
    int failedCount = Count("failures") + Count("errors");
    int skippedCount = Count("skipped");
    testRuns.Add(new TestRun("python-tools-train", exitCode, requireTests: true)
    {
        Reports = 1,
        Passed = ran - failedCount - skippedCount,
        Failed = failedCount,
        Skipped = skippedCount,
    });
});

Task("__PublishArm64Tests")
    .Does(() =>
{
    var settings = new DotNetPublishSettings
    {
        Configuration = configuration,
        Runtime = "linux-arm64",
        SelfContained = true,
    };

    foreach (var project in frontEndTestProjects)
    {
        settings.OutputDirectory = arm64Dir.Combine(project);
        CleanDirectory(settings.OutputDirectory);
        DotNetPublish(MakeAbsolute(File($"./tests/{project}/{project}.csproj")).FullPath, settings);
    }

    settings.OutputDirectory = probeArm64Dir;
    DotNetPublish(probeProject.FullPath, settings);
});

Task("__TestArm64")
    .Does(() =>
{
    RunIsaProbe("arm64", new Dictionary<string, string>(), new[] { "AdvSimd=true", "Vector128=true" }, arm64: true);
    foreach (var project in frontEndTestProjects)
    {
        var runName = $"arm64-{project}";
        var resultsDir = PrepareResultsDir(runName);
        var args = new ProcessArgumentBuilder()
            .AppendQuoted(qemuScript.FullPath)
            .AppendQuoted(arm64Dir.Combine(project).CombineWithFilePath(project).FullPath)
            .Append("--filter").AppendQuoted(FrontEndFilter)
            .Append("--settings").AppendQuoted(WriteRunSettings(runName, resultsDir).FullPath)
            .Append("--results-directory").AppendQuoted(resultsDir.FullPath)
            .Append("--timeout").Append(testTimeout)
            .Append("--progress").Append("off");

        Information("{0}", $"== test run {runName}: qemu-aarch64 {project} --filter {FrontEndFilter}");
        var exitCode = StartProcess("bash", new ProcessSettings { Arguments = args });
        RecordTestRun(runName, resultsDir, exitCode, requireTests: true);
    }
});

Task("__TestSummary")
    .Does(() =>
{
    int passed = testRuns.Sum(r => r.Passed);
    int failed = testRuns.Sum(r => r.Failed);
    int skipped = testRuns.Sum(r => r.Skipped);
    var problems = testRuns.Where(r => r.Problem is not null).ToList();
    // A run that failed without a report (crash, no test found) still counts as one failure.
    failed += problems.Count(r => r.Failed == 0);

    Information("{0}", "Test runs:");
    foreach (var run in testRuns)
    {
        Information("{0}", $"  {run.Name,-40} {run.Describe()}");
    }

    testSummaryLine = $"tests: {passed} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : string.Empty);
    if (problems.Count > 0)
    {
        // On failure the summary is printed here, since RunTarget throws and the line after it is not reached.
        // Plain Console output: CI matches the line exactly, Cake's log would wrap it in ANSI colour codes.
        Console.WriteLine(testSummaryLine);
        throw new CakeException("Failed test runs: " + string.Join("; ", problems.Select(r => $"{r.Name} ({r.Problem})")));
    }
});

Task("__Bench")
    .Does(() =>
{
    var args = new ProcessArgumentBuilder()
        .Append("--filter").AppendQuoted(benchFilter)
        .Append("--artifacts").AppendQuoted(artifactsDir.Combine("bench").FullPath);
    if (!string.IsNullOrWhiteSpace(benchArgs))
    {
        args.Append(benchArgs);
    }

    DotNetRun(benchProject.FullPath, args, new DotNetRunSettings
    {
        Configuration = configuration,
        NoBuild = true,
    });
});

Task("__Publish")
    .Does(() =>
{
    foreach (var rid in new[] { "linux-x64", "linux-arm64" })
    {
        var output = publishDir.Combine(rid);
        CleanDirectory(output);
        DotNetPublish(cliProject.FullPath, new DotNetPublishSettings
        {
            Configuration = configuration,
            Runtime = rid,
            SelfContained = true,
            OutputDirectory = output,
        });
    }
});

Task("__Sample")
    .Does(() =>
{
    EnsureDirectoryExists(sampleDir);
    var wav = sampleDir.CombineWithFilePath("t3-smoke-alarm.wav").FullPath;
    var steps = new[]
    {
        new ProcessArgumentBuilder().Append("synth").Append("t3").Append("-o").AppendQuoted(wav),
        new ProcessArgumentBuilder().Append("features").AppendQuoted(wav)
            .Append("-o").AppendQuoted(sampleDir.CombineWithFilePath("t3-smoke-alarm.logmel.npy").FullPath),
        new ProcessArgumentBuilder().Append("spectrogram").AppendQuoted(wav)
            .Append("-o").AppendQuoted(sampleDir.CombineWithFilePath("t3-smoke-alarm.png").FullPath),
        // The detector with the committed model, as a table: the event the daemon would publish.
        new ProcessArgumentBuilder().Append("classify").Append("--format").Append("table").AppendQuoted(wav),
    };

    foreach (var step in steps)
    {
        DotNetExecute(cliDll, step);
    }
});

Task("__Demo")
    .Does(() =>
{
    // The daemon end to end on its generated recording with an in-process broker: prints what an MQTT subscriber
    // (Home Assistant) receives and fails unless both the smoke alarm and the glass break arrived.
    DotNetExecute(cliDll, new ProcessArgumentBuilder().Append("demo"));
});

Task("__PublishPackages")
    .Does(() =>
{
    // NativeAOT: one native executable, no .NET install, no JIT. Against the ReadyToRun build it replaced, on the
    // same machine in one sitting: steady RSS 55-56 MB instead of 86 MB (`audioedge bench`), the daemon 60 MB
    // instead of 104 MB, first score in half the time (benchmarks/README.md). The trim and AOT analyzers run on
    // src/ in every build (src/Directory.Build.props), so what would break here fails the ordinary build first.
    // Cross-compiling linux-arm64 on x64 needs clang, lld and Debian's arm64 libc/libstdc++ dev packages
    // (tools/setup-debian.sh); the linker choice is in AudioEdge.Cli.csproj.
    foreach (var rid in packageArchitectures.Values)
    {
        var output = packagePublishDir.Combine(rid);
        CleanDirectory(output);
        DotNetPublish(cliProject.FullPath, new DotNetPublishSettings
        {
            Configuration = configuration,
            Runtime = rid,
            SelfContained = true,
            MSBuildSettings = new DotNetMSBuildSettings().WithProperty("PublishAot", "true"),
            OutputDirectory = output,
        });
    }
});

Task("__BuildDebs")
    .Does(() =>
{
    EnsureDirectoryExists(packageDir);
    foreach (var old in GetFiles(packageDir.FullPath + "/audioedge_*.deb"))
    {
        DeleteFile(old);
    }

    debFiles.Clear();
    foreach (var (arch, rid) in packageArchitectures)
    {
        var args = new ProcessArgumentBuilder()
            .AppendQuoted(buildDebScript.FullPath)
            .Append("--publish").AppendQuoted(packagePublishDir.Combine(rid).FullPath)
            .Append("--arch").Append(arch)
            .Append("--version").AppendQuoted(packageVersion)
            .Append("--out").AppendQuoted(packageDir.FullPath)
            .Append("--level").Append(debCompressionLevel.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var exitCode = StartProcess("bash", new ProcessSettings { Arguments = args });
        if (exitCode != 0)
        {
            throw new CakeException($"build-deb.sh failed for {arch} (exit {exitCode})");
        }

        var deb = packageDir.CombineWithFilePath($"audioedge_{packageVersion}_{arch}.deb");
        debFiles.Add(deb);
        Information("{0}", $"package: {deb.FullPath} ({new FileInfo(deb.FullPath).Length / 1e6:F1} MB, xz -{debCompressionLevel})");
    }
});

Task("__LintDebs")
    .Does(() =>
{
    // Errors and warnings fail the build; informational tags and the package's overrides are explained in
    // tools/packaging/lintian-notes.md.
    var args = new ProcessArgumentBuilder().Append("--fail-on").Append("error,warning").Append("--info");
    foreach (var deb in debFiles)
    {
        args.AppendQuoted(deb.FullPath);
    }

    var exitCode = StartProcess("lintian", new ProcessSettings { Arguments = args });
    if (exitCode != 0)
    {
        throw new CakeException($"lintian found errors or warnings (exit {exitCode})");
    }

    Information("{0}", "lintian: no errors or warnings");
});

Task("__TestPackages")
    .Does(() =>
{
    DotNetBuild(packagingTestProject.FullPath, new DotNetBuildSettings { Configuration = configuration });
    RunDotNetTest("packages", packagingTestProject.FullPath, DotNetTestPathType.Project, filter: null,
        new Dictionary<string, string>
        {
            ["AUDIOEDGE_PACKAGE_DIR"] = packageDir.FullPath,
            ["AUDIOEDGE_PACKAGE_VERSION"] = packageVersion,
        },
        allowEmptyModules: false, requireTests: true);
});

//////////////////////////////////////////////////////////////////////
// PUBLIC TARGETS
//////////////////////////////////////////////////////////////////////

Task("Clean")
    .Description("Deletes artifacts/ and every bin/ and obj/.")
    .IsDependentOn("__Clean");

Task("Restore")
    .Description("Restores NuGet packages for AudioEdge.sln.")
    .IsDependentOn("__Restore");

Task("Build")
    .Description("Builds AudioEdge.sln (Release by default).")
    .IsDependentOn("__Restore")
    .IsDependentOn("__Build");

Task("Test")
    .Description("Build, then x64 tests: all tests, and the FrontEnd tests again on the scalar and Vector128 paths.")
    .IsDependentOn("__Restore")
    .IsDependentOn("__Build")
    .IsDependentOn("__BuildIsaProbe")
    .IsDependentOn("__TestX64")
    .IsDependentOn("__TestX64FrontEndVariants")
    .IsDependentOn("__TestTrainingPython")
    .IsDependentOn("__TestSummary");

Task("TestArm64")
    .Description("Publishes the FrontEnd test projects for linux-arm64 and runs them under qemu-aarch64 (AdvSimd).")
    .IsDependentOn("__PublishArm64Tests")
    .IsDependentOn("__TestArm64")
    .IsDependentOn("__TestSummary");

Task("TestAll")
    .Description("Build + Test + TestArm64 + the package tests (TestPackages): what CI runs.")
    .IsDependentOn("__Restore")
    .IsDependentOn("__Build")
    .IsDependentOn("__BuildIsaProbe")
    .IsDependentOn("__TestX64")
    .IsDependentOn("__TestX64FrontEndVariants")
    .IsDependentOn("__TestTrainingPython")
    .IsDependentOn("__PublishArm64Tests")
    .IsDependentOn("__TestArm64")
    .IsDependentOn("__PublishPackages")
    .IsDependentOn("__BuildDebs")
    .IsDependentOn("__TestPackages")
    .IsDependentOn("__TestSummary");

Task("Package")
    .Description("Builds audioedge_<version>_amd64.deb and _arm64.deb into artifacts/package/ and runs lintian on both.")
    .IsDependentOn("__Restore")
    .IsDependentOn("__PublishPackages")
    .IsDependentOn("__BuildDebs")
    .IsDependentOn("__LintDebs");

Task("TestPackages")
    .Description("Builds both packages, then tests them: contents, install/upgrade/remove/purge, arm64 under qemu equal to amd64.")
    .IsDependentOn("__Restore")
    .IsDependentOn("__PublishPackages")
    .IsDependentOn("__BuildDebs")
    .IsDependentOn("__TestPackages")
    .IsDependentOn("__TestSummary");

Task("Bench")
    .Description("Runs the BenchmarkDotNet suite in Release (--bench-filter, --bench-args).")
    .IsDependentOn("__Restore")
    .IsDependentOn("__Build")
    .IsDependentOn("__Bench");

Task("Publish")
    .Description("Publishes the self-contained audioedge CLI for linux-x64 and linux-arm64 into artifacts/publish/<rid>/.")
    .IsDependentOn("__Publish");

Task("Sample")
    .Description("Synthesises a T3 smoke alarm in noise, computes its features, draws its spectrogram into artifacts/sample/ and classifies it.")
    .IsDependentOn("__Restore")
    .IsDependentOn("__Build")
    .IsDependentOn("__Sample");

Task("Demo")
    .Description("The README's main job: audioedge demo (the daemon on a generated recording, in-process MQTT broker).")
    .IsDependentOn("__Restore")
    .IsDependentOn("__Build")
    .IsDependentOn("__Demo");

Task("Default")
    .Description("Build + Test.")
    .IsDependentOn("Test");

//////////////////////////////////////////////////////////////////////
// EXECUTION
//////////////////////////////////////////////////////////////////////

RunTarget(target);

// Printed after Cake's task report, so that a green test run closes with the summary line.
if (testSummaryLine is not null)
{
    Console.WriteLine(testSummaryLine);
}

//////////////////////////////////////////////////////////////////////
// TYPES
//////////////////////////////////////////////////////////////////////

public sealed record IsaVariant(string Name, Dictionary<string, string> Environment, string[] Expectations);

public sealed class TestRun
{
    public TestRun(string name, int exitCode, bool requireTests)
    {
        Name = name;
        ExitCode = exitCode;
        RequireTests = requireTests;
    }

    public string Name { get; }
    public int ExitCode { get; }
    public bool RequireTests { get; }
    public int Reports { get; set; }
    public int Passed { get; set; }
    public int Failed { get; set; }
    public int Skipped { get; set; }

    // Exit codes: https://aka.ms/testingplatform/exitcodes (2 = a test failed, 3 = timed out, 8 = no test ran).
    public string Problem =>
        ExitCode == 8 ? "no test ran (exit code 8)"
        : ExitCode == 3 ? "timed out or aborted (exit code 3)"
        : ExitCode != 0 ? $"exit code {ExitCode}"
        : Failed > 0 ? $"{Failed} failed"
        : RequireTests && Passed == 0 ? "no test ran"
        : null;

    public string Describe() =>
        $"passed={Passed} failed={Failed} skipped={Skipped} reports={Reports} exit={ExitCode}"
        + (Problem is null ? string.Empty : $"  <-- {Problem}");
}
