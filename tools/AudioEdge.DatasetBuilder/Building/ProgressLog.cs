using System.Diagnostics;
using System.Globalization;

namespace AudioEdge.DatasetBuilder.Building;

/// <summary>Progress lines on stderr with the elapsed time, at most one every two seconds per phase (plus the last).</summary>
internal sealed class ProgressLog(TextWriter writer)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private double _lastSeconds = double.NegativeInfinity;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Line(string message)
    {
        lock (_gate)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,7:F1} s] {message}"));
            writer.Flush();
        }
    }

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> unless a line was written less than 2 s ago.</summary>
    public void Step(string phase, int done, int total, string detail = "")
    {
        lock (_gate)
        {
            if (done < total && _clock.Elapsed.TotalSeconds - _lastSeconds < 2)
            {
                return;
            }

            _lastSeconds = _clock.Elapsed.TotalSeconds;
        }

        Line(string.Create(CultureInfo.InvariantCulture, $"{phase}: {done}/{total}{(detail.Length > 0 ? " " + detail : string.Empty)}"));
    }
}
