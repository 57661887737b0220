namespace AudioEdge.Cli.Tests;

/// <summary>The outcome of one in-process <c>audioedge</c> invocation.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary><c>audioedge synth KIND -o PATH --seconds S</c>, asserted to succeed: a test's input recording.</summary>
    public static void Synth(string kind, string path, double seconds)
    {
        CliRun run = Invoke("synth", kind, "-o", path, "--seconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(run.ExitCode, Is.Zero, run.Error);
    }

    /// <summary>Stderr lines, for the 'one clear line' contract.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
