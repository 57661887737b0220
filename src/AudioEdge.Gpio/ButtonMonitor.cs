using System.Device.Gpio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AudioEdge.Gpio;

/// <summary>
/// Watches the hush/self-test button: a short press raises <see cref="HushRequested"/> when it is released; holding
/// it for the hold time raises <see cref="SelfTestRequested"/> as soon as that time is reached (the user sees the
/// self-test start while still holding). Contact bounce is filtered: a level counts only after it has been stable
/// for the debounce time, so bounces and glitches shorter than that are ignored.
/// </summary>
/// <remarks>
/// Edges come from the driver's event thread; the debounce and hold decisions run on timers of the injected
/// <see cref="TimeProvider"/>. The events are raised on a timer thread, outside any lock; a handler that throws
/// is logged and does not stop the monitor.
/// </remarks>
public sealed class ButtonMonitor : IDisposable
{
    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly PinValue _pressedValue;
    private readonly TimeSpan _hold;
    private readonly TimeSpan _debounce;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _settleTimer;
    private readonly ITimer _holdTimer;
    private readonly PinChangeEventHandler _onEdge;
    private readonly Lock _gate = new();
    private bool _pressed;
    private bool _edgePending;
    private long _transitionStart;
    private long _lastEdge;
    private long _pressStart;
    private bool _pressDecided;
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an input with the matching internal pull resistor and starts watching it.</summary>
    /// <param name="controller">The controller of the chip; the caller owns it and disposes it after this.</param>
    /// <param name="pin">Line number on the chip.</param>
    /// <param name="activeLow">True for a button to ground (internal pull-up); false for a button to 3.3 V (pull-down).</param>
    /// <param name="holdTime">Holding this long requests a self-test; a shorter press hushes.</param>
    /// <param name="debounceTime">How long a level must be stable before it counts.</param>
    /// <param name="timeProvider">Clock and timers; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives read and handler failures; none when null.</param>
    /// <exception cref="InvalidOperationException">The pin is already open or cannot be an input.</exception>
    public ButtonMonitor(GpioController controller, int pin, bool activeLow, TimeSpan holdTime, TimeSpan debounceTime,
                         TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(debounceTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(holdTime, debounceTime);

        _controller = controller;
        _pin = pin;
        _pressedValue = activeLow ? PinValue.Low : PinValue.High;
        _hold = holdTime;
        _debounce = debounceTime;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;

        PinMode mode = activeLow ? PinMode.InputPullUp : PinMode.InputPullDown;
        _controller.OpenPin(pin);
        try
        {
            if (!_controller.IsPinModeSupported(pin, mode))
            {
                // libgpiod before 1.5 cannot set bias; the line still works with a resistor on the board.
                GpioLog.NoInternalBias(_logger, pin, mode);
                mode = PinMode.Input;
            }

            _controller.SetPinMode(pin, mode);

            // A button held (or stuck) at start must not fire anything: its press is treated as already decided.
            _pressed = _controller.Read(pin) == _pressedValue;
        }
        catch
        {
            // Leave the line free for whoever fixes the configuration and tries again.
            _controller.ClosePin(pin);
            throw;
        }

        _pressDecided = _pressed;
        if (_pressed)
        {
            GpioLog.ButtonHeldAtStart(_logger, pin);
        }

        _settleTimer = _time.CreateTimer(static state => ((ButtonMonitor)state!).OnSettled(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _holdTimer = _time.CreateTimer(static state => ((ButtonMonitor)state!).OnHoldReached(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _onEdge = OnEdge;
        _controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, _onEdge);
    }

    /// <summary>A short press (released before the hold time): silence the alarm output.</summary>
    public event EventHandler? HushRequested;

    /// <summary>The button has been held for the hold time: run a self-test. Raised once per press, while still held.</summary>
    public event EventHandler? SelfTestRequested;

    private enum Gesture
    {
        None,
        Hush,
        SelfTest,
    }

    /// <summary>The debounced state: true while the button counts as pressed.</summary>
    public bool IsPressed
    {
        get
        {
            lock (_gate)
            {
                return _pressed;
            }
        }
    }

    /// <summary>Stops watching and closes the pin.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _settleTimer.Dispose();
        _holdTimer.Dispose();
        try
        {
            _controller.UnregisterCallbackForPinValueChangedEvent(_pin, _onEdge);
            _controller.ClosePin(_pin);
        }
        catch (Exception ex)
        {
            // The host is shutting down (possibly with the controller already gone); nothing useful to throw to.
            GpioLog.ButtonReleaseFailed(_logger, _pin, ex.Message);
        }
    }

    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            long now = _time.GetTimestamp();
            if (!_edgePending)
            {
                _edgePending = true;
                _transitionStart = now;
            }

            _lastEdge = now;
            _settleTimer.Change(TimerDue.RoundUp(_debounce), Timeout.InfiniteTimeSpan);
        }
    }

    private void OnSettled()
    {
        Gesture gesture = Gesture.None;
        lock (_gate)
        {
            if (_disposed || !_edgePending)
            {
                return;
            }

            long now = _time.GetTimestamp();
            TimeSpan quiet = _time.GetElapsedTime(_lastEdge, now);
            if (quiet < _debounce)
            {
                // A timer set before the latest edge (real timers can race with Change): wait out the rest.
                _settleTimer.Change(TimerDue.RoundUp(_debounce - quiet), Timeout.InfiniteTimeSpan);
                return;
            }

            _edgePending = false;
            bool pressed;
            try
            {
                // The settled level is read rather than inferred from the edges: a lost edge cannot invert the button.
                pressed = _controller.Read(_pin) == _pressedValue;
            }
            catch (Exception ex)
            {
                GpioLog.ButtonReadFailed(_logger, _pin, ex.Message);
                return;
            }

            if (pressed && !_pressed)
            {
                _pressed = true;
                _pressStart = _transitionStart;
                _pressDecided = false;
                gesture = CheckHoldLocked(now);
            }
            else if (!pressed && _pressed)
            {
                _pressed = false;
                _holdTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                if (!_pressDecided)
                {
                    // Judged by when the release began, not when it settled: a release just before the hold
                    // time is a short press even though its bounce ends after it.
                    _pressDecided = true;
                    gesture = _time.GetElapsedTime(_pressStart, _transitionStart) < _hold ? Gesture.Hush : Gesture.SelfTest;
                }
            }
            else if (pressed)
            {
                // A glitch during a hold settled back to pressed; the hold may have been reached meanwhile.
                gesture = CheckHoldLocked(now);
            }
        }

        Raise(gesture);
    }

    private void OnHoldReached()
    {
        Gesture gesture;
        lock (_gate)
        {
            if (_disposed || !_pressed || _pressDecided)
            {
                return;
            }

            // A change that began before the hold time may be the release: the settle decides then.
            if (_edgePending && _time.GetElapsedTime(_pressStart, _transitionStart) < _hold)
            {
                return;
            }

            gesture = CheckHoldLocked(_time.GetTimestamp());
        }

        Raise(gesture);
    }

    private Gesture CheckHoldLocked(long now)
    {
        if (_pressDecided)
        {
            return Gesture.None;
        }

        TimeSpan held = _time.GetElapsedTime(_pressStart, now);
        if (held >= _hold)
        {
            _pressDecided = true;
            _holdTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return Gesture.SelfTest;
        }

        _holdTimer.Change(TimerDue.RoundUp(_hold - held), Timeout.InfiniteTimeSpan);
        return Gesture.None;
    }

    private void Raise(Gesture gesture)
    {
        EventHandler? handler = gesture switch
        {
            Gesture.Hush => HushRequested,
            Gesture.SelfTest => SelfTestRequested,
            _ => null,
        };
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, EventArgs.Empty);
        }
        catch (Exception ex)
        {
            // Raised on a timer thread, where an escaping exception would end the process.
            GpioLog.ButtonHandlerFailed(_logger, ex, gesture == Gesture.Hush ? "hush" : "self-test");
        }
    }
}
