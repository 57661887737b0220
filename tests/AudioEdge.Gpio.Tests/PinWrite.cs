using System.Device.Gpio;

namespace AudioEdge.Gpio.Tests;

/// <summary>One level driven onto a pin by <see cref="FakeGpioDriver"/>, at the fake clock's time.</summary>
internal readonly record struct PinWrite(int Pin, PinValue Value, DateTimeOffset At);
