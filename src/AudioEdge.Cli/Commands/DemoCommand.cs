using System.CommandLine;
using System.Text.Json;
using AudioEdge.Audio;
using AudioEdge.Audio.Wav;
using AudioEdge.Cli.Demo;
using AudioEdge.Daemon;
using AudioEdge.Daemon.Configuration;
using AudioEdge.Daemon.Demo;
using AudioEdge.Daemon.Services;
using AudioEdge.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Cli.Commands;

/// <summary>
/// <c>audioedge demo</c>: the whole daemon — file source, detector with the shipped model, durable outbox, MQTT
/// forwarder, Home Assistant discovery, telemetry — over a recording the program generates (a temporal-3 smoke
/// alarm and a glass break in household noise), with an MQTT broker inside the process, printing what a
/// subscriber sees. Needs no microphone, broker or data. Exit 0 only when both events arrived.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output)
    {
        var realTime = new Option<bool>("--real-time") { Description = "Play the 24 s recording at real time, as a microphone would deliver it (default: as fast as it goes)." };
        var save = new Option<string?>("--save-recording") { Description = "Also write the demo recording to this WAV file (to listen to it, or to feed 'audioedge classify')." };
        var verbose = new Option<bool>("--verbose") { Description = "Show the daemon's log (stderr), not just warnings." };
        var command = new Command("demo", "Run the daemon on a generated recording with an in-process MQTT broker and print what a subscriber receives.") { realTime, save, verbose };
        command.SetAction((parse, cancellationToken) => RunAsync(output, parse.GetValue(realTime), parse.GetValue(save), parse.GetValue(verbose), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(TextWriter output, bool realTime, string? savePath, bool verbose, CancellationToken cancellationToken)
    {
        string work = Directory.CreateTempSubdirectory("audioedge-demo-").FullName;
        try
        {
            float[] recording = DemoRecording.Generate();
            string wav = Path.Combine(work, "demo.wav");
            WavWriter.WriteFile(wav, recording, AudioSource.TargetSampleRate);
            if (savePath is not null)
            {
                AtomicFile.CheckWritable(savePath);
                AtomicFile.Write(savePath, temporary => File.Copy(wav, temporary, overwrite: true));
            }

            await using DemoBroker broker = await DemoBroker.StartAsync().ConfigureAwait(false);
            output.WriteLine($"AudioEdge demo: {DemoRecording.Seconds:F0} s generated recording (temporal-3 smoke alarm {DemoRecording.AlarmStart:F0}-{DemoRecording.AlarmEnd:F0} s, "
                + $"glass break at {DemoRecording.GlassStart:F0} s, household noise), in-process MQTT broker on 127.0.0.1:{broker.Port}.");
            output.WriteLine("A subscriber to '#' receives:");
            await using DemoSubscriber subscriber = await DemoSubscriber.ConnectAsync(broker.Port, output, cancellationToken).ConfigureAwait(false);

            var options = new DaemonOptions();
            options.Device.Id = "demo";
            options.Device.Name = "AudioEdge demo";
            options.Audio.Source = AudioSourceKind.File;
            options.Audio.File = wav;
            options.Audio.RealTime = realTime;
            options.Mqtt.Host = "127.0.0.1";
            options.Mqtt.Port = broker.Port;
            options.Outbox.Path = Path.Combine(work, "outbox.db");
            IReadOnlyList<string> problems = options.Validate();
            if (problems.Count > 0)
            {
                throw new CliException(ExitCodes.Config, string.Join("; ", problems));
            }

            IHost host;
            try
            {
                host = DaemonHost.Build(options, logging => logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning));
            }
            catch (DaemonConfigurationException ex)
            {
                throw new CliException(ExitCodes.Config, string.Join("; ", ex.Problems));
            }

            using (host)
            {
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
                var health = host.Services.GetRequiredService<DaemonHealth>();
                CancellationToken stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                while (!health.AudioEnded && !stopping.IsCancellationRequested)
                {
                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                }

                if (!health.AudioEnded)
                {
                    await host.StopAsync(cancellationToken).ConfigureAwait(false);
                    throw new CliException(ExitCodes.Software, "the daemon stopped before the end of the recording (see the log above)");
                }

                // Events first; the stop then sends the telemetry report of the run's 24 s (a device sends one every
                // 5 minutes) and the offline message.
                var outbox = host.Services.GetRequiredService<DurableOutbox>();
                DateTime deadline = DateTime.UtcNow.AddSeconds(10);
                while (outbox.Counts is { } c && c.Alarm + c.State + c.Telemetry > 0 && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                }

                await host.StopAsync(cancellationToken).ConfigureAwait(false);
            }

            // Let the last messages (offline) reach the subscriber before the summary.
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            return Summarise(output, subscriber);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }

    private static int Summarise(TextWriter output, DemoSubscriber subscriber)
    {
        var labels = new List<string>();
        foreach ((string topic, string payload) in subscriber.Messages)
        {
            if (topic.EndsWith("/event", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(payload);
                labels.Add(json.RootElement.GetProperty("label").GetString() ?? "?");
            }
        }

        int discovery = subscriber.Messages.Count(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal));
        int telemetry = subscriber.Messages.Count(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal));
        output.WriteLine();
        output.WriteLine($"Summary: {subscriber.Messages.Count} messages: {discovery} discovery, {labels.Count} event(s) [{string.Join(", ", labels)}], {telemetry} telemetry.");
        bool complete = labels.Contains("smoke_alarm") && labels.Contains("glass_break");
        if (!complete)
        {
            throw new CliException(ExitCodes.Software, "the demo did not produce both a smoke_alarm and a glass_break event");
        }

        return ExitCodes.Success;
    }
}
