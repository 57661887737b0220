using Microsoft.Extensions.Logging;

namespace AudioEdge.Audio.Alsa;

/// <summary>The source-generated log messages of ALSA capture: no boxing or formatting unless the level is enabled.</summary>
internal static partial class AlsaLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "ALSA capture '{Device}' open: {Format}, {Channels} ch, {SampleRate} Hz, period {PeriodFrames}, buffer {BufferFrames} frames")]
    public static partial void Opened(ILogger logger, string device, AlsaSampleFormat format, int channels, int sampleRate, int periodFrames, int bufferFrames);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "ALSA capture '{Device}' runs at {ActualRate} Hz instead of the requested {RequestedRate} Hz; resampling from the actual rate")]
    public static partial void RateDiffers(ILogger logger, string device, int requestedRate, int actualRate);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "ALSA capture '{Device}' reopened after {Failures} failure(s)")]
    public static partial void Reconnected(ILogger logger, string device, int failures);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "{Error} Retrying in {DelayMilliseconds} ms (failure {Failures} in a row)")]
    public static partial void Retrying(ILogger logger, string error, long delayMilliseconds, int failures);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error,
        Message = "{Error} Capture stopped.")]
    public static partial void Fatal(ILogger logger, string error);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "ALSA capture '{Device}' {Kind}, audio was lost and capture restarted ({Overruns} overrun(s) so far)")]
    public static partial void Overrun(ILogger logger, string device, string kind, long overruns);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error,
        Message = "A handler of AlsaCaptureSource.Error threw; capture goes on")]
    public static partial void ErrorHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug,
        Message = "ALSA capture '{Device}' stopped")]
    public static partial void Stopped(ILogger logger, string device);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug,
        Message = "ALSA lib {File}:{Line}:({Function}) {Format} (error {Error})")]
    public static partial void Library(ILogger logger, string file, int line, string function, string format, int error);

    [LoggerMessage(EventId = 9, Level = LogLevel.Critical,
        Message = "ALSA capture '{Device}' thread failed unexpectedly")]
    public static partial void Crashed(ILogger logger, string device, Exception exception);
}
