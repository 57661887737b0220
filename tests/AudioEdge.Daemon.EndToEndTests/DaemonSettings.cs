using System.Globalization;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// The <c>--set Section:Key=value</c> settings of one daemon run. <see cref="ForFile"/> gives what every test needs: a
/// device id, a private state directory, the broker, and fast reconnects (a test should not wait a minute of backoff).
/// </summary>
internal sealed class DaemonSettings
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    public string this[string key]
    {
        get => _values[key];
        set => _values[key] = value;
    }

    /// <summary>Where the outbox lives (its directory is the daemon's state directory).</summary>
    public string OutboxPath => _values["Outbox:Path"];

    /// <summary>A file source (played flat out unless <paramref name="realTime"/>), publishing to <paramref name="broker"/>'s plain listener.</summary>
    public static DaemonSettings ForFile(string deviceId, string stateDirectory, MosquittoBroker broker, string audioFile, bool exitAtEnd, bool realTime = false)
    {
        var settings = ForBroker(deviceId, stateDirectory, broker.Host, broker.Port);
        settings["Audio:Source"] = "File";
        settings["Audio:File"] = audioFile;
        settings["Audio:RealTime"] = realTime ? "true" : "false";
        settings["Audio:ExitAtEnd"] = exitAtEnd ? "true" : "false";
        return settings;
    }

    /// <summary>Identity, state directory and broker only (the audio source is the caller's choice).</summary>
    public static DaemonSettings ForBroker(string deviceId, string stateDirectory, string host, int port)
    {
        var settings = new DaemonSettings
        {
            ["Device:Id"] = deviceId,
            ["Outbox:Path"] = Path.Combine(stateDirectory, "outbox.db"),
            ["Mqtt:Host"] = host,
            ["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:ReconnectMinDelaySeconds"] = "0.2",
            ["Mqtt:ReconnectMaxDelaySeconds"] = "1",
            ["Mqtt:TimeoutSeconds"] = "5",
        };
        return settings;
    }

    /// <summary><c>run --set K=V ...</c>.</summary>
    public IEnumerable<string> RunArguments()
    {
        yield return "run";
        foreach ((string key, string value) in _values)
        {
            yield return "--set";
            yield return $"{key}={value}";
        }
    }
}
