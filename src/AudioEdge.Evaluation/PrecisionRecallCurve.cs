namespace AudioEdge.Evaluation;

/// <summary>Precision and recall of "score ≥ threshold" at every distinct score, and the area under the curve.</summary>
public sealed class PrecisionRecallCurve
{
    private PrecisionRecallCurve(IReadOnlyList<PrecisionRecallPoint> points, double averagePrecision, int positives, int negatives)
    {
        Points = points;
        AveragePrecision = averagePrecision;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>From the highest threshold (low recall) to the lowest (recall 1).</summary>
    public IReadOnlyList<PrecisionRecallPoint> Points { get; }

    /// <summary>Σ (R_n − R_{n−1}) · P_n over the points: the step-wise area, as scikit-learn's average_precision_score. NaN without positives.</summary>
    public double AveragePrecision { get; }

    public int Positives { get; }

    public int Negatives { get; }

    public static PrecisionRecallCurve Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels.", nameof(labels));
        }

        int positives = labels.Count(l => l);
        int negatives = labels.Count - positives;
        int[] order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var points = new List<PrecisionRecallPoint>();
        int truePositives = 0, falsePositives = 0;
        double previousRecall = 0, area = 0;
        for (int k = 0; k < order.Length; k++)
        {
            int i = order[k];
            if (labels[i])
            {
                truePositives++;
            }
            else
            {
                falsePositives++;
            }

            // Tied scores form one threshold: emit a point only after the last of them.
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[i])
            {
                continue;
            }

            double precision = (double)truePositives / (truePositives + falsePositives);
            double recall = positives == 0 ? double.NaN : (double)truePositives / positives;
            points.Add(new PrecisionRecallPoint(scores[i], precision, recall));
            if (positives > 0)
            {
                area += (recall - previousRecall) * precision;
                previousRecall = recall;
            }
        }

        return new PrecisionRecallCurve(points, positives == 0 ? double.NaN : area, positives, negatives);
    }

    /// <summary>The lowest threshold whose precision is at least <paramref name="minimumPrecision"/> (the highest recall at that precision), or null.</summary>
    public PrecisionRecallPoint? BestRecallAtPrecision(double minimumPrecision) =>
        Points.Where(p => p.Precision >= minimumPrecision).OrderByDescending(p => p.Recall).ThenByDescending(p => p.Threshold).Cast<PrecisionRecallPoint?>().FirstOrDefault();
}
