namespace AudioEdge.Mqtt;

/// <summary><c>reload_model</c>: load the model package again from disk (after an update).</summary>
/// <param name="RequestId">Echoed in the response.</param>
public sealed record ReloadModelCommand(string? RequestId) : DeviceCommand(RequestId)
{
    /// <summary>"reload_model".</summary>
    public const string CommandName = "reload_model";

    /// <inheritdoc />
    public override string Name => CommandName;
}
