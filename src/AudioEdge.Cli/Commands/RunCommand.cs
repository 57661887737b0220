using System.CommandLine;
using AudioEdge.Daemon;
using AudioEdge.Daemon.Configuration;
using Microsoft.Extensions.Hosting;

namespace AudioEdge.Cli.Commands;

/// <summary>
/// <c>audioedge run</c>: the device daemon (what the systemd unit starts). Configuration from
/// <c>/etc/audioedge/audioedge.json</c> (or <c>--config</c>), <c>AUDIOEDGE__SECTION__KEY</c> environment variables and
/// <c>--set Section:Key=value</c>, later ones winning. Every configuration problem is reported at once, one line
/// each, with exit code 78 (EX_CONFIG), which the unit's <c>RestartPreventExitStatus=78</c> keeps from a restart loop.
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<string?>("--config", "-c") { Description = $"Configuration file (default: {DaemonConfiguration.DefaultFile} when it exists)." };
        var set = new Option<string[]>("--set") { Description = "Override one setting, e.g. --set Mqtt:Host=broker.lan (repeatable).", AllowMultipleArgumentsPerToken = false };
        var check = new Option<bool>("--check") { Description = "Validate the configuration, the model and the state directory, then exit (0 when usable)." };
        var command = new Command("run", "Run the detector daemon: listen, detect, publish events over MQTT.") { config, set, check };
        command.SetAction(parse =>
        {
            DaemonOptions options;
            IHost host;
            try
            {
                options = DaemonConfiguration.Bind(DaemonConfiguration.Build(parse.GetValue(config), parse.GetValue(set) ?? []));
                host = DaemonHost.Build(options);
            }
            catch (DaemonConfigurationException ex)
            {
                foreach (string problem in ex.Problems)
                {
                    error.WriteLine($"audioedge: configuration: {problem}");
                }

                return ExitCodes.Config;
            }

            using (host)
            {
                if (parse.GetValue(check))
                {
                    output.WriteLine($"configuration ok: device {options.Device.Id}, audio {options.Audio.Source}, broker {options.Mqtt.Host}:{options.Mqtt.Port}, outbox {options.Outbox.Path}");
                    return ExitCodes.Success;
                }

                host.Run();
            }

            // A service that could not go on (e.g. an audio file that cannot be read) set the process exit code.
            return Environment.ExitCode;
        });
        return command;
    }
}
