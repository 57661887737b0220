using System.Reflection;

namespace AudioEdge.Daemon;

/// <summary>The software version shown in Home Assistant's device page and the telemetry.</summary>
public static class DaemonVersion
{
    /// <summary>The assembly's informational version without the source-revision suffix.</summary>
    public static string Current { get; } =
        (typeof(DaemonVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
