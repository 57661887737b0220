using System.Diagnostics;
using System.Globalization;

namespace AudioEdge.Benchmarking;

/// <summary>
/// Frequency, temperature and throttling at one moment, where the machine exposes them (taken before and after
/// each run): cpufreq <c>scaling_cur_freq</c> against <c>cpuinfo_max_freq</c>, the hottest
/// <c>/sys/class/thermal</c> zone, and on a Raspberry Pi <c>vcgencmd get_throttled</c>. Unreadable values are null.
/// </summary>
public sealed record ThermalSnapshot
{
    /// <summary>Lowest current frequency over the CPUs, MHz.</summary>
    public double? MinCurrentMhz { get; init; }

    /// <summary>Highest current frequency over the CPUs, MHz.</summary>
    public double? MaxCurrentMhz { get; init; }

    /// <summary>The CPUs' maximum frequency (cpuinfo_max_freq), MHz.</summary>
    public double? MaxMhz { get; init; }

    /// <summary>Hottest thermal zone, °C.</summary>
    public double? TemperatureC { get; init; }

    /// <summary>That zone's type, e.g. cpu-thermal.</summary>
    public string? TemperatureZone { get; init; }

    /// <summary>vcgencmd's raw value, e.g. 0x50000.</summary>
    public string? Throttled { get; init; }

    /// <summary>Its decoded bits, e.g. "now: none; since boot: under-voltage, throttled"; null without vcgencmd.</summary>
    public string? ThrottledMeaning { get; init; }

    /// <summary>Reads this machine; never throws.</summary>
    public static ThermalSnapshot Take()
    {
        var snapshot = new ThermalSnapshot();
        try
        {
            snapshot = ReadCpuFreq(snapshot);
            snapshot = ReadThermalZones(snapshot);
            snapshot = ReadVcgencmd(snapshot);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or InvalidOperationException)
        {
            // Whatever was read stays; the rest is n/a.
        }

        return snapshot;
    }

    /// <summary>Decodes <c>throttled=0x…</c> (vcgencmd get_throttled); null if it does not parse.</summary>
    public static (string Raw, string Meaning)? DecodeThrottled(string? output)
    {
        if (output is null)
        {
            return null;
        }

        int equals = output.IndexOf('=', StringComparison.Ordinal);
        string hex = (equals >= 0 ? output[(equals + 1)..] : output).Trim();
        string digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        if (!uint.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint bits))
        {
            return null;
        }

        string[] names = ["under-voltage", "frequency capped", "throttled", "soft temperature limit"];
        string Describe(int shift) => string.Join(", ", names.Where((_, i) => (bits & (1u << (shift + i))) != 0)) is { Length: > 0 } list ? list : "none";
        return ($"0x{bits:x}", $"now: {Describe(0)}; since boot: {Describe(16)}");
    }

    private static ThermalSnapshot ReadCpuFreq(ThermalSnapshot snapshot)
    {
        const string root = "/sys/devices/system/cpu";
        if (!Directory.Exists(root))
        {
            return snapshot;
        }

        var current = new List<double>();
        var maximum = new List<double>();
        foreach (string cpu in Directory.EnumerateDirectories(root, "cpu*"))
        {
            string name = Path.GetFileName(cpu);
            if (name.Length <= 3 || !name[3..].All(char.IsAsciiDigit))
            {
                continue;
            }

            if (ReadKilohertz(Path.Combine(cpu, "cpufreq", "scaling_cur_freq")) is { } cur)
            {
                current.Add(cur);
            }

            if (ReadKilohertz(Path.Combine(cpu, "cpufreq", "cpuinfo_max_freq")) is { } max)
            {
                maximum.Add(max);
            }
        }

        return snapshot with
        {
            MinCurrentMhz = current.Count > 0 ? current.Min() / 1000 : null,
            MaxCurrentMhz = current.Count > 0 ? current.Max() / 1000 : null,
            MaxMhz = maximum.Count > 0 ? maximum.Max() / 1000 : null,
        };
    }

    private static ThermalSnapshot ReadThermalZones(ThermalSnapshot snapshot)
    {
        const string root = "/sys/class/thermal";
        if (!Directory.Exists(root))
        {
            return snapshot;
        }

        double? hottest = null;
        string? zone = null;
        foreach (string path in Directory.EnumerateDirectories(root, "thermal_zone*"))
        {
            string? text = HardwareFacts.ReadOrNull(Path.Combine(path, "temp"));
            if (text is null || !double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double milli))
            {
                continue;
            }

            double celsius = milli / 1000;
            if (hottest is null || celsius > hottest)
            {
                hottest = celsius;
                zone = HardwareFacts.ReadOrNull(Path.Combine(path, "type"))?.Trim() ?? Path.GetFileName(path);
            }
        }

        return snapshot with { TemperatureC = hottest, TemperatureZone = zone };
    }

    private static ThermalSnapshot ReadVcgencmd(ThermalSnapshot snapshot)
    {
        string? tool = FindOnPath("vcgencmd");
        if (tool is null)
        {
            return snapshot;
        }

        try
        {
            using var process = new Process
            {
                StartInfo = new ProcessStartInfo(tool, "get_throttled")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
            };
            process.Start();
            string output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(2000))
            {
                process.Kill();
                return snapshot;
            }

            return DecodeThrottled(output) is { } decoded ? snapshot with { Throttled = decoded.Raw, ThrottledMeaning = decoded.Meaning } : snapshot;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return snapshot;
        }
    }

    private static double? ReadKilohertz(string path)
    {
        string? text = HardwareFacts.ReadOrNull(path);
        return text is not null && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double khz) ? khz : null;
    }

    private static string? FindOnPath(string name)
    {
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        return directories.Append("/usr/bin").Append("/opt/vc/bin").Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }
}
