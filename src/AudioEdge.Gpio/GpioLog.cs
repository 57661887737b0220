using Microsoft.Extensions.Logging;

namespace AudioEdge.Gpio;

/// <summary>The source-generated log messages of GPIO: no boxing or formatting unless the level is enabled.</summary>
internal static partial class GpioLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "GPIO chip {Chip} not available ({Reason}); alarm output and button disabled, detection continues")]
    public static partial void ChipUnavailable(ILogger logger, int chip, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "GPIO chip {Chip} open ({PinCount} lines); alarm output pin {OutputPin}, button pin {ButtonPin}")]
    public static partial void ChipOpened(ILogger logger, int chip, int pinCount, string outputPin, string buttonPin);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "GPIO alarm output pin {Pin} cannot be written ({Reason}); retrying on every change")]
    public static partial void OutputWriteFailed(ILogger logger, int pin, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "GPIO alarm output pin {Pin} writable again")]
    public static partial void OutputRecovered(ILogger logger, int pin);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "GPIO alarm output pin {Pin} could not be left inactive ({Reason})")]
    public static partial void OutputReleaseFailed(ILogger logger, int pin, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "GPIO button pin {Pin} has no internal {Mode} on this chip; the button needs an external resistor")]
    public static partial void NoInternalBias(ILogger logger, int pin, System.Device.Gpio.PinMode mode);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning,
        Message = "GPIO button pin {Pin} cannot be read ({Reason}); the change is ignored")]
    public static partial void ButtonReadFailed(ILogger logger, int pin, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error,
        Message = "GPIO button {Action} handler failed")]
    public static partial void ButtonHandlerFailed(ILogger logger, Exception exception, string action);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information,
        Message = "GPIO button pin {Pin} is pressed at start; this press is ignored")]
    public static partial void ButtonHeldAtStart(ILogger logger, int pin);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "GPIO button pin {Pin} could not be released ({Reason})")]
    public static partial void ButtonReleaseFailed(ILogger logger, int pin, string reason);
}
