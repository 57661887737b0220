using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AudioEdge.Testing;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// The daemon as systemd runs it (<c>Type=notify</c>, <c>WatchdogSec=</c>): it sends READY=1 on the notify socket
/// once started, then WATCHDOG=1 at half the watchdog interval, and logs with journald's priority prefixes. systemd
/// itself cannot run here; the test plays its part: a datagram socket named by <c>NOTIFY_SOCKET</c>,
/// <c>WATCHDOG_USEC</c>, and a parent process whose name is <c>systemd</c> (a copy of /bin/sh by that name), which
/// is how .NET 10's SystemdHelpers recognises a systemd service.
/// </summary>
[TestFixture]
public sealed class SystemdNotifyTests
{
    [Test]
    public void Under_systemd_the_daemon_reports_ready_then_pings_the_watchdog_and_logs_with_journal_priorities()
    {
        const string device = "e2e-systemd";
        using var scratch = new ScratchDirectory();
        string silence = TestAudio.SilentWav(scratch.File("silence.wav"), 30);
        using var broker = new MosquittoBroker();
        broker.Start();
        DaemonSettings settings = DaemonSettings.ForFile(device, scratch.Folder("state"), broker, silence, exitAtEnd: false, realTime: true);

        string socketPath = scratch.File("notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        notify.ReceiveTimeout = 20_000;

        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        string fakeSystemd = scratch.File("systemd");
        File.Copy("/bin/sh", fakeSystemd);
        string pidFile = scratch.File("daemon.pid");
        var start = new ProcessStartInfo(fakeSystemd) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = scratch.Path };
        start.ArgumentList.Add("-c");
        // Not exec: the shell named systemd must stay the daemon's parent.
        start.ArgumentList.Add("\"$@\" & echo $! > \"$PID_FILE\"; wait $!");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(dotnet);
        start.ArgumentList.Add(DaemonProcess.Program);
        foreach (string argument in settings.RunArguments())
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("AUDIOEDGE__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["PID_FILE"] = pidFile;
        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["WATCHDOG_USEC"] = "2000000"; // WatchdogSec=2: a ping at least every second
        var stderr = new StringBuilder();
        using Process daemon = Process.Start(start)!;
        daemon.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        daemon.BeginErrorReadLine();
        daemon.BeginOutputReadLine();
        try
        {
            var received = new List<string>();
            var buffer = new byte[4096];
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (received.Count(m => m.Contains("WATCHDOG=1", StringComparison.Ordinal)) < 3 && DateTime.UtcNow < deadline)
            {
                int length;
                try
                {
                    length = notify.Receive(buffer);
                }
                catch (SocketException)
                {
                    break; // timed out: the assertions below say what was missing
                }

                received.Add(Encoding.UTF8.GetString(buffer, 0, length));
            }

            Assert.That(received, Has.Some.Contains("READY=1"), "READY after start-up");
            int ready = received.FindIndex(m => m.Contains("READY=1", StringComparison.Ordinal));
            Assert.That(received.Skip(ready + 1).Count(m => m.Contains("WATCHDOG=1", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2), "watchdog pings after READY");
        }
        finally
        {
            string daemonPid = File.Exists(pidFile) ? File.ReadAllText(pidFile).Trim() : daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Process.Start("kill", ["-TERM", daemonPid])!.WaitForExit();
            Assert.That(daemon.WaitForExit(30_000), Is.True, "stops on SIGTERM");
        }

        string log;
        lock (stderr)
        {
            log = stderr.ToString();
        }

        string[] lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(daemon.ExitCode, Is.Zero, log);
        Assert.That(lines, Is.Not.Empty);
        // journald's <N> priority prefix (sd-daemon(3)): <6> info, <4> warning, ...
        Assert.That(lines, Is.All.Match(@"^<[0-7]>"), log);
    }
}
