using System.Globalization;

namespace AudioEdge.Mqtt;

/// <summary>The broker connection and topic layout (configuration section <c>Mqtt</c>).</summary>
public sealed class MqttOptions
{
    /// <summary>Broker host name or IP address. Default "localhost".</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Broker TCP port. Default 1883 (use 8883 with TLS).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>MQTT client id. Null: "audioedge-&lt;device id&gt;". Must be unique on the broker.</summary>
    public string? ClientId { get; set; }

    /// <summary>User name, or null for an anonymous connection.</summary>
    public string? Username { get; set; }

    /// <summary>Password (requires <see cref="Username"/>). Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>TLS settings.</summary>
    public MqttTlsOptions Tls { get; set; } = new();

    /// <summary>Keep-alive interval; a dead connection is noticed within about 1.5 times this. Default 30 s (5..3600).</summary>
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>How long to wait for CONNACK, PUBACK or SUBACK before giving up on the connection. Default 15 s (1..300).</summary>
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>First level(s) of every AudioEdge topic. Default "audioedge".</summary>
    public string TopicPrefix { get; set; } = "audioedge";

    /// <summary>Home Assistant's discovery prefix. Default "homeassistant".</summary>
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>Publish Home Assistant discovery messages. Default true.</summary>
    public bool DiscoveryEnabled { get; set; } = true;

    /// <summary>Smallest wait before reconnecting. Default 1 s (0.01..3600).</summary>
    public double ReconnectMinDelaySeconds { get; set; } = 1;

    /// <summary>Largest wait before reconnecting (the exponential backoff stops growing here). Default 60 s.</summary>
    public double ReconnectMaxDelaySeconds { get; set; } = 60;

    /// <summary>The client id to use for <paramref name="deviceId"/>: <see cref="ClientId"/> or "audioedge-&lt;device id&gt;".</summary>
    public string EffectiveClientId(string deviceId) => string.IsNullOrEmpty(ClientId) ? $"audioedge-{deviceId}" : ClientId;

    /// <summary>Every problem, one line each, naming the key; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var invariant = CultureInfo.InvariantCulture;
        if (string.IsNullOrWhiteSpace(Host) || Host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || Host.Contains('/', StringComparison.Ordinal))
        {
            errors.Add($"Mqtt:Host must be a host name or IP address (was '{Host}').");
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add(string.Create(invariant, $"Mqtt:Port must be 1..65535 (was {Port})."));
        }

        if (ClientId is not null && (ClientId.Length is 0 or > 128 || ClientId.Any(c => c <= ' ' || c > '~')))
        {
            errors.Add(string.Create(invariant, $"Mqtt:ClientId must be 1..128 printable ASCII characters without spaces (was {ClientId.Length} characters)."));
        }

        if (Username is not null && (Username.Length is 0 or > 256 || Username.Any(char.IsControl)))
        {
            errors.Add("Mqtt:Username must be 1..256 characters without control characters.");
        }

        if (Password is not null && Username is null)
        {
            errors.Add("Mqtt:Password is set but Mqtt:Username is not.");
        }

        if (Tls is null)
        {
            errors.Add("Mqtt:Tls must not be null.");
        }
        else
        {
            errors.AddRange(Tls.Validate());
        }

        if (KeepAliveSeconds is < 5 or > 3600)
        {
            errors.Add(string.Create(invariant, $"Mqtt:KeepAliveSeconds must be 5..3600 (was {KeepAliveSeconds})."));
        }

        if (TimeoutSeconds is < 1 or > 300)
        {
            errors.Add(string.Create(invariant, $"Mqtt:TimeoutSeconds must be 1..300 (was {TimeoutSeconds})."));
        }

        if (!MqttTopics.IsValidPrefix(TopicPrefix))
        {
            errors.Add($"Mqtt:TopicPrefix must be one or more '/'-separated levels of a-z, A-Z, 0-9, '_' or '-' (was '{TopicPrefix}').");
        }

        if (!MqttTopics.IsValidPrefix(DiscoveryPrefix))
        {
            errors.Add($"Mqtt:DiscoveryPrefix must be one or more '/'-separated levels of a-z, A-Z, 0-9, '_' or '-' (was '{DiscoveryPrefix}').");
        }

        if (!(ReconnectMinDelaySeconds >= 0.01 && ReconnectMinDelaySeconds <= 3600))
        {
            errors.Add(string.Create(invariant, $"Mqtt:ReconnectMinDelaySeconds must be 0.01..3600 (was {ReconnectMinDelaySeconds})."));
        }

        if (!(ReconnectMaxDelaySeconds >= ReconnectMinDelaySeconds && ReconnectMaxDelaySeconds <= 3600))
        {
            errors.Add(string.Create(invariant, $"Mqtt:ReconnectMaxDelaySeconds must be Mqtt:ReconnectMinDelaySeconds..3600 (was {ReconnectMaxDelaySeconds})."));
        }

        return errors;
    }
}
