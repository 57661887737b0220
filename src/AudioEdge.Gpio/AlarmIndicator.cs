using System.Device.Gpio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AudioEdge.Gpio;

/// <summary>
/// Drives the alarm output pin (LED, relay or buzzer) with a pattern per label while alarms are active:
/// smoke_alarm blinks 500 ms on / 500 ms off; co_alarm flashes four times in 800 ms every 5 s; glass_break is on
/// for 10 s; any other label is on until cleared. With several labels active the most urgent pattern shows
/// (smoke, then CO, then glass, then others). Thread-safe: detection, commands and the button call it at once.
/// </summary>
/// <remarks>
/// Timing comes from the injected <see cref="TimeProvider"/> and is computed from when each pattern started, so
/// late timer callbacks never accumulate drift. The pin is opened (inactive) by the constructor and is always left
/// inactive and closed by <see cref="DisposeAsync"/>.
/// </remarks>
public sealed class AlarmIndicator : IAsyncDisposable
{
    /// <summary>The label <see cref="ShowingLabel"/> reports while a <see cref="Flash"/> self-test shows.</summary>
    public const string SelfTestLabel = "self_test";

    /// <summary>The longest self-test flash accepted.</summary>
    public static readonly TimeSpan MaxFlashDuration = TimeSpan.FromMinutes(10);

    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly PinValue _activeValue;
    private readonly PinValue _inactiveValue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ActiveAlarm> _active = new(StringComparer.Ordinal);
    private ActiveAlarm? _flash;
    private bool _outputOn;
    private bool _writeFailing;
    private string? _showing;
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an output, driven inactive.</summary>
    /// <param name="controller">The controller of the chip; the caller owns it and disposes it after this.</param>
    /// <param name="pin">Line number on the chip.</param>
    /// <param name="activeLow">True when "on" is electrically low.</param>
    /// <param name="timeProvider">Clock and timers; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives pin write failures; none when null.</param>
    /// <exception cref="InvalidOperationException">The pin is already open or cannot be an output.</exception>
    public AlarmIndicator(GpioController controller, int pin, bool activeLow, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);

        _controller = controller;
        _pin = pin;
        _activeValue = activeLow ? PinValue.Low : PinValue.High;
        _inactiveValue = activeLow ? PinValue.High : PinValue.Low;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;

        // Open straight into the inactive level: opening as output first and writing after could glitch a relay.
        if (_controller.IsPinOpen(pin))
        {
            throw new InvalidOperationException($"GPIO pin {pin} is already open.");
        }

        try
        {
            _controller.OpenPin(pin, PinMode.Output, _inactiveValue);
        }
        catch when (_controller.IsPinOpen(pin))
        {
            // Opened but the mode was refused: leave the line free rather than half-configured.
            _controller.ClosePin(pin);
            throw;
        }

