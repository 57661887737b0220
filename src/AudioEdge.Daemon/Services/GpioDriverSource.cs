using System.Device.Gpio;

namespace AudioEdge.Daemon.Services;

/// <summary>
/// Where the GPIO driver comes from. Not registered in production (the controller picks the chip's driver);
/// tests register one that hands out a fake <see cref="GpioDriver"/>, behind the same <see cref="GpioController"/>
/// seam the product uses.
/// </summary>
/// <param name="Create">Makes the driver.</param>
public sealed record GpioDriverSource(Func<GpioDriver> Create);
