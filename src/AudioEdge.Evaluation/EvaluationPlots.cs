using ScottPlot;

namespace AudioEdge.Evaluation;

/// <summary>The pictures of an evaluation report: precision-recall curves and score timelines of misses and false alarms.</summary>
public static class EvaluationPlots
{
    /// <summary>One precision-recall curve per label, with the operating threshold marked.</summary>
    public static void SavePrecisionRecall(string path, IReadOnlyDictionary<string, PrecisionRecallCurve> curves, IReadOnlyDictionary<string, double> thresholds, string title)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(thresholds);
        var plot = new Plot();
        foreach ((string label, PrecisionRecallCurve curve) in curves)
        {
            if (curve.Points.Count == 0 || curve.Positives == 0)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(curve.Points.Select(p => p.Recall).ToArray(), curve.Points.Select(p => p.Precision).ToArray());
            line.LegendText = $"{label} (AP {curve.AveragePrecision:F3})";
            line.LineWidth = 2;
            if (thresholds.TryGetValue(label, out double threshold))
            {
                PrecisionRecallPoint? operating = curve.Points.Where(p => p.Threshold >= threshold).Cast<PrecisionRecallPoint?>().LastOrDefault();
                if (operating is { } point)
                {
                    var marker = plot.Add.Marker(point.Recall, point.Precision);
                    marker.Size = 10;
                    marker.Color = line.Color;
                    marker.LegendText = $"{label} threshold {threshold:F2}";
                }
            }
        }

        plot.Axes.SetLimits(0, 1.02, 0, 1.02);
        plot.XLabel("Recall");
        plot.YLabel("Precision");
        plot.Title(title);
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, 800, 600);
    }

    /// <summary>Score per label over a recording's time, with thresholds and the expected / detected event spans shaded.</summary>
    public static void SaveScoreTimeline(
        string path,
        string title,
        IReadOnlyList<double> times,
        IReadOnlyDictionary<string, double[]> scores,
        IReadOnlyDictionary<string, double> thresholds,
        IReadOnlyList<(double Start, double End, string Label)> events)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(events);
        var plot = new Plot();
        foreach ((double start, double end, string label) in events)
        {
            var span = plot.Add.HorizontalSpan(start, Math.Max(end, start + 0.05));
            span.FillStyle.Color = Colors.Orange.WithAlpha(0.25);
            span.LegendText = label;
        }

        double[] x = times.ToArray();
        foreach ((string label, double[] values) in scores)
        {
            var line = plot.Add.ScatterLine(x, values);
            line.LegendText = label;
            line.LineWidth = 1.5f;
            if (thresholds.TryGetValue(label, out double threshold))
            {
                var rule = plot.Add.HorizontalLine(threshold);
                rule.Color = line.Color;
                rule.LinePattern = LinePattern.Dashed;
            }
        }

        plot.Axes.SetLimitsY(-0.02, 1.02);
        plot.XLabel("Time (s)");
        plot.YLabel("Score");
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 350);
    }
}
