using AudioEdge.Daemon.Events;
using AudioEdge.Daemon.Services;
using AudioEdge.Mqtt;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Daemon.Commands;

/// <summary>Carries out the commands the MQTT forwarder has validated (and the button's): hush, self-test, reload model.</summary>
public sealed partial class DeviceCommandHandler
{
    private readonly HushState _hush;
    private readonly IAlarmOutput _output;
    private readonly SelfTestRunner _selfTest;
    private readonly DetectionService _detection;
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    public DeviceCommandHandler(HushState hush, IAlarmOutput output, SelfTestRunner selfTest, DetectionService detection, ILogger<DeviceCommandHandler> logger)
    {
        _hush = hush;
        _output = output;
        _selfTest = selfTest;
        _detection = detection;
        _logger = logger;
    }

    /// <summary>Runs one command and says how it went (the forwarder publishes the reply).</summary>
    public async Task<CommandReply> HandleAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        CommandReply reply = command switch
        {
            HushCommand hush => Hush(TimeSpan.FromMinutes(hush.Minutes)),
            SelfTestCommand => await _selfTest.RunAsync(cancellationToken).ConfigureAwait(false),
            ReloadModelCommand => await _detection.ReloadModelAsync(cancellationToken).ConfigureAwait(false),
            _ => new CommandReply(false, "unsupported command"),
        };
        LogCommand(_logger, command.GetType().Name, reply.Ok, reply.Message);
        return reply;
    }

    /// <summary>Hushes alarms for <paramref name="duration"/>.</summary>
    public CommandReply Hush(TimeSpan duration)
    {
        DateTimeOffset until = _hush.Hush(duration);
        _output.ClearAll();
        return new CommandReply(true, $"hushed until {EventPayloads.Utc(until)}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Command}: {Ok} ({Message})")]
    private static partial void LogCommand(ILogger logger, string command, bool ok, string message);
}
