using System.Diagnostics;
using System.Globalization;

namespace AudioEdge.Benchmarking;

/// <summary>
/// The process's CPU time and memory as Linux reports them: <c>/proc/self/stat</c> (utime + stime, in USER_HZ
/// clock ticks, 100 per second on every Linux ABI) and <c>/proc/self/status</c> (VmRSS, VmHWM). Where /proc is not
/// readable the CPU time falls back to <see cref="Process.TotalProcessorTime"/> and memory is null ("n/a").
/// </summary>
public static class ProcessStats
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/pid/stat, fixed at 100 by the kernel's user ABI.</summary>
    public const int UserHz = 100;

    /// <summary>Process CPU time (user + system, all threads).</summary>
    public static TimeSpan CpuTime()
    {
        try
        {
            if (ParseStatCpuTicks(File.ReadAllText("/proc/self/stat")) is { } ticks)
            {
                return TimeSpan.FromSeconds(ticks / (double)UserHz);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Fall through to the portable counter.
        }

        using Process self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Resident set size now, bytes; null if unreadable.</summary>
    public static long? ResidentBytes() => ReadStatusField("VmRSS");

    /// <summary>Peak resident set size (high-water mark), bytes; null if unreadable.</summary>
    public static long? PeakResidentBytes() => ReadStatusField("VmHWM");

    /// <summary>
    /// Resets VmHWM to the current RSS (writes 5 to <c>/proc/self/clear_refs</c>, Linux ≥ 4.0), so that a run's
    /// peak is its own. False when the kernel or permissions do not allow it; the peak is then the process's.
    /// </summary>
    public static bool TryResetPeakResident()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>utime + stime in clock ticks from the text of /proc/pid/stat; null if it does not parse.</summary>
    /// <remarks>Fields are counted after the last ')' because the command name (field 2) may contain spaces and parentheses.</remarks>
    public static long? ParseStatCpuTicks(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        int close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        // After ')' come field 3 (state) onwards; utime is field 14 and stime field 15.
        string[] fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int utime = 14 - 3, stime = 15 - 3;
        if (fields.Length <= stime
            || !long.TryParse(fields[utime], NumberStyles.None, CultureInfo.InvariantCulture, out long user)
            || !long.TryParse(fields[stime], NumberStyles.None, CultureInfo.InvariantCulture, out long system))
        {
            return null;
        }

        return user + system;
    }

    /// <summary>A "Name:   1234 kB" field of /proc/pid/status text, in bytes; null if absent.</summary>
    public static long? ParseStatusField(string status, string name)
    {
        ArgumentNullException.ThrowIfNull(status);
        foreach (string line in status.Split('\n'))
        {
            if (!line.StartsWith(name + ":", StringComparison.Ordinal))
            {
                continue;
            }

            string[] parts = line[(name.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                bool kilobytes = parts.Length < 2 || parts[1].Equals("kB", StringComparison.OrdinalIgnoreCase);
                return kilobytes ? value * 1024 : value;
            }
        }

        return null;
    }

    private static long? ReadStatusField(string name)
    {
        try
        {
            return ParseStatusField(File.ReadAllText("/proc/self/status"), name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
