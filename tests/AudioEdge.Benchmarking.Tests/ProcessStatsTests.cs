namespace AudioEdge.Benchmarking.Tests;

public class ProcessStatsTests
{
    [Test]
    public void Cpu_ticks_are_utime_plus_stime_even_with_spaces_and_parentheses_in_the_name()
    {
        const string stat = "4242 (my (odd) prog) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 37 0 0 20 0 7 0 123456 0 0";
        Assert.That(ProcessStats.ParseStatCpuTicks(stat), Is.EqualTo(287));
    }

    [TestCase("")]
    [TestCase("no parenthesis 1 2 3")]
    [TestCase("1 (short) S 1 2")]
    public void Malformed_stat_is_null(string stat) => Assert.That(ProcessStats.ParseStatCpuTicks(stat), Is.Null);

    [Test]
    public void Status_fields_are_read_in_bytes()
    {
        const string status = "Name:\taudioedge\nVmPeak:\t  912345 kB\nVmHWM:\t   61440 kB\nVmRSS:\t   51200 kB\nThreads:\t9\n";
        Assert.Multiple(() =>
        {
            Assert.That(ProcessStats.ParseStatusField(status, "VmHWM"), Is.EqualTo(61440L * 1024));
            Assert.That(ProcessStats.ParseStatusField(status, "VmRSS"), Is.EqualTo(51200L * 1024));
            Assert.That(ProcessStats.ParseStatusField(status, "VmSwap"), Is.Null);
        });
    }

    [Test]
    public void This_process_reports_cpu_time_and_memory()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ProcessStats.CpuTime(), Is.GreaterThan(TimeSpan.Zero));
            if (OperatingSystem.IsLinux())
            {
                Assert.That(ProcessStats.ResidentBytes(), Is.GreaterThan(0));
                Assert.That(ProcessStats.PeakResidentBytes(), Is.GreaterThanOrEqualTo(ProcessStats.ResidentBytes()! - (16L << 20)));
            }
        });
    }
}
