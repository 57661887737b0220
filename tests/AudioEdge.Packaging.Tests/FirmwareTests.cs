using System.Globalization;
using System.Text.RegularExpressions;

namespace AudioEdge.Packaging.Tests;

/// <summary>The firmware files themselves: the unit's hardening as systemd scores it, the ALSA definitions, the default configuration.</summary>
[TestFixture]
public sealed partial class FirmwareTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    private static string Unit => Path.Combine(Packages.Firmware, "audioedge.service");

    [Test]
    public void UnitDeclaresNotifyWatchdogRestartPolicyUserAndDirectories()
    {
        string[] lines = File.ReadAllLines(Unit);
        foreach (string directive in new[]
        {
            "Type=notify", "NotifyAccess=main", "WatchdogSec=30", "Restart=on-failure", "RestartPreventExitStatus=78",
            "User=audioedge", "SupplementaryGroups=audio", "StateDirectory=audioedge", "ConfigurationDirectory=audioedge",
            "ExecStart=/usr/lib/audioedge/audioedge run", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
            "NoNewPrivileges=yes", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", "DevicePolicy=closed",
            "DeviceAllow=char-alsa rw", "DeviceAllow=char-gpiochip rw", "WantedBy=multi-user.target",
        })
        {
            Assert.That(lines, Does.Contain(directive));
        }
    }

    [Test]
    public void SystemdRatesTheUnitsExposureOk()
    {
        // systemd-analyze security --offline (systemd >= 250) reads the unit file without a running systemd.
        ToolResult result = Tool.Check("systemd-analyze", ["security", "--offline=true", "--no-pager", Unit], Timeout);
        Match m = Exposure().Match(result.Output);
        Assert.That(m.Success, Is.True, result.Describe());
        double exposure = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        TestContext.Out.WriteLine($"systemd-analyze security: exposure {exposure} ({m.Groups[2].Value})");
        // 0 = fully locked down, 10 = unprotected; systemd calls < 4 "OK". 3.1 when this was written.
        Assert.That(exposure, Is.LessThan(4.0), result.Output);
    }

    [Test]
    public void AlsaDefinitionsParseAndNameTheConfiguredCard()
    {
        string conf = Path.Combine(Packages.Firmware, "alsa", "50-audioedge.conf");
        var environment = new Dictionary<string, string> { ["ALSA_CONFIG_PATH"] = "/usr/share/alsa/alsa.conf:" + conf };
        ToolResult list = Tool.Check("arecord", ["-L"], Timeout, environment: environment);
        Assert.That(list.Output, Does.Contain("audioedge_mic").And.Contain("audioedge_mic_boost"));

        // No I2S card here: opening must fail on the missing card (proving the definition resolves down to the hw
        // card), not on a syntax error; AUDIOEDGE_ALSA_CARD picks another card.
        ToolResult open = Tool.Run("arecord", ["-D", "audioedge_mic", "-d", "1", "-f", "S32_LE", "-r", "48000", "-c", "2", "/dev/null"], Timeout, environment: environment);
        Assert.That(open.Error, Does.Contain("sndrpigooglevoi"), open.Describe());
        environment["AUDIOEDGE_ALSA_CARD"] = "mymic";
        open = Tool.Run("arecord", ["-D", "audioedge_mic_boost", "-d", "1", "/dev/null"], Timeout, environment: environment);
        Assert.That(open.Error, Does.Contain("mymic"), open.Describe());
    }

    [Test]
    public void DefaultConfigurationPassesTheDaemonsCheck()
    {
        string program = Packages.Program("amd64");
        string state = Path.Combine(Path.GetTempPath(), $"audioedge-state-{Environment.ProcessId}");
        Directory.CreateDirectory(state);
        try
        {
            ToolResult check = Tool.Check(program, ["run", "--config", Path.Combine(Packages.Firmware, "audioedge.json"), "--check"], Timeout,
                environment: new Dictionary<string, string> { ["STATE_DIRECTORY"] = state });
            Assert.That(check.Output, Does.Contain("configuration ok").And.Contain("audio Alsa").And.Contain(Path.Combine(state, "outbox.db")));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Test]
    public void PackagedProgramLeavesNoTraceInHomeOrTemp()
    {
        // ONNX Runtime 1.31's telemetry client writes ~/.cache/Microsoft/DeveloperTools/.onnxruntime/ (a device id and
        // an event store for upload) and a session id in TMPDIR unless it is switched off before initialisation;
        // the packaged program must switch it off, and score a recording without writing anything but its output.
        string program = Packages.Program("amd64");
        string scratch = Path.Combine(Path.GetTempPath(), $"audioedge-trace-{Environment.ProcessId}");
        string home = Path.Combine(scratch, "home"), temp = Path.Combine(scratch, "tmp"), wav = Path.Combine(scratch, "t3.wav");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(temp);
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["TMPDIR"] = temp, ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache") };
        try
        {
            Tool.Check(program, ["synth", "t3", "-o", wav], Timeout, environment: environment);
            ToolResult classify = Tool.Check(program, ["classify", "--format", "jsonl", wav], Timeout, environment: environment);
            Assert.That(classify.Output, Does.Contain("\"smoke_alarm\""), "a real session scored the recording");
            Assert.That(Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFileSystemEntries(temp, "*", SearchOption.AllDirectories)), Is.Empty);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Test]
    public void PackagedProgramNamesEveryConfigurationMistake()
    {
        // The configuration check reflects over the option types; in a trimmed NativeAOT build whose types lost their
        // properties every key would be "unknown" and nothing else reported. The packaged program must judge a bad
        // file exactly as the tested build does: unknown keys at every depth, wrong types, bad enum values, exit 78.
        string program = Packages.Program("amd64");
        string config = Path.Combine(Path.GetTempPath(), $"audioedge-bad-config-{Environment.ProcessId}.json");
        File.WriteAllText(config, """
            {
              "Mqtt": { "Hots": "broker", "Port": "abc", "Tls": { "Enabled": "maybe", "Bogus": 1 } },
              "Audio": { "Source": "Nope", "Alsa": { "Channels": "two" } },
              "Telemetry": { "IntervalSeconds": "" },
              "Foo": {}
            }
            """);
        try
        {
            ToolResult check = Tool.Run(program, ["run", "--config", config, "--check"], Timeout);
            Assert.That(check.ExitCode, Is.EqualTo(78), check.Describe());
            string[] expected =
            [
                "unknown configuration section 'Foo'",
                "unknown configuration key 'Mqtt:Hots'",
                "unknown configuration key 'Mqtt:Tls:Bogus'",
                "Mqtt:Port must be a whole number (was 'abc')",
                "Mqtt:Tls:Enabled must be true or false (was 'maybe')",
                "Audio:Source must be one of Alsa, File (was 'Nope')",
                "Audio:Alsa:Channels must be a whole number (was 'two')",
                "Telemetry:IntervalSeconds must be a whole number (was '')",
            ];
            Assert.Multiple(() =>
            {
                foreach (string problem in expected)
                {
                    Assert.That(check.Error, Does.Contain(problem), check.Describe());
                }

                Assert.That(check.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(expected.Length), "one line per problem, nothing else");
            });
        }
        finally
        {
            File.Delete(config);
        }
    }

    [GeneratedRegex(@"Overall exposure level for audioedge\.service: ([0-9.]+) (\S+)")]
    private static partial Regex Exposure();
}
