using System.Device.Gpio;

namespace AudioEdge.Gpio.Tests;

/// <summary>
/// A GPIO chip in memory, behind the real <see cref="GpioController"/>: records every level driven onto a pin with
/// the fake clock's time, lets a test set input levels (raising edge callbacks like the kernel does), and can be told
/// to fail writes or to lack internal pull resistors.
/// </summary>
internal sealed class FakeGpioDriver : GpioDriver
{
    private readonly TimeProvider _time;
    private readonly int _pinCount;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly Dictionary<int, PinValue> _outputs = [];
    private readonly Dictionary<int, PinValue> _inputs = [];
    private readonly Dictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = [];
    private readonly List<PinWrite> _writes = [];

    public FakeGpioDriver(TimeProvider time, int pinCount = 54)
    {
        _time = time;
        _pinCount = pinCount;
    }

    /// <summary>Every level driven onto an output, including the initial level of <c>OpenPin(pin, Output, value)</c>.</summary>
    public IReadOnlyList<PinWrite> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>Modes that <see cref="IsPinModeSupported"/> denies (e.g. the pulls, like libgpiod before 1.5).</summary>
    public HashSet<PinMode> UnsupportedModes { get; } = [];

    /// <summary>When true, writes throw <see cref="IOException"/> as a driver whose line was taken away would.</summary>
    public bool FailWrites { get; set; }

    public bool IsDisposed { get; private set; }

    public bool IsOpen(int pin)
    {
        lock (_gate)
        {
            return _modes.ContainsKey(pin);
        }
    }

    public PinMode ModeOf(int pin)
    {
        lock (_gate)
        {
            return _modes[pin];
        }
    }

    public int CallbackCount(int pin)
    {
        lock (_gate)
        {
            return _callbacks.TryGetValue(pin, out var list) ? list.Count : 0;
        }
    }

    /// <summary>The level last driven onto an output pin.</summary>
    public PinValue OutputOf(int pin)
    {
        lock (_gate)
        {
            return _outputs[pin];
        }
    }

    /// <summary>Sets the level seen on an input line; a change raises the registered callbacks, on this thread.</summary>
    public void SetInput(int pin, PinValue value)
    {
        List<PinChangeEventHandler> toCall = [];
        PinEventTypes edge;
        lock (_gate)
        {
            PinValue before = ReadLocked(pin);
            _inputs[pin] = value;
            if (before == value)
            {
                return;
            }

            edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            if (_callbacks.TryGetValue(pin, out var list))
            {
                toCall.AddRange(list.Where(c => (c.Types & edge) != 0).Select(c => c.Handler));
            }
        }

        foreach (PinChangeEventHandler handler in toCall)
        {
            handler(this, new PinValueChangedEventArgs(edge, pin));
        }
    }

    protected override int PinCount => _pinCount;

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            ThrowIfUnusable(pinNumber);
            _modes.TryAdd(pinNumber, PinMode.Input);
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            _modes.Remove(pinNumber);
            _callbacks.Remove(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            ThrowIfNotOpen(pinNumber);
            if (UnsupportedModes.Contains(mode))
            {
                throw new InvalidOperationException($"Pin {pinNumber} does not support {mode}.");
            }

            _modes[pinNumber] = mode;
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        lock (_gate)
        {
            SetPinMode(pinNumber, mode);
            if (mode == PinMode.Output)
            {
                // Like libgpiod's request with a default value: the line is driven once, at this level.
                WriteLocked(pinNumber, initialValue);
            }
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            ThrowIfNotOpen(pinNumber);
            return _modes[pinNumber];
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => !UnsupportedModes.Contains(mode);

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            ThrowIfNotOpen(pinNumber);
            return ReadLocked(pinNumber);
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            ThrowIfNotOpen(pinNumber);
            WriteLocked(pinNumber, value);
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        using var signal = new SemaphoreSlim(0);
        PinEventTypes seen = PinEventTypes.None;
        void OnChange(object sender, PinValueChangedEventArgs args)
        {
            seen = args.ChangeType;
            signal.Release();
        }

        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, OnChange);
        try
        {
            signal.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = seen, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, OnChange);
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            ThrowIfNotOpen(pinNumber);
            if (!_callbacks.TryGetValue(pinNumber, out var list))
            {
                _callbacks[pinNumber] = list = [];
            }

            list.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (!_callbacks.TryGetValue(pinNumber, out var list) || list.RemoveAll(c => c.Handler == callback) == 0)
            {
                throw new InvalidOperationException($"Pin {pinNumber} has no such callback.");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            IsDisposed = true;
            _modes.Clear();
            _callbacks.Clear();
        }

        base.Dispose(disposing);
    }

    private PinValue ReadLocked(int pin)
    {
        if (_modes.TryGetValue(pin, out PinMode mode) && mode == PinMode.Output)
        {
            return _outputs.GetValueOrDefault(pin, PinValue.Low);
        }

        if (_inputs.TryGetValue(pin, out PinValue value))
        {
            return value;
        }

        // Nothing connected: the bias decides, as on a real line with an open button.
        return mode == PinMode.InputPullUp ? PinValue.High : PinValue.Low;
    }

    private void WriteLocked(int pin, PinValue value)
    {
        if (FailWrites)
        {
            throw new IOException($"Error writing pin {pin}: the line was released.");
        }

        _outputs[pin] = value;
        _writes.Add(new PinWrite(pin, value, _time.GetUtcNow()));
    }

    private void ThrowIfUnusable(int pin)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (pin < 0 || pin >= _pinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"The chip has {_pinCount} lines.");
        }
    }

    private void ThrowIfNotOpen(int pin)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (!_modes.ContainsKey(pin))
        {
            throw new InvalidOperationException($"Pin {pin} is not open.");
        }
    }
}
