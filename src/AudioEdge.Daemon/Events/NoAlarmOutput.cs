namespace AudioEdge.Daemon.Events;

/// <summary>No output pin configured (or no GPIO hardware): alarms go to MQTT only.</summary>
public sealed class NoAlarmOutput : IAlarmOutput
{
    /// <summary>The shared instance.</summary>
    public static NoAlarmOutput Instance { get; } = new();

    /// <inheritdoc />
    public void Show(string label)
    {
    }

    /// <inheritdoc />
    public void Clear(string label)
    {
    }

    /// <inheritdoc />
    public void ClearAll()
    {
    }

    /// <inheritdoc />
    public void Flash(TimeSpan duration)
    {
    }
}
