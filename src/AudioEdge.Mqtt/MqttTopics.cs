namespace AudioEdge.Mqtt;

/// <summary>
/// Every topic of one device, all under <c>&lt;prefix&gt;/&lt;device id&gt;/</c>. README "MQTT topics" documents
/// their payloads.
/// </summary>
public sealed class MqttTopics
{
    private readonly string _base;

    /// <summary>Topics for <paramref name="deviceId"/> under <paramref name="prefix"/>.</summary>
    /// <exception cref="ArgumentException">The prefix or the id is not a valid topic part.</exception>
    public MqttTopics(string prefix, string deviceId)
    {
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException($"Topic prefix '{prefix}' must be '/'-separated levels of a-z, A-Z, 0-9, '_' or '-'.", nameof(prefix));
        }

        if (!IsValidId(deviceId))
        {
            throw new ArgumentException($"Device id '{deviceId}' must be 1..64 characters of a-z, A-Z, 0-9, '_' or '-'.", nameof(deviceId));
        }

        Prefix = prefix;
        DeviceId = deviceId;
        _base = $"{prefix}/{deviceId}";
        Availability = $"{_base}/availability";
        Event = $"{_base}/event";
        Problem = $"{_base}/problem";
        Telemetry = $"{_base}/telemetry";
        CommandFilter = $"{_base}/cmd/+";
    }

    /// <summary>The topic prefix.</summary>
    public string Prefix { get; }

    /// <summary>The device id.</summary>
    public string DeviceId { get; }

    /// <summary><c>online</c>/<c>offline</c>, retained; <c>offline</c> is also the last will.</summary>
    public string Availability { get; }

    /// <summary>One JSON message per detection event (not retained).</summary>
    public string Event { get; }

    /// <summary><c>ON</c>/<c>OFF</c>, retained: audio or model failure.</summary>
    public string Problem { get; }

    /// <summary>Periodic telemetry JSON (not retained).</summary>
    public string Telemetry { get; }

    /// <summary>Subscription filter for every command: <c>&lt;prefix&gt;/&lt;id&gt;/cmd/+</c> (does not match the response topics).</summary>
    public string CommandFilter { get; }

    /// <summary><c>ON</c>/<c>OFF</c>, retained, for one event label (smoke_alarm, co_alarm, glass_break).</summary>
    public string State(string label) => $"{_base}/{CheckLevel(label, nameof(label))}/state";

    /// <summary>JSON attributes of the last event of one label, retained.</summary>
    public string Attributes(string label) => $"{_base}/{CheckLevel(label, nameof(label))}/attributes";

    /// <summary>Where command <paramref name="name"/> arrives.</summary>
    public string Command(string name) => $"{_base}/cmd/{CheckLevel(name, nameof(name))}";

    /// <summary>Where the reply to command <paramref name="name"/> goes.</summary>
    public string Response(string name) => $"{_base}/cmd/{CheckLevel(name, nameof(name))}/response";

    /// <summary>
    /// The command name when <paramref name="topic"/> is one of this device's command topics (any last level), else null.
    /// </summary>
    public string? TryGetCommandName(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        string start = $"{_base}/cmd/";
        if (!topic.StartsWith(start, StringComparison.Ordinal))
        {
            return null;
        }

        string name = topic[start.Length..];
        return name.Length == 0 || name.Contains('/', StringComparison.Ordinal) ? null : name;
    }

    /// <summary>True for 1..64 characters of <c>[a-zA-Z0-9_-]</c>: device ids, labels, command names.</summary>
    public static bool IsValidId(string? value) =>
        value is { Length: >= 1 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>True for one or more '/'-separated levels, each a valid id (no wildcards, no empty levels).</summary>
    public static bool IsValidPrefix(string? value) =>
        value is { Length: >= 1 and <= 200 } && value.Split('/').All(IsValidId);

    private static string CheckLevel(string value, string parameter) =>
        IsValidId(value) ? value : throw new ArgumentException($"'{value}' must be 1..64 characters of a-z, A-Z, 0-9, '_' or '-'.", parameter);
}
