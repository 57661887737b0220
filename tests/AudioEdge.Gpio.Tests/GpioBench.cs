using System.Device.Gpio;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace AudioEdge.Gpio.Tests;

/// <summary>
/// A fake clock, a <see cref="FakeGpioDriver"/> and the real <see cref="GpioController"/> over it: the same seam
/// the daemon uses with libgpiod.
/// </summary>
internal sealed class GpioBench : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 17, 0, 0, TimeSpan.Zero);

    public GpioBench(int pinCount = 54)
    {
        Time = new FakeTimeProvider(Start);
        Driver = new FakeGpioDriver(Time, pinCount);
        Controller = new GpioController(Driver);
    }

    public FakeTimeProvider Time { get; }

    public FakeGpioDriver Driver { get; }

    public GpioController Controller { get; }

    public ListLogger Logger { get; } = new();

    /// <summary>Milliseconds since <see cref="Start"/>.</summary>
    public double Now => (Time.GetUtcNow() - Start).TotalMilliseconds;

    /// <summary>
    /// Advances the fake clock to <paramref name="milliseconds"/> after <see cref="Start"/> in steps of
    /// <paramref name="stepMilliseconds"/>, firing due timers on the way. Steps, because FakeTimeProvider runs every
    /// timer that fell due during one Advance with the clock already at the end of it (dotnet/extensions#5722):
    /// code that reads the clock in its timer callback, as these classes do, sees the right time only when each
    /// step ends on or before the due time. Every due time here is a whole millisecond (and every blink-pattern
    /// boundary a multiple of 100 ms), so those step sizes are exact.
    /// </summary>
    public void AdvanceTo(double milliseconds, int stepMilliseconds = 1)
    {
        TimeSpan target = TimeSpan.FromMilliseconds(milliseconds);
        Assert.That(target, Is.GreaterThanOrEqualTo(Time.GetUtcNow() - Start), "time only moves forward");
        long step = TimeSpan.FromMilliseconds(stepMilliseconds).Ticks;
        while (Time.GetUtcNow() - Start < target)
        {
            // Steps end on multiples of the step size since Start, wherever the clock was left before.
            long elapsed = (Time.GetUtcNow() - Start).Ticks;
            long next = Math.Min(target.Ticks, ((elapsed / step) + 1) * step);
            Time.SetUtcNow(Start + TimeSpan.FromTicks(next));
        }
    }

    /// <summary>Every level driven onto <paramref name="pin"/> as "ms level", e.g. "500 L", for readable diffs.</summary>
    public string[] Timeline(int pin) =>
        [.. Driver.Writes.Where(w => w.Pin == pin)
            .Select(w => string.Create(CultureInfo.InvariantCulture, $"{(w.At - Start).TotalMilliseconds} {(w.Value == PinValue.High ? "H" : "L")}"))];

    public void Dispose() => Controller.Dispose();
}
