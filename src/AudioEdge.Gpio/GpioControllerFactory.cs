using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AudioEdge.Gpio;

/// <summary>
/// Opens the GPIO chip for the configured pins, or explains in one warning why GPIO is off. GPIO is an extra:
/// a missing chip, missing libgpiod or a pin the chip does not have never stops the daemon, so these methods
/// return false instead of throwing.
/// </summary>
public static class GpioControllerFactory
{
    private const string DeviceDirectory = "/dev";

    /// <summary>
    /// Creates a controller over libgpiod for <see cref="GpioOptions.Chip"/> (the v2 library, <c>libgpiod.so.3</c>,
    /// when installed, else v1, <c>libgpiod.so.2</c>). False without a log line when no pin is configured; false
    /// with one warning when the chip or libgpiod is missing or a configured pin is not on the chip.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (<see cref="GpioOptions.Validate"/> reports problems).</exception>
    public static bool TryCreate(GpioOptions options, ILogger logger, [NotNullWhen(true)] out GpioController? controller)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TryCreate(options, logger, DeviceDirectory, out controller);
    }

    /// <summary>
    /// As <see cref="TryCreate(GpioOptions, ILogger, out GpioController?)"/>, with the driver from
    /// <paramref name="createDriver"/> (a board-specific driver, or a test double). An exception thrown by it means
    /// "no GPIO here": false and one warning. The controller owns the driver and disposes it.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (<see cref="GpioOptions.Validate"/> reports problems).</exception>
    public static bool TryCreate(GpioOptions options, ILogger logger, Func<GpioDriver> createDriver, [NotNullWhen(true)] out GpioController? controller)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(createDriver);
        controller = null;

        if (!options.IsEnabled)
        {
            return false;
        }

        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid GPIO options: " + string.Join(" ", problems), nameof(options));
        }

        GpioController created;
        int pinCount;
        try
        {
            created = new GpioController(createDriver());
        }
        catch (Exception ex)
        {
            // DllNotFoundException, PlatformNotSupportedException, IOException, UnauthorizedAccessException,
            // GpiodException...: whatever the driver throws, the answer is "no GPIO", not a failed daemon.
            GpioLog.ChipUnavailable(logger, options.Chip, Reason(ex));
            return false;
        }

        try
        {
            pinCount = created.PinCount;
        }
        catch (Exception ex)
        {
            created.Dispose();
            GpioLog.ChipUnavailable(logger, options.Chip, Reason(ex));
            return false;
        }

        string? missing = MissingPin("OutputPin", options.OutputPin, pinCount) ?? MissingPin("ButtonPin", options.ButtonPin, pinCount);
        if (missing is not null)
        {
            created.Dispose();
            GpioLog.ChipUnavailable(logger, options.Chip, missing);
            return false;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            string outputPin = Describe(options.OutputPin);
            string buttonPin = Describe(options.ButtonPin);
            GpioLog.ChipOpened(logger, options.Chip, pinCount, outputPin, buttonPin);
        }

        controller = created;
        return true;
    }

    /// <summary>The production path with the device directory replaceable, so tests can present a chip node.</summary>
    internal static bool TryCreate(GpioOptions options, ILogger logger, string deviceDirectory, [NotNullWhen(true)] out GpioController? controller)
        => TryCreate(options, logger, () => CreateChipDriver(options.Chip, deviceDirectory), out controller);

    /// <summary>A libgpiod driver for <c>gpiochip&lt;chip&gt;</c>; throws with a readable reason when there is none.</summary>
    internal static GpioDriver CreateChipDriver(int chip, string deviceDirectory)
    {
        string path = Path.Combine(deviceDirectory, "gpiochip" + chip.ToString(CultureInfo.InvariantCulture));
        if (!File.Exists(path))
        {
            // Checked first because libgpiod's own error for a missing chip is a bare errno.
            throw new FileNotFoundException($"{path} does not exist", path);
        }

        try
        {
            return new LibGpiodV2Driver(chip);
        }
        catch (Exception v2)
        {
            // Debian 12 and Raspberry Pi OS bookworm ship the v1 API (libgpiod2); Debian 13 the v2 API (libgpiod3).
            try
            {
                return new LibGpiodDriver(chip);
            }
            catch (Exception v1)
            {
                string reason = IsMissingLibrary(v2) && IsMissingLibrary(v1)
                    ? "libgpiod is not installed: neither libgpiod.so.3 nor libgpiod.so.2 could be loaded"
                    : $"libgpiod v2: {Reason(v2)}; libgpiod v1: {Reason(v1)}";
                throw new IOException(reason);
            }
        }
    }

    /// <summary>
    /// One line for the warning from an exception chain: drivers wrap the useful part (GpiodException "Exception
    /// while calling libgpiod" around the real error), and DllNotFoundException lists every probed path on
    /// several lines, which would swamp a journald line.
    /// </summary>
    internal static string Reason(Exception exception)
    {
        var parts = new List<string>();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            string text = current is DllNotFoundException ? MissingLibraryText(current.Message) : FirstLine(current.Message);
            if (text.Length > 0 && !parts.Contains(text))
            {
                parts.Add(text);
            }
        }

        return parts.Count > 0 ? string.Join(": ", parts) : exception.GetType().Name;
    }

    private static bool IsMissingLibrary(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            // System.Device.Gpio turns the v1 library's DllNotFoundException into this PlatformNotSupportedException.
            if (current is DllNotFoundException
                || (current is PlatformNotSupportedException && current.Message.Contains("not installed", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static string MissingLibraryText(string message)
    {
        // "Unable to load shared library 'libgpiod.so.3' or one of its dependencies. ..." -> "libgpiod.so.3 could not be loaded"
        int open = message.IndexOf('\'', StringComparison.Ordinal);
        int close = open >= 0 ? message.IndexOf('\'', open + 1) : -1;
        return close > open + 1 ? $"{message[(open + 1)..close]} could not be loaded" : FirstLine(message);
    }

    private static string FirstLine(string message)
    {
        int end = message.AsSpan().IndexOfAny('\r', '\n');
        return (end >= 0 ? message[..end] : message).Trim();
    }

    private static string? MissingPin(string key, int? pin, int pinCount) =>
        pin is int line && line >= pinCount
            ? string.Create(CultureInfo.InvariantCulture, $"it has {pinCount} lines, {GpioOptions.SectionName}:{key} {line} is not one of them")
            : null;

    private static string Describe(int? pin) => pin?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
