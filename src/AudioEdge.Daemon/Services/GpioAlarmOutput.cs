using AudioEdge.Daemon.Events;
using AudioEdge.Gpio;

namespace AudioEdge.Daemon.Services;

/// <summary>The alarm output on a GPIO pin: the indicator's patterns per label.</summary>
internal sealed class GpioAlarmOutput : IAlarmOutput
{
    private readonly AlarmIndicator _indicator;

    public GpioAlarmOutput(AlarmIndicator indicator) => _indicator = indicator;

    public void Show(string label) => _indicator.Show(label);

    public void Clear(string label) => _indicator.Clear(label);

    public void ClearAll() => _indicator.ClearAll();

    public void Flash(TimeSpan duration) => _indicator.Flash(duration);
}
