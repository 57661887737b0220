using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// The real program as a child process: <c>dotnet &lt;test output&gt;/audioedge.dll ARGS</c>, with stdout and stderr
/// captured line by line (with the moment each line arrived), and the signals an init system sends: SIGTERM for a
/// clean stop, SIGKILL for a crash. Disposing kills a process a test left running.
/// </summary>
internal sealed partial class DaemonProcess : IDisposable
{
    private static readonly string[] InheritedVariablesToDrop =
        ["STATE_DIRECTORY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "INVOCATION_ID", "ALSA_CONFIG_PATH"];

    private readonly Process _process;
    private readonly List<OutputLine> _error = [];
    private readonly List<OutputLine> _output = [];
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DaemonProcess(Process process)
    {
        _process = process;
    }

    /// <summary>audioedge.dll in the test output (copied there by the project reference to the Cli).</summary>
    public static string Program => Path.Combine(TestContext.CurrentContext.TestDirectory, "audioedge.dll");

    /// <summary>The process id (for <c>kill</c>).</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Stderr so far (the daemon's log), one entry per line.</summary>
    public IReadOnlyList<OutputLine> ErrorLines
    {
        get
        {
            lock (_error)
            {
                return [.. _error];
            }
        }
    }

    /// <summary>Stderr so far as one text.</summary>
    public string Error => string.Join('\n', ErrorLines.Select(l => l.Text));

    /// <summary>Stdout so far as one text.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.Select(l => l.Text));
            }
        }
    }

    /// <summary>
    /// Starts <c>audioedge ARGS</c> in <paramref name="workingDirectory"/>. The child gets this process's environment
    /// without anything that would change the daemon's configuration or make it believe it runs under systemd
    /// (<c>AUDIOEDGE__*</c>, <c>STATE_DIRECTORY</c>, <c>NOTIFY_SOCKET</c>, ...), plus <paramref name="environment"/>.
    /// </summary>
    public static DaemonProcess Start(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        Assert.That(File.Exists(Program), Is.True, $"{Program} is missing: the test project must reference src/AudioEdge.Cli.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Program);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("AUDIOEDGE__", StringComparison.OrdinalIgnoreCase) || InheritedVariablesToDrop.Contains(key, StringComparer.Ordinal))
            {
                start.Environment.Remove(key);
            }
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var daemon = new DaemonProcess(process);
        process.ErrorDataReceived += (_, e) => daemon.Append(daemon._error, daemon._errorClosed, e.Data);
        process.OutputDataReceived += (_, e) => daemon.Append(daemon._output, daemon._outputClosed, e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"started audioedge (pid {process.Id}): {string.Join(' ', start.ArgumentList.Skip(1))}"));
        return daemon;
    }

    /// <summary>The events the daemon logged as detected ("&lt;label&gt; detected (event &lt;id&gt;, ..."), in order.</summary>
    public IReadOnlyList<LoggedDetection> Detections() =>
        [.. ErrorLines
            .Select(l => (Line: l, Match: DetectedLine().Match(l.Text)))
            .Where(x => x.Match.Success)
            .Select(x => new LoggedDetection(x.Match.Groups["label"].Value, x.Match.Groups["id"].Value, x.Line.ReceivedAt))];

    /// <summary>Waits until the daemon has logged detections satisfying <paramref name="condition"/>; fails if it exits first or on timeout.</summary>
    public Task<IReadOnlyList<LoggedDetection>> WaitForDetectionsAsync(Func<IReadOnlyList<LoggedDetection>, bool> condition, string what, TimeSpan timeout) =>
        WaitForAsync(Detections, condition, what, timeout);

    /// <summary>Waits until a stderr line satisfies <paramref name="match"/>; fails if the process exits first or on timeout.</summary>
    public async Task<string> WaitForErrorLineAsync(Func<string, bool> match, string what, TimeSpan timeout)
    {
        IReadOnlyList<OutputLine> lines = await WaitForAsync(() => ErrorLines, l => l.Any(x => match(x.Text)), what, timeout).ConfigureAwait(false);
        return lines.First(x => match(x.Text)).Text;
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails if the process exits first or on timeout.</summary>
    public Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan timeout) => WaitForAsync(condition, ok => ok, what, timeout);

    /// <summary>Count of stderr lines satisfying <paramref name="match"/>.</summary>
    public int CountErrorLines(Func<string, bool> match) => ErrorLines.Count(l => match(l.Text));

    /// <summary>Sends SIGTERM, what systemd sends on <c>systemctl stop</c>.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>Sends SIGKILL: a crash, nothing runs after it.</summary>
    public void Kill()
    {
        Signal("KILL");
        _process.WaitForExit();
    }

    /// <summary>Waits for the process to end and returns its exit code; fails (after killing it) on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            Assert.Fail($"audioedge (pid {Id}) did not exit within {timeout.TotalSeconds} s; stderr:\n{Error}");
        }

        // The exit races the last output lines: wait for both streams to close so the log is complete.
        await Task.WhenAll(_errorClosed.Task, _outputClosed.Task).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Kills the process if a test left it running.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private async Task<T> WaitForAsync<T>(Func<T> snapshot, Func<T, bool> condition, string what, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            T value = snapshot();
            if (condition(value))
            {
                return value;
            }

            if (_process.HasExited)
            {
                // One last look: the line may have arrived together with the exit.
                await Task.WhenAll(_errorClosed.Task, _outputClosed.Task).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                value = snapshot();
                if (condition(value))
                {
                    return value;
                }

                Assert.Fail($"audioedge exited with code {_process.ExitCode} before {what}; stderr:\n{Error}");
            }

            if (deadline.Elapsed > timeout)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for {what}; stderr:\n{Error}");
            }

            await Task.Delay(25).ConfigureAwait(false);
        }
    }

    private void Signal(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }

        using Process kill = System.Diagnostics.Process.Start("/bin/kill", ["-" + signal, Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private void Append(List<OutputLine> lines, TaskCompletionSource closed, string? text)
    {
        if (text is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (lines)
        {
            lines.Add(new OutputLine(text, DateTime.UtcNow));
        }
    }

    [GeneratedRegex(@"\b(?<label>smoke_alarm|co_alarm|glass_break) detected \(event (?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex DetectedLine();
}
