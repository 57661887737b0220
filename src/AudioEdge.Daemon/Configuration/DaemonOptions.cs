using AudioEdge.EventStore;
using AudioEdge.Gpio;
using AudioEdge.Mqtt;
using AudioEdge.Telemetry;

namespace AudioEdge.Daemon.Configuration;

/// <summary>
/// Everything <c>audioedge run</c> reads from <c>/etc/audioedge/audioedge.json</c>, <c>AUDIOEDGE__…</c> environment
/// variables and <c>--set Section:Key=value</c>; one property per top-level section. README "Configuration" lists
/// every key with its default.
/// </summary>
public sealed class DaemonOptions
{
    /// <summary>Identity: id and name.</summary>
    public DeviceOptions Device { get; set; } = new();

    /// <summary>The audio source.</summary>
    public AudioInputOptions Audio { get; set; } = new();

    /// <summary>The model package.</summary>
    public ModelOptions Model { get; set; } = new();

    /// <summary>The broker and topics.</summary>
    public MqttOptions Mqtt { get; set; } = new();

    /// <summary>The durable outbox (store-and-forward queue).</summary>
    public OutboxOptions Outbox { get; set; } = new() { Path = DefaultOutboxPath() };

    /// <summary>Periodic privacy-preserving telemetry.</summary>
    public TelemetryOptions Telemetry { get; set; } = new();

    /// <summary>Alarm output pin and hush/self-test button.</summary>
    public GpioOptions Gpio { get; set; } = new();

    /// <summary>Prometheus endpoint.</summary>
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>Hush behaviour.</summary>
    public HushOptions Hush { get; set; } = new();

    /// <summary>Every problem of every section at once, one line each, so a misconfigured device needs one fix-up round, not ten.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Device.Validate());
        errors.AddRange(Audio.Validate());
        errors.AddRange(Model.Validate());
        errors.AddRange(Mqtt.Validate());
        errors.AddRange(Outbox.Validate());
        errors.AddRange(Telemetry.Validate());
        errors.AddRange(Gpio.Validate());
        errors.AddRange(Metrics.Validate());
        errors.AddRange(Hush.Validate());
        return errors;
    }

    /// <summary>
    /// systemd's <c>StateDirectory=audioedge</c> sets <c>STATE_DIRECTORY</c>; without it (a manual run) the same
    /// place by convention.
    /// </summary>
    private static string DefaultOutboxPath()
    {
        string? state = Environment.GetEnvironmentVariable("STATE_DIRECTORY");
        string directory = string.IsNullOrEmpty(state) ? "/var/lib/audioedge" : state.Split(':')[0];
        return Path.Combine(directory, "outbox.db");
    }
}
