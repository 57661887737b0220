namespace AudioEdge.Mqtt;

/// <summary><c>hush</c>: silence local alarm outputs (and mark events as hushed) for a while. Detection continues.</summary>
/// <param name="Minutes">1..240.</param>
/// <param name="RequestId">Echoed in the response.</param>
public sealed record HushCommand(int Minutes, string? RequestId) : DeviceCommand(RequestId)
{
    /// <summary>"hush".</summary>
    public const string CommandName = "hush";

    /// <summary>Smallest hush.</summary>
    public const int MinMinutes = 1;

    /// <summary>Longest hush: four hours, so a forgotten hush cannot silence the device for good.</summary>
    public const int MaxMinutes = 240;

    /// <inheritdoc />
    public override string Name => CommandName;
}
