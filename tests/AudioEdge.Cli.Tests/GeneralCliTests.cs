using System.Diagnostics;

namespace AudioEdge.Cli.Tests;

[TestFixture]
public sealed class GeneralCliTests
{
    [TestCase("--help")]
    [TestCase("features", "--help")]
    [TestCase("spectrogram", "--help")]
    [TestCase("devices", "--help")]
    [TestCase("synth", "--help")]
    public void Help_is_everywhere(params string[] args)
    {
        CliRun run = CliRun.Invoke(args);
        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Output, Does.Contain("Usage:"));
    }

    [Test]
    public void An_unknown_command_is_a_usage_error_without_the_whole_help_text()
    {
        CliRun run = CliRun.Invoke("classify-everything");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain("classify-everything"));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void Devices_lists_alsas_capture_pcms()
    {
        // ALSA's stock configuration always defines the 'null' PCM, sound card or not.
        CliRun run = CliRun.Invoke("devices");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Does.Match(@"(?m)^null\s"));
    }

    [Test]
    public void Synth_is_reproducible_and_validates_its_options()
    {
        using var dir = new TempDirectory();
        CliRun.Invoke("synth", "t3", "-o", dir.File("a.wav"), "--seconds", "1", "--seed", "7");
        CliRun.Invoke("synth", "t3", "-o", dir.File("b.wav"), "--seconds", "1", "--seed", "7");
        Assert.That(File.ReadAllBytes(dir.File("a.wav")), Is.EqualTo(File.ReadAllBytes(dir.File("b.wav"))));

        Assert.That(CliRun.Invoke("synth", "t3", "-o", dir.File("c.wav"), "--seconds", "0").ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(CliRun.Invoke("synth", "siren", "-o", dir.File("c.wav")).ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(File.Exists(dir.File("c.wav")), Is.False);
    }

    /// <summary>The real process: exit code and a one-line stderr, as a shell script sees them.</summary>
    [Test]
    public void As_a_process_bad_input_gives_one_line_and_a_non_zero_exit()
    {
        using var dir = new TempDirectory();
        string bad = dir.File("truncated.wav");
        File.WriteAllBytes(bad, "RIFF\x24\0\0\0WAVEfmt "u8.ToArray());
        string cli = Path.Combine(TestContext.CurrentContext.TestDirectory, "audioedge.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { cli, "features", bad, "-o", dir.File("out.npy") })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(30_000), Is.True);

        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.DataError), stderr);
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), stderr);
        Assert.That(stderr, Does.StartWith("audioedge: "));
        Assert.That(stdout, Is.Empty);
        Assert.That(dir.Files(), Is.EquivalentTo(new[] { "truncated.wav" }));
    }
}
