using System.Diagnostics;
using System.Text;

namespace AudioEdge.Packaging.Tests;

/// <summary>Result of one external command.</summary>
internal sealed record ToolResult(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public string Describe() => $"{Command}: exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs external programs (dpkg-deb, the packaging scripts, the packaged audioedge) with a time limit.</summary>
internal static class Tool
{
    public static ToolResult Run(string program, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        string command = program + " " + string.Join(' ', info.ArgumentList);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + command);
        process.StandardInput.Close();
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{command} did not finish within {timeout}\n{output}\n{error}");
        }

        process.WaitForExit();
        return new ToolResult(command, process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs and asserts exit code 0.</summary>
    public static ToolResult Check(string program, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        ToolResult result = Run(program, arguments, timeout, workingDirectory, environment);
        Assert.That(result.ExitCode, Is.Zero, result.Describe);
        return result;
    }
}
