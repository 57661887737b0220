using System.CommandLine;
using AudioEdge.Audio.Alsa;
using Microsoft.Extensions.Logging.Abstractions;

namespace AudioEdge.Cli.Commands;

/// <summary><c>audioedge devices</c>: the ALSA PCMs that can capture, by the names the configuration accepts.</summary>
internal static class DevicesCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("devices", "List ALSA capture devices (names usable as the capture device, e.g. plughw:CARD=...,DEV=0).");
        command.SetAction(_ =>
        {
            IReadOnlyList<AlsaDeviceInfo> devices;
            try
            {
                // libasound prints its own "ALSA lib ..." lines to stderr for odd configuration entries; they are
                // noise next to our one-line errors, so they go nowhere here.
                AlsaLibraryLog.RedirectTo(NullLogger.Instance);
                devices = AlsaDeviceList.GetCaptureDevices();
            }
            catch (AlsaException ex)
            {
                throw new CliException(ExitCodes.Unavailable, ex.Message);
            }

            if (devices.Count == 0)
            {
                output.WriteLine("No ALSA capture devices found (no sound card with a capture PCM, and none defined in the ALSA configuration).");
                return ExitCodes.Success;
            }

            int width = devices.Max(d => d.Name.Length);
            foreach (AlsaDeviceInfo device in devices)
            {
                // ALSA descriptions span lines (card, then device): fold them into one line per device.
                string description = string.Join(" — ", device.Description.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                output.WriteLine($"{device.Name.PadRight(width)}  {description}".TrimEnd());
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
