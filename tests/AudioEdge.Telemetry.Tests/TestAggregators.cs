namespace AudioEdge.Telemetry.Tests;

/// <summary>Aggregators configured like the product (labels of the current model and detector).</summary>
internal static class TestAggregators
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 17, 0, 0, TimeSpan.Zero);

    public static readonly string[] ScoreLabels = ["alarm", "glass_break"];

    public static readonly string[] DetectionLabels = ["smoke_alarm", "co_alarm", "glass_break"];

    public static TelemetryAggregator Create(
        TelemetryOptions? options = null, Random? noise = null, SystemStatsReader? systemStats = null) =>
        new("kitchen-1", "audioedge-cnn@0.1.0", ScoreLabels, DetectionLabels, options ?? new TelemetryOptions(), Start,
            systemStats, noise ?? new Random(1));

    /// <summary>One 100 ms block of constant value: its RMS is |value| exactly.</summary>
    public static float[] ConstantBlock(double dbfs) => Enumerable.Repeat((float)Math.Pow(10, dbfs / 20), 1600).ToArray();

    /// <summary>Log-mel frames (64 bands) all of one value.</summary>
    public static float[] Frames(int count, float value) => Enumerable.Repeat(value, count * 64).ToArray();
}