        _timer = _time.CreateTimer(static state => ((AlarmIndicator)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The label whose pattern is on the pin now (<see cref="SelfTestLabel"/> during a flash); null when dark.</summary>
    public string? ShowingLabel
    {
        get
        {
            lock (_gate)
            {
                return _showing;
            }
        }
    }

    /// <summary>True while the output is driven active.</summary>
    public bool IsOutputOn
    {
        get
        {
            lock (_gate)
            {
                return _outputOn;
            }
        }
    }

    /// <summary>
    /// Starts the pattern of <paramref name="label"/>. Showing a label that is already active keeps a repeating
    /// pattern in step and restarts a one-shot one (another glass break: another 10 s).
    /// </summary>
    public void Show(string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long now = _time.GetTimestamp();
            if (!_active.TryGetValue(label, out ActiveAlarm? alarm) || !alarm.Pattern.Repeats)
            {
                _active[label] = new ActiveAlarm(label, PatternFor(label), PriorityOf(label), now);
            }

            ApplyLocked(now);
        }
    }

    /// <summary>Stops the pattern of <paramref name="label"/>; the next active label shows, or the pin goes inactive.</summary>
    public void Clear(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_active.Remove(label))
            {
                ApplyLocked(_time.GetTimestamp());
            }
        }
    }

    /// <summary>Hush: stops every pattern (and a self-test flash) and drives the pin inactive.</summary>
    public void ClearAll()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _active.Clear();
            _flash = null;
            ApplyLocked(_time.GetTimestamp());
        }
    }

    /// <summary>Self-test: the output is on for <paramref name="duration"/> above any pattern, then active alarms show again.</summary>
    public void Flash(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration > MaxFlashDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"The flash must last more than zero and at most {MaxFlashDuration}.");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long now = _time.GetTimestamp();
            _flash = new ActiveAlarm(SelfTestLabel, BlinkPattern.OnFor(SelfTestLabel, duration), -1, now);
            ApplyLocked(now);
        }
    }

    /// <summary>Stops the patterns, drives the pin inactive and closes it. Waits for a timer callback in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _active.Clear();
            _flash = null;
        }

        await _timer.DisposeAsync().ConfigureAwait(false);

        lock (_gate)
        {
            // Written unconditionally, whatever this object believes the pin shows: dispose is the last word.
            // A failure is logged, not thrown: the host is shutting down and has nothing better to do with it.
            try
            {
                _controller.Write(_pin, _inactiveValue);
                _outputOn = false;
                _showing = null;
                _controller.ClosePin(_pin);
            }
            catch (Exception ex)
            {
                GpioLog.OutputReleaseFailed(_logger, _pin, ex.Message);
            }
        }
    }

    private static BlinkPattern PatternFor(string label) => label switch
    {
        AlarmLabels.SmokeAlarm => BlinkPattern.Smoke,
        AlarmLabels.CoAlarm => BlinkPattern.CarbonMonoxide,
        AlarmLabels.GlassBreak => BlinkPattern.GlassBreak,
        _ => BlinkPattern.Solid,
    };

    // Smaller is more urgent. The self-test flash is -1: it must be visible even during an alarm.
    private static int PriorityOf(string label) => label switch
    {
        AlarmLabels.SmokeAlarm => 0,
        AlarmLabels.CoAlarm => 1,
        AlarmLabels.GlassBreak => 2,
        _ => 3,
    };

    private void OnTimer()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                ApplyLocked(_time.GetTimestamp());
            }
        }
    }

    private void ApplyLocked(long now)
    {
        if (_flash is not null && _flash.Pattern.IsFinished(_time.GetElapsedTime(_flash.StartTimestamp, now)))
        {
            _flash = null;
        }

        ActiveAlarm? shown = _flash;
        List<string>? finished = null;
        foreach (ActiveAlarm alarm in _active.Values)
        {
            if (alarm.Pattern.IsFinished(_time.GetElapsedTime(alarm.StartTimestamp, now)))
            {
                (finished ??= []).Add(alarm.Label);
            }
            else if (shown is null || alarm.Priority < shown.Priority
                     || (alarm.Priority == shown.Priority && alarm.StartTimestamp < shown.StartTimestamp))
            {
                shown = alarm;
            }
        }

        if (finished is not null)
        {
            foreach (string label in finished)
            {
                _active.Remove(label);
            }
        }

        bool on = false;
        TimeSpan? due = null;
        if (shown is not null)
        {
            TimeSpan elapsed = _time.GetElapsedTime(shown.StartTimestamp, now);
            on = shown.Pattern.LevelAt(elapsed, out TimeSpan? nextChange);
            due = nextChange - elapsed;
        }

        _showing = shown?.Label;
        SetOutputLocked(on);
        _timer.Change(due is TimeSpan wait ? TimerDue.RoundUp(wait) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void SetOutputLocked(bool on)
    {
        // Rewrite after a failure even if the level looks unchanged: the failed write may not have reached the pin.
        if (on == _outputOn && !_writeFailing)
        {
            return;
        }

        try
        {
            _controller.Write(_pin, on ? _activeValue : _inactiveValue);
            _outputOn = on;
            if (_writeFailing)
            {
                _writeFailing = false;
                GpioLog.OutputRecovered(_logger, _pin);
            }
        }
        catch (Exception ex)
        {
            // Any driver failure (IOException, GpiodException, a disposed controller): this runs on timer threads,
            // where an escaping exception would end the process. Log the first failure of a run.
            if (!_writeFailing)
            {
                _writeFailing = true;
                GpioLog.OutputWriteFailed(_logger, _pin, ex.Message);
            }
        }
    }

    private sealed record ActiveAlarm(string Label, BlinkPattern Pattern, int Priority, long StartTimestamp);
}
