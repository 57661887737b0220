using System.Globalization;

namespace AudioEdge.Telemetry.Tests;

/// <summary>A temporary directory laid out like /proc/self and /sys/class/thermal, with files the tests write.</summary>
internal sealed class FakeSystemTree : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "audioedge-telemetry-" + Guid.NewGuid().ToString("N"));

    public FakeSystemTree()
    {
        Directory.CreateDirectory(Path.Combine(ProcRoot, "self"));
        Directory.CreateDirectory(Path.Combine(SysRoot, "class", "thermal"));
    }

    public string ProcRoot => Path.Combine(_root, "proc");

    public string SysRoot => Path.Combine(_root, "sys");

    /// <summary>A stat line like the kernel's, with a command name holding spaces and parentheses.</summary>
    public void WriteStat(long utimeTicks, long stimeTicks, string command = "audio edge (daemon)")
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"4242 ({command}) S 1 4242 4242 0 -1 4194560 12000 0 3 0 {utimeTicks} {stimeTicks} 0 0 20 0 9 0 171717 123456789 4321 18446744073709551615 1 1 0 0 0 0 0 4096 17642 0 0 0 17 1 0 0 0 0 0\n");
        File.WriteAllText(Path.Combine(ProcRoot, "self", "stat"), line);
    }

    public void WriteStatus(long rssKilobytes) => File.WriteAllText(Path.Combine(ProcRoot, "self", "status"), string.Create(CultureInfo.InvariantCulture,
        $"Name:\taudioedge\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t  912340 kB\nVmHWM:\t   99999 kB\nVmRSS:\t   {rssKilobytes} kB\nRssAnon:\t   40000 kB\nThreads:\t12\n"));

    public void WriteRaw(string relativePath, string content)
    {
        string path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void WriteRaw(string relativePath, byte[] content)
    {
        string path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    public void WriteThermalZone(int zone, string millidegrees)
    {
        string directory = Path.Combine(SysRoot, "class", "thermal", "thermal_zone" + zone.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "temp"), millidegrees + "\n");
        File.WriteAllText(Path.Combine(directory, "type"), "cpu-thermal\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
