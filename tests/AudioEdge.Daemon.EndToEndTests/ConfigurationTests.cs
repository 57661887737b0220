using System.Text.Json;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// Configuration as the process reports it: every problem at once, one line each, exit code 78 (EX_CONFIG, which
/// the systemd unit keeps from a restart loop), no stack trace; <c>--check</c> says yes to a usable configuration.
/// </summary>
[TestFixture]
public sealed class ConfigurationTests
{
    private const int ExConfig = 78;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Every_problem_of_a_bad_configuration_is_reported_in_one_run_with_exit_code_78()
    {
        using var scratch = new ScratchDirectory();
        using DaemonProcess run = DaemonProcess.Start(
            ["run", "--set", $"Outbox:Path={scratch.File("outbox.db")}", "--set", "Mqtt:Port=0", "--set", "Device:Id=bad id!", "--set", "Telemetry:Epsilon=0"],
            scratch.Path);

        int exitCode = await run.WaitForExitAsync(Timeout);

        string[] lines = [.. run.ErrorLines.Select(l => l.Text).Where(l => l.Length > 0)];
        Assert.That(exitCode, Is.EqualTo(ExConfig), run.Error);
        Assert.That(lines, Has.Length.EqualTo(3), "one line per problem, nothing else");
        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.All.StartWith("audioedge: configuration: "));
            Assert.That(lines, Has.One.Contains("Mqtt:Port").And.Contains("was 0"));
            Assert.That(lines, Has.One.Contains("Device:Id").And.Contains("bad id!"));
            Assert.That(lines, Has.One.Contains("Telemetry:Epsilon"));
            Assert.That(run.Error, Does.Not.Contain("Exception").And.Not.Contain("   at "), "no stack trace");
            Assert.That(run.Output, Is.Empty);
            Assert.That(Directory.EnumerateFiles(scratch.Path), Is.Empty, "nothing started, nothing written");
        });
    }

    [TestCase("Mqtt:Hots=broker.lan", "Hots")]
    [TestCase("Mqqt:Host=broker.lan", "Mqqt")]
    public async Task An_unknown_key_is_a_configuration_error_not_a_silently_kept_default(string setting, string misspelt)
    {
        using var scratch = new ScratchDirectory();
        using DaemonProcess run = DaemonProcess.Start(["run", "--set", $"Outbox:Path={scratch.File("outbox.db")}", "--set", setting], scratch.Path);

        int exitCode = await run.WaitForExitAsync(Timeout);

        Assert.That(exitCode, Is.EqualTo(ExConfig), run.Error);
        Assert.That(run.Error, Does.StartWith("audioedge: configuration: ").And.Contain(misspelt));
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task Check_accepts_a_good_configuration_from_file_environment_and_command_line()
    {
        using var scratch = new ScratchDirectory();
        string audio = TestAudio.SilentWav(scratch.File("silence.wav"), 1);
        string config = scratch.File("audioedge.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Device = new { Id = "from-file" },
            Audio = new { Source = "File", File = audio },
            Mqtt = new { Host = "broker.example", Port = 8883 },
            Outbox = new { Path = scratch.File("state/outbox.db") },
        }));
        Directory.CreateDirectory(scratch.File("state"));

        using DaemonProcess run = DaemonProcess.Start(
            ["run", "--config", config, "--check", "--set", "Mqtt:Port=1884"],
            scratch.Path,
            new Dictionary<string, string> { ["AUDIOEDGE__DEVICE__ID"] = "from-env" });
        int exitCode = await run.WaitForExitAsync(Timeout);

        Assert.That(exitCode, Is.Zero, run.Error);
        // Later sources win: the environment over the file, the command line over both.
        Assert.That(run.Output, Does.Contain("configuration ok").And.Contain("device from-env").And.Contain("broker broker.example:1884"));
    }
}
