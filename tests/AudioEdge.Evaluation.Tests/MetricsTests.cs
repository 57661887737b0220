namespace AudioEdge.Evaluation.Tests;

[TestFixture]
public sealed class MetricsTests
{
    [Test]
    public void Binary_rates_follow_their_definitions()
    {
        var counts = new BinaryCounts(TruePositives: 8, FalsePositives: 2, FalseNegatives: 4, TrueNegatives: 86);
        Assert.That(counts.Precision, Is.EqualTo(0.8).Within(1e-12));
        Assert.That(counts.Recall, Is.EqualTo(8.0 / 12).Within(1e-12));
        Assert.That(counts.F1, Is.EqualTo(2 * 0.8 * (8.0 / 12) / (0.8 + (8.0 / 12))).Within(1e-12));
        Assert.That(counts.FalsePositiveRate, Is.EqualTo(2.0 / 88).Within(1e-12));
    }

    [Test]
    public void Undefined_rates_are_NaN_not_a_flattering_number()
    {
        var none = default(BinaryCounts).With(actual: false, predicted: false);
        Assert.That(none.Precision, Is.NaN);
        Assert.That(none.Recall, Is.NaN);
        Assert.That(none.FalsePositiveRate, Is.Zero);
    }

    [Test]
    public void Wilson_intervals_match_the_formula_and_stay_inside_zero_to_one()
    {
        // Reference values from the Wilson score formula evaluated independently (Python, float64).
        (double lower, double upper) = BinaryCounts.WilsonInterval(25, 27);
        Assert.That(lower, Is.EqualTo(0.7663040731697686).Within(1e-12));
        Assert.That(upper, Is.EqualTo(0.9794453459390113).Within(1e-12));
        (lower, upper) = BinaryCounts.WilsonInterval(1, 346);
        Assert.That(lower, Is.EqualTo(0.0005103688902238987).Within(1e-12));
        Assert.That(upper, Is.EqualTo(0.016187076976785467).Within(1e-12));
        // All or none seen: the interval is not empty, and it is clamped to [0, 1].
        Assert.That(BinaryCounts.WilsonInterval(27, 27).Lower, Is.EqualTo(0.8754449702581328).Within(1e-12));
        Assert.That(BinaryCounts.WilsonInterval(27, 27).Upper, Is.EqualTo(1.0));
        Assert.That(BinaryCounts.WilsonInterval(0, 5).Lower, Is.Zero);
        Assert.That(BinaryCounts.WilsonInterval(0, 5).Upper, Is.EqualTo(0.43448246478317476).Within(1e-12));
        Assert.That(BinaryCounts.WilsonInterval(0, 0).Lower, Is.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryCounts.WilsonInterval(3, 2));

        var counts = new BinaryCounts(TruePositives: 25, FalsePositives: 1, FalseNegatives: 2, TrueNegatives: 345);
        Assert.That(counts.RecallInterval, Is.EqualTo(BinaryCounts.WilsonInterval(25, 27)));
        Assert.That(counts.FalsePositiveRateInterval, Is.EqualTo(BinaryCounts.WilsonInterval(1, 346)));
    }

    [Test]
    public void With_counts_each_outcome_in_its_cell()
    {
        BinaryCounts counts = default(BinaryCounts).With(true, true).With(false, true).With(true, false).With(false, false).With(true, true);
        Assert.That(counts, Is.EqualTo(new BinaryCounts(2, 1, 1, 1)));
        Assert.That(counts + counts, Is.EqualTo(new BinaryCounts(4, 2, 2, 2)));
    }

    [Test]
    public void Precision_recall_curve_matches_a_hand_computed_example()
    {
        // Sorted by score: P(0.9) N(0.8) P(0.7) P(0.6) N(0.2)
        double[] scores = [0.7, 0.2, 0.9, 0.6, 0.8];
        bool[] labels = [true, false, true, true, false];

        PrecisionRecallCurve curve = PrecisionRecallCurve.Compute(scores, labels);

        Assert.That(curve.Points.Select(p => p.Threshold), Is.EqualTo(new[] { 0.9, 0.8, 0.7, 0.6, 0.2 }));
        Assert.That(curve.Points.Select(p => p.Precision), Is.EqualTo(new[] { 1.0, 0.5, 2.0 / 3, 0.75, 0.6 }).Within(1e-12));
        Assert.That(curve.Points.Select(p => p.Recall), Is.EqualTo(new[] { 1.0 / 3, 1.0 / 3, 2.0 / 3, 1.0, 1.0 }).Within(1e-12));

        // AP = 1/3·1 + 0·0.5 + 1/3·2/3 + 1/3·3/4 (as scikit-learn computes it).
        Assert.That(curve.AveragePrecision, Is.EqualTo((1.0 / 3) + (2.0 / 9) + 0.25).Within(1e-12));
        Assert.That(curve.BestRecallAtPrecision(0.7), Is.EqualTo(new PrecisionRecallPoint(0.6, 0.75, 1.0)));
        Assert.That(curve.BestRecallAtPrecision(1.01), Is.Null);
    }

    [Test]
    public void Tied_scores_are_one_threshold()
    {
        PrecisionRecallCurve curve = PrecisionRecallCurve.Compute([0.5, 0.5, 0.5], [true, false, true]);
        Assert.That(curve.Points, Has.Count.EqualTo(1));
        Assert.That(curve.Points[0].Precision, Is.EqualTo(2.0 / 3).Within(1e-12));
    }

    [Test]
    public void Confusion_matrix_counts_and_renders_rows_as_truth()
    {
        var matrix = new ConfusionMatrix(["none", "smoke_alarm", "glass_break"]);
        matrix.Add("smoke_alarm", "smoke_alarm");
        matrix.Add("smoke_alarm", "smoke_alarm");
        matrix.Add("none", "glass_break");

        Assert.That(matrix["smoke_alarm", "smoke_alarm"], Is.EqualTo(2));
        Assert.That(matrix["none", "glass_break"], Is.EqualTo(1));
        Assert.That(matrix.ToMarkdown(), Does.Contain("| none | 0 | 0 | 1 |").And.Contain("| smoke_alarm | 0 | 2 | 0 |"));
        Assert.That(() => matrix.Add("co_alarm", "none"), Throws.ArgumentException);
    }

    [Test]
    public void Latency_uses_nearest_rank_percentiles()
    {
        LatencySummary summary = LatencySummary.From(Enumerable.Range(1, 20).Select(i => i / 10.0));
        Assert.That(summary, Is.EqualTo(new LatencySummary(20, 1.0, 1.9, 2.0)));
        Assert.That(LatencySummary.From([]).Count, Is.Zero);
    }
}
