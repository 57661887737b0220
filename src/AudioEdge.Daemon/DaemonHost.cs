using AudioEdge.Daemon.Commands;
using AudioEdge.Daemon.Configuration;
using AudioEdge.Daemon.Diagnostics;
using AudioEdge.Daemon.Events;
using AudioEdge.Daemon.Services;
using AudioEdge.Detection;
using AudioEdge.EventStore;
using AudioEdge.Inference;
using AudioEdge.Mqtt;
using AudioEdge.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AudioEdge.Daemon;

/// <summary>
/// Builds the daemon: validated options in, a generic host out, with systemd integration (<c>Type=notify</c>: READY
/// once every service has started, STOPPING on SIGTERM, the journal's log format) and the services in the order
/// they must stop (reverse of registration): detection first, the MQTT forwarder last.
/// </summary>
public static class DaemonHost
{
    /// <summary>
    /// Opens the outbox and verifies the model before anything starts, so that a bad model or an unwritable state
    /// directory is a configuration error at start (exit 78), not a crash loop later.
    /// </summary>
    /// <param name="options">Bound and validated options (<see cref="DaemonConfiguration.Bind"/>).</param>
    /// <param name="configureLogging">Extra logging set-up (tests capture logs); console on stderr otherwise.</param>
    /// <param name="configureServices">Last word on services (tests replace the GPIO driver or the clock).</param>
    /// <exception cref="DaemonConfigurationException">The model or the outbox cannot be used.</exception>
    public static IHost Build(DaemonOptions options, Action<ILoggingBuilder>? configureLogging = null, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        LoadedModel model;
        try
        {
            model = LoadedModel.Load(options.Model);
        }
        catch (ModelLoadException ex)
        {
            throw new DaemonConfigurationException("Model: " + ex.Message);
        }

        DurableOutbox outbox;
        try
        {
            outbox = DurableOutbox.Open(options.Outbox);
        }
        catch (OutboxException ex)
        {
            throw new DaemonConfigurationException("Outbox: " + ex.Message);
        }

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSystemd();
        ConfigureLogging(builder.Logging);
        configureLogging?.Invoke(builder.Logging);

        IServiceCollection services = builder.Services;
        services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = TimeSpan.FromSeconds(15);
            // A crashed background service must stop the process (systemd restarts it), not leave a deaf daemon running.
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        services.AddSingleton(options);
        services.AddSingleton(model);
        // A factory, not the instance: the container disposes what it creates, so a clean stop closes the database
        // (SQLite checkpoints the WAL into outbox.db and removes it) after every service has stopped.
        services.AddSingleton(_ => outbox);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new DeviceIdentity(options.Device.Id, options.Device.DisplayName, "AudioEdge listener", DaemonVersion.Current));
        services.AddSingleton(new MqttTopics(options.Mqtt.TopicPrefix, options.Device.Id));
        services.AddSingleton<DaemonMetrics>();
        services.AddSingleton<DaemonHealth>();
        services.AddSingleton<StreamClock>();
        services.AddSingleton<HushState>();
        services.AddSingleton(sp => new TelemetryAggregator(
            options.Device.Id, model.Package.Name, model.Package.Manifest.Labels, [EventLabels.SmokeAlarm, EventLabels.CoAlarm, EventLabels.GlassBreak],
            options.Telemetry, sp.GetRequiredService<TimeProvider>().GetUtcNow(), new SystemStatsReader(timeProvider: sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<AlarmEventPublisher>(sp => new AlarmEventPublisher(
            sp.GetRequiredService<DurableOutbox>(), sp.GetRequiredService<MqttTopics>(), options.Device.Id, sp.GetRequiredService<StreamClock>(),
            sp.GetRequiredService<HushState>(), sp.GetRequiredService<IAlarmOutput>(), sp.GetRequiredService<DaemonMetrics>(),
            sp.GetRequiredService<TelemetryAggregator>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AlarmEventPublisher>>()));
        services.AddSingleton<GpioHardware>();
        services.AddSingleton<IAlarmOutput>(sp => sp.GetRequiredService<GpioHardware>().Output);
        services.AddSingleton<SelfTestRunner>();
        services.AddSingleton<DeviceCommandHandler>();
        services.AddSingleton(sp => new MqttForwarder(
            options.Mqtt, sp.GetRequiredService<DeviceIdentity>(), sp.GetRequiredService<DurableOutbox>(),
            sp.GetRequiredService<DeviceCommandHandler>().HandleAsync, sp.GetRequiredService<ILogger<MqttForwarder>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DetectionService>();
        services.AddSingleton<TelemetryService>();

        // Start order = registration order; stop order is the reverse.
        services.AddHostedService<ForwarderService>();
        services.AddHostedService<MetricsService>();
        services.AddHostedService<HealthService>(sp => new HealthService(
            sp.GetRequiredService<DaemonHealth>(), sp.GetRequiredService<DurableOutbox>(), sp.GetRequiredService<MqttTopics>(),
            sp.GetRequiredService<MqttForwarder>(), sp.GetRequiredService<DaemonMetrics>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HealthService>>(), SystemdHelpers.IsSystemdService() ? sp.GetService<ISystemdNotifier>() : null));
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryService>());
        services.AddHostedService<GpioButtonService>();
        services.AddHostedService(sp => sp.GetRequiredService<DetectionService>());
        configureServices?.Invoke(services);
        return builder.Build();
    }

    /// <summary>
    /// One line per message on stderr (stdout belongs to the demo's subscriber view); under systemd the
    /// <c>&lt;N&gt;</c> priority prefixes that journald turns into levels (AddSystemd selects that formatter).
    /// </summary>
    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (!SystemdHelpers.IsSystemdService())
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }
    }
}
