using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AudioEdge.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/AudioEdge.Benchmarks -- --filter '*'</c>
/// (or <c>./build.sh --target=bench</c>). Exits non-zero when any benchmark failed to run.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
