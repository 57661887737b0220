using System.Globalization;

namespace AudioEdge.Gpio;

/// <summary>
/// The optional GPIO wiring (configuration section <c>Gpio</c>): an alarm output pin (LED, relay or buzzer) and a
/// hush/self-test button, both by line number on one GPIO chip. Nothing is configured by default, so GPIO stays off.
/// Settable properties so that the host can bind them from configuration; <see cref="Validate"/> reports every
/// problem at once.
/// </summary>
public sealed class GpioOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Gpio";

    /// <summary>
    /// Highest line number accepted. Raspberry Pi headers use lines 0..27 of a 54-line chip, but Allwinner boards
    /// put every pin on one chip with a few hundred lines; the factory checks the real line count at start.
    /// </summary>
    public const int MaxPinNumber = 1023;

    /// <summary>Line driven while an alarm shows, or null (default) for no output.</summary>
    public int? OutputPin { get; set; }

    /// <summary>True when the output's "on" is electrically low (e.g. an LED wired from 3.3 V to the pin, or a low-trigger relay board). Default false.</summary>
    public bool OutputActiveLow { get; set; }

    /// <summary>Line of the hush/self-test button, or null (default) for no button.</summary>
    public int? ButtonPin { get; set; }

    /// <summary>
    /// True (default) for a button wired from the pin to ground: the internal pull-up holds the line high and a
    /// press pulls it low. False for a button to 3.3 V, which gets the internal pull-down instead.
    /// </summary>
    public bool ButtonActiveLow { get; set; } = true;

    /// <summary>GPIO chip number (<c>/dev/gpiochip&lt;N&gt;</c>). Default 0, the header pins on most boards.</summary>
    public int Chip { get; set; }

    /// <summary>Holding the button this long requests a self-test; a shorter press hushes. 1..30 s, default 3.</summary>
    public int HoldSeconds { get; set; } = 3;

    /// <summary>The button must be stable this long before a change counts (contact bounce). 5..500 ms, default 50.</summary>
    public int DebounceMilliseconds { get; set; } = 50;

    /// <summary>True when an output pin or a button is configured.</summary>
    public bool IsEnabled => OutputPin.HasValue || ButtonPin.HasValue;

    /// <summary><see cref="HoldSeconds"/> as a time span.</summary>
    public TimeSpan HoldTime => TimeSpan.FromSeconds(HoldSeconds);

    /// <summary><see cref="DebounceMilliseconds"/> as a time span.</summary>
    public TimeSpan DebounceTime => TimeSpan.FromMilliseconds(DebounceMilliseconds);

    /// <summary>Every problem with these options, one line each naming the configuration key; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();

        if (OutputPin is int output && output is < 0 or > MaxPinNumber)
        {
            problems.Add(Invariant($"{SectionName}:OutputPin must be 0..{MaxPinNumber} (was {output})."));
        }

        if (ButtonPin is int button && button is < 0 or > MaxPinNumber)
        {
            problems.Add(Invariant($"{SectionName}:ButtonPin must be 0..{MaxPinNumber} (was {button})."));
        }

        if (OutputPin is int sameOutput && ButtonPin is int sameButton && sameOutput == sameButton)
        {
            problems.Add(Invariant($"{SectionName}:ButtonPin must differ from {SectionName}:OutputPin (both are {sameButton})."));
        }

        if (Chip is < 0 or > 255)
        {
            problems.Add(Invariant($"{SectionName}:Chip must be 0..255 (was {Chip})."));
        }

        if (HoldSeconds is < 1 or > 30)
        {
            problems.Add(Invariant($"{SectionName}:HoldSeconds must be 1..30 (was {HoldSeconds})."));
        }

        if (DebounceMilliseconds is < 5 or > 500)
        {
            problems.Add(Invariant($"{SectionName}:DebounceMilliseconds must be 5..500 (was {DebounceMilliseconds})."));
        }

        return problems;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
