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
        string program = Path.Combine(Packages.Extracted("amd64"), "usr", "lib", "audioedge", "audioedge");
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

    [GeneratedRegex(@"Overall exposure level for audioedge\.service: ([0-9.]+) (\S+)")]
    private static partial Regex Exposure();
}
