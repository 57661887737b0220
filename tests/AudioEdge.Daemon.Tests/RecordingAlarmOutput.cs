using AudioEdge.Daemon.Events;

namespace AudioEdge.Daemon.Tests;

/// <summary>An <see cref="IAlarmOutput"/> that records every call ("Show smoke_alarm", "Clear smoke_alarm", "ClearAll", "Flash").</summary>
internal sealed class RecordingAlarmOutput : IAlarmOutput
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Show(string label) => Add("Show " + label);

    public void Clear(string label) => Add("Clear " + label);

    public void ClearAll() => Add("ClearAll");

    public void Flash(TimeSpan duration) => Add("Flash");

    private void Add(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }
}
