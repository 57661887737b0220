using System.Buffers.Binary;
using System.Globalization;

namespace AudioEdge.Telemetry;

/// <summary>
/// Reads the daemon's CPU use and memory from procfs and the CPU temperature from sysfs: CPU % from utime + stime
/// of <c>/proc/self/stat</c> over the wall time since the previous <see cref="Read"/> (or construction), RSS from
/// <c>VmRSS</c> of <c>/proc/self/status</c>, temperature as the maximum of <c>/sys/class/thermal/thermal_zone*/temp</c>.
/// Never throws for missing or odd files: the value is null. Thread-safe.
/// </summary>
public sealed class SystemStatsReader
{
    /// <summary>USER_HZ on every architecture Linux runs us on; used when <c>/proc/self/auxv</c> does not say.</summary>
    public const long DefaultClockTicksPerSecond = 100;

    // Sensor readings outside this range are driver placeholders (e.g. -273 °C, 255 °C), not temperatures.
    private const double MinPlausibleCelsius = -50;
    private const double MaxPlausibleCelsius = 200;
    private const ulong AuxvClockTicks = 17;   // AT_CLKTCK

    private readonly string _procRoot;
    private readonly string _sysRoot;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double? _lastCpuSeconds;
    private long _lastTimestamp;

    /// <summary>Reads the live system, or fake trees under other roots (tests).</summary>
    /// <param name="procRoot">Where procfs is mounted (default <c>/proc</c>).</param>
    /// <param name="sysRoot">Where sysfs is mounted (default <c>/sys</c>).</param>
    /// <param name="timeProvider">Wall-clock source for the CPU interval (default <see cref="TimeProvider.System"/>).</param>
    public SystemStatsReader(string procRoot = "/proc", string sysRoot = "/sys", TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(procRoot);
        ArgumentException.ThrowIfNullOrEmpty(sysRoot);
        _procRoot = procRoot;
        _sysRoot = sysRoot;
        _time = timeProvider ?? TimeProvider.System;
        ClockTicksPerSecond = ReadClockTicksPerSecond() ?? DefaultClockTicksPerSecond;
        _lastCpuSeconds = ReadProcessCpuSeconds();
        _lastTimestamp = _time.GetTimestamp();
    }

    /// <summary>The unit of utime and stime in <c>/proc/self/stat</c>: AT_CLKTCK from <c>/proc/self/auxv</c>, else 100.</summary>
    public long ClockTicksPerSecond { get; }

    /// <summary>Reads everything; the CPU percentage covers the time since the previous call (or construction).</summary>
    public SystemStats Read()
    {
        double? cpuPercent;
        lock (_gate)
        {
            double? cpuSeconds = ReadProcessCpuSeconds();
            long now = _time.GetTimestamp();
            double wallSeconds = _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
            cpuPercent = cpuSeconds is { } cpu && _lastCpuSeconds is { } last && wallSeconds > 0 && cpu >= last
                ? Math.Round(100 * (cpu - last) / wallSeconds, 1)
                : null;
            _lastCpuSeconds = cpuSeconds;
            _lastTimestamp = now;
        }

        return new SystemStats(cpuPercent, ReadResidentMegabytes(), ReadCpuTemperatureCelsius());
    }

    /// <summary>utime + stime of this process in seconds, or null.</summary>
    internal double? ReadProcessCpuSeconds()
    {
        string? stat = TryReadText(Path.Combine(_procRoot, "self", "stat"));
        if (stat is null)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so fields are counted from the last ')'.
        int close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        string[] fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int utimeIndex = 14 - 3, stimeIndex = 15 - 3;   // stat fields 14 and 15 (1-based); field 3 is first here
        if (fields.Length <= stimeIndex
            || !ulong.TryParse(fields[utimeIndex], NumberStyles.None, CultureInfo.InvariantCulture, out ulong utime)
            || !ulong.TryParse(fields[stimeIndex], NumberStyles.None, CultureInfo.InvariantCulture, out ulong stime))
        {
            return null;
        }

        return (double)(utime + stime) / ClockTicksPerSecond;
    }

    private double? ReadResidentMegabytes()
    {
        string? status = TryReadText(Path.Combine(_procRoot, "self", "status"));
        if (status is null)
        {
            return null;
        }

        foreach (string line in status.Split('\n'))
        {
            // "VmRSS:	   12345 kB"
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }

            string[] parts = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[1] == "kB"
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kilobytes))
            {
                return Math.Round(kilobytes / 1024.0, 1);
            }

            return null;
        }

        return null;
    }

    private double? ReadCpuTemperatureCelsius()
    {
        string thermal = Path.Combine(_sysRoot, "class", "thermal");
        double? hottest = null;
        try
        {
            if (!Directory.Exists(thermal))
            {
                return null;
            }

            // The zones are symbolic links to directories in sysfs; enumerate entries, not just directories.
            foreach (string zone in Directory.EnumerateFileSystemEntries(thermal, "thermal_zone*"))
            {
                string? text = TryReadText(Path.Combine(zone, "temp"));
                if (text is null
                    || !long.TryParse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long milliCelsius))
                {
                    continue;
                }

                double celsius = milliCelsius / 1000.0;
                if (celsius is >= MinPlausibleCelsius and <= MaxPlausibleCelsius && (hottest is null || celsius > hottest))
                {
                    hottest = celsius;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The zones read so far still count.
        }

        return hottest is { } t ? Math.Round(t, 1) : null;
    }

    private long? ReadClockTicksPerSecond()
    {
        byte[] auxv;
        try
        {
            auxv = File.ReadAllBytes(Path.Combine(_procRoot, "self", "auxv"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // Pairs of native words (type, value), ending with AT_NULL; the file is in this process's own layout.
        int word = IntPtr.Size;
        for (int offset = 0; offset + (2 * word) <= auxv.Length; offset += 2 * word)
        {
            ulong type = ReadWord(auxv.AsSpan(offset, word));
            if (type == 0)
            {
                break;
            }

            if (type == AuxvClockTicks)
            {
                ulong ticks = ReadWord(auxv.AsSpan(offset + word, word));
                return ticks is > 0 and <= 1_000_000 ? (long)ticks : null;
            }
        }

        return null;
    }

    private static ulong ReadWord(ReadOnlySpan<byte> bytes)
    {
        if (BitConverter.IsLittleEndian)
        {
            return bytes.Length == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        }

        return bytes.Length == 8 ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private static string? TryReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
