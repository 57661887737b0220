namespace AudioEdge.Mqtt;

/// <summary><c>self_test</c>: run the detection chain on a built-in alarm sound and report the result.</summary>
/// <param name="RequestId">Echoed in the response.</param>
public sealed record SelfTestCommand(string? RequestId) : DeviceCommand(RequestId)
{
    /// <summary>"self_test".</summary>
    public const string CommandName = "self_test";

    /// <inheritdoc />
    public override string Name => CommandName;
}
