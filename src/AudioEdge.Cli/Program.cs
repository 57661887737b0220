using System.CommandLine;
using AudioEdge.Cli.Commands;

namespace AudioEdge.Cli;

/// <summary>
/// <c>audioedge</c>: every failure the user can cause ends as one line on stderr and a sysexits-style exit code
/// (<see cref="ExitCodes"/>), never a stack trace.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("AudioEdge: on-device smoke-alarm, CO-alarm and glass-break detection.")
        {
            FeaturesCommand.Create(output),
            SpectrogramCommand.Create(output),
            DevicesCommand.Create(output),
            SynthCommand.Create(output),
            ClassifyCommand.Create(output),
            EvalCommand.Create(output),
            RunCommand.Create(output, error),
            DemoCommand.Create(output),
            BenchCommand.Create(output),
        };

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line: the most specific problem and a pointer to help, not the whole usage text, which buries it.
            // ("Required command was not provided" accompanies an unknown command; the unknown token is the news.)
            string message = parse.Errors
                .Select(e => e.Message)
                .OrderBy(m => m.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0)
                .First();
            error.WriteLine($"audioedge: {message} (see 'audioedge --help')");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
        }
        catch (CliException ex)
        {
            error.WriteLine($"audioedge: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("audioedge: cancelled");
            return 130;
        }
        catch (Exception ex)
        {
            // A bug, not bad input; still one line, with the type so that it can be reported.
            error.WriteLine($"audioedge: internal error ({ex.GetType().Name}): {ex.Message}");
            return ExitCodes.Software;
        }
    }
}
