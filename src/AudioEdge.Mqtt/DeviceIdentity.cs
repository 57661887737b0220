namespace AudioEdge.Mqtt;

/// <summary>What Home Assistant's device registry shows for this device.</summary>
/// <param name="DeviceId">Id in every topic and unique id (<c>[a-zA-Z0-9_-]</c>, 1..64).</param>
/// <param name="Name">Friendly device name.</param>
/// <param name="Model">Model text, e.g. the detection model id and version.</param>
/// <param name="SoftwareVersion">AudioEdge version.</param>
/// <param name="SupportUrl">Where users find help (discovery "origin"); omitted when null.</param>
public sealed record DeviceIdentity(string DeviceId, string Name, string Model, string SoftwareVersion, string? SupportUrl = null);
