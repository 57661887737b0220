using System.Diagnostics.CodeAnalysis;

namespace AudioEdge.Mqtt;

/// <summary>A parsed command, or why the message was refused.</summary>
public sealed class CommandParseResult
{
    private CommandParseResult(DeviceCommand? command, string? error, string? requestId)
    {
        Command = command;
        Error = error;
        RequestId = requestId;
    }

    /// <summary>The command when <see cref="IsValid"/>.</summary>
    public DeviceCommand? Command { get; }

    /// <summary>Why the message was refused (one line, safe to log and to publish) when not <see cref="IsValid"/>.</summary>
    public string? Error { get; }

    /// <summary>The request id, when one valid request id could be read (also from a refused message, for the reply).</summary>
    public string? RequestId { get; }

    /// <summary>True when <see cref="Command"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Command))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Command is not null;

    internal static CommandParseResult Valid(DeviceCommand command) => new(command, null, command.RequestId);

    internal static CommandParseResult Invalid(string error, string? requestId) => new(null, error, requestId);
}
