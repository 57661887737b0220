namespace AudioEdge.Mqtt;

/// <summary>A validated command received on <c>&lt;prefix&gt;/&lt;id&gt;/cmd/&lt;name&gt;</c>.</summary>
/// <param name="RequestId">The sender's correlation id, echoed in the response; null when not given.</param>
public abstract record DeviceCommand(string? RequestId)
{
    /// <summary>The command name as it appears in the topic.</summary>
    public abstract string Name { get; }
}
