using System.Text.Json;

namespace AudioEdge.Daemon.Tests;

/// <summary>A reply on <c>cmd/&lt;name&gt;/response</c>.</summary>
internal sealed record CommandResponse(string Command, string? RequestId, bool Ok, string Message, string Json)
{
    public static CommandResponse Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        return new CommandResponse(
            root.GetProperty("command").GetString()!,
            root.TryGetProperty("request_id", out JsonElement id) ? id.GetString() : null,
            root.GetProperty("ok").GetBoolean(),
            root.GetProperty("message").GetString()!,
            json);
    }
}
