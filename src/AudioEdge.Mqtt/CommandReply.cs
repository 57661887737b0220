namespace AudioEdge.Mqtt;

/// <summary>The outcome of a command, published on its response topic.</summary>
/// <param name="Ok">Whether the command was carried out.</param>
/// <param name="Message">One human-readable line.</param>
public sealed record CommandReply(bool Ok, string Message);
