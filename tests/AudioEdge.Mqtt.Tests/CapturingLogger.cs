using Microsoft.Extensions.Logging;

namespace AudioEdge.Mqtt.Tests;

/// <summary>Keeps every log line (level and formatted message); the harness prints them when a test fails.</summary>
internal sealed class CapturingLogger : ILogger<MqttForwarder>
{
    private readonly List<(LogLevel Level, string Message)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Text => string.Join(Environment.NewLine, Lines.Select(l => $"{l.Level}: {l.Message}"));

    public bool Contains(LogLevel level, string fragment) =>
        Lines.Any(l => l.Level == level && l.Message.Contains(fragment, StringComparison.Ordinal));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string message = formatter(state, exception);
        lock (_lines)
        {
            _lines.Add((logLevel, $"{DateTime.Now:HH:mm:ss.fff} {message}"));
        }
    }
}
