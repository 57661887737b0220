using System.Text;
using System.Text.Json;

namespace AudioEdge.Telemetry.Tests;

[TestFixture]
public sealed class TelemetryReportJsonTests
{
    [Test]
    public void The_json_has_exactly_the_documented_fields_in_snake_case()
    {
        using JsonDocument json = JsonDocument.Parse(BusyReport().ToJsonUtf8());
        JsonElement root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(TelemetryPrivacy.TopLevelFields));
            Assert.That(root.EnumerateObject().Select(p => p.Name), Is.All.Matches<string>(TelemetryPrivacy.IsAllowedTopLevelField));
            Assert.That(root.GetProperty("audio_level_dbfs").EnumerateObject().Select(p => p.Name), Is.EqualTo(TelemetryPrivacy.AudioLevelFields));
            Assert.That(root.GetProperty("inference_latency_ms").EnumerateObject().Select(p => p.Name), Is.EqualTo(TelemetryPrivacy.LatencyFields));
            Assert.That(root.GetProperty("detections").EnumerateObject().Select(p => p.Name), Is.EqualTo(TestAggregators.DetectionLabels));
            Assert.That(root.GetProperty("score_histograms").EnumerateObject().Select(p => p.Name), Is.EqualTo(TestAggregators.ScoreLabels));
        });
    }

    [Test]
    public void The_json_carries_the_values()
    {
        using JsonDocument json = JsonDocument.Parse(BusyReport().ToJsonUtf8());
        JsonElement root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("audioedge-telemetry/1"));
            Assert.That(root.GetProperty("device_id").GetString(), Is.EqualTo("kitchen-1"));
            Assert.That(root.GetProperty("interval_start").GetString(), Is.EqualTo("2026-11-25T17:00:00.000Z"));
            Assert.That(root.GetProperty("interval_end").GetString(), Is.EqualTo("2026-11-25T17:05:00.250Z"));
            Assert.That(root.GetProperty("detections").GetProperty("smoke_alarm").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("score_histograms").GetProperty("alarm").GetArrayLength(), Is.EqualTo(10));
            Assert.That(root.GetProperty("audio_level_dbfs").GetProperty("p50").GetDouble(), Is.EqualTo(-40));
            Assert.That(root.GetProperty("clipped_samples").GetInt64(), Is.EqualTo(1600));
            Assert.That(root.GetProperty("inference_latency_ms").GetProperty("count").GetInt64(), Is.EqualTo(3000));
            Assert.That(root.GetProperty("dropped_samples").GetInt64(), Is.EqualTo(320));
            Assert.That(root.GetProperty("spectral_profile").GetArrayLength(), Is.EqualTo(8));
            Assert.That(root.GetProperty("epsilon").GetDouble(), Is.EqualTo(1.0));
            Assert.That(root.GetProperty("cpu_percent").ValueKind, Is.EqualTo(JsonValueKind.Null), "no reader: null, still present");
            Assert.That(root.GetProperty("model").GetString(), Is.EqualTo("audioedge-cnn@0.1.0"));
        });
    }

    [Test]
    public void No_array_is_longer_than_ten_and_the_payload_passes_the_privacy_check()
    {
        byte[] payload = BusyReport().ToJsonUtf8();
        using JsonDocument json = JsonDocument.Parse(payload);
        Assert.Multiple(() =>
        {
            Assert.That(LongestArray(json.RootElement), Is.LessThanOrEqualTo(10));
            Assert.That(TelemetryPrivacy.CheckPayload(payload), Is.Empty);
            Assert.That(TelemetryPrivacy.CheckPayload(TestAggregators.Create().TakeReport(TestAggregators.Start).ToJsonUtf8()), Is.Empty, "an empty report too");
        });
    }

    [Test]
    public void The_largest_possible_report_stays_under_2_KiB()
    {
        // Every bound at its maximum: 6 labels of 32 characters each kind, a 64-character device id and model,
        // counts of a day of 100 ms windows in every bin, 10-digit counters, every nullable filled.
        string[] scoreLabels = Enumerable.Range(0, TelemetryAggregator.MaxLabels).Select(i => new string((char)('a' + i), TelemetryAggregator.MaxLabelLength)).ToArray();
        string[] detectionLabels = scoreLabels.Select(l => l.Replace('a', 'z')).ToArray();
        var report = new TelemetryReport
        {
            DeviceId = new string('d', TelemetryAggregator.MaxDeviceIdLength),
            IntervalStart = TestAggregators.Start,
            IntervalEnd = TestAggregators.Start.AddDays(1),
            Detections = detectionLabels.ToDictionary(l => l, _ => 999_999),
            ScoreHistograms = scoreLabels.ToDictionary(l => l, _ => (IReadOnlyList<int>)Enumerable.Repeat(864_000, 10).ToArray()),
            AudioLevelDbfs = new AudioLevelPercentiles { P10 = -120, P50 = -100, P90 = -110 },
            ClippedSamples = 1_382_400_000,
            InferenceLatencyMs = new LatencyPercentiles { P50 = 0.0123, P95 = 1234.5, P99 = 100_000, Count = 864_000 },
            DroppedSamples = 1_382_400_000,
            Overruns = 9_999_999_999,
            Reconnects = 9_999_999_999,
            CpuPercent = 199.9,
            RssMb = 1234.5,
            CpuTemperatureC = -12.3,
            SpectralProfile = Enumerable.Repeat(-22.9, 8).ToArray(),
            Epsilon = 0.01,
            Model = new string('m', TelemetryAggregator.MaxModelLength),
        };
        byte[] payload = report.ToJsonUtf8();
        Assert.That(payload, Has.Length.LessThan(2048), Encoding.UTF8.GetString(payload));
        Assert.That(TelemetryPrivacy.CheckPayload(payload), Is.Empty);
    }

    [Test]
    public void A_report_round_trips()
    {
        TelemetryReport report = BusyReport();
        TelemetryReport back = TelemetryReport.FromJsonUtf8(report.ToJsonUtf8());
        Assert.Multiple(() =>
        {
            Assert.That(back.IntervalStart, Is.EqualTo(report.IntervalStart));
            Assert.That(back.IntervalEnd, Is.EqualTo(report.IntervalEnd));
            Assert.That(back.Detections, Is.EqualTo(report.Detections));
            Assert.That(back.ScoreHistograms["alarm"], Is.EqualTo(report.ScoreHistograms["alarm"]));
            Assert.That(back.SpectralProfile, Is.EqualTo(report.SpectralProfile));
            Assert.That(back.AudioLevelDbfs, Is.EqualTo(report.AudioLevelDbfs));
            Assert.That(back.InferenceLatencyMs, Is.EqualTo(report.InferenceLatencyMs));
            Assert.That(back with { Detections = report.Detections, ScoreHistograms = report.ScoreHistograms, SpectralProfile = report.SpectralProfile },
                Is.EqualTo(report));
        });
    }

    [Test]
    public void Interval_times_are_written_in_utc_whatever_their_offset()
    {
        TelemetryReport report = TestAggregators.Create().TakeReport(new DateTimeOffset(2026, 11, 25, 18, 5, 0, 7, TimeSpan.FromHours(1)));
        using JsonDocument json = JsonDocument.Parse(report.ToJsonUtf8());
        Assert.That(json.RootElement.GetProperty("interval_end").GetString(), Is.EqualTo("2026-11-25T17:05:00.007Z"));
    }

    /// <summary>Five minutes of a busy kitchen: one smoke alarm, 3000 windows, 3000 blocks, a profile.</summary>
    internal static TelemetryReport BusyReport()
    {
        TelemetryAggregator aggregator = TestAggregators.Create(noise: new Random(42));
        float[] block = TestAggregators.ConstantBlock(-40);
        float[] loud = Enumerable.Repeat(1f, 1600).ToArray();
        float[] frames = TestAggregators.Frames(10, -8f);
        for (int i = 0; i < 3000; i++)
        {
            aggregator.RecordAudioBlock(i == 0 ? loud : block);
            aggregator.RecordWindowScores([(i % 10) / 10f, 0.01f]);
            aggregator.RecordInferenceLatency(TimeSpan.FromMilliseconds(15 + (i % 7)));
            aggregator.RecordLogMelFrames(frames);
        }

        aggregator.RecordDetection("smoke_alarm");
        aggregator.RecordAudioSourceStatistics(320, 1, 0);
        return aggregator.TakeReport(TestAggregators.Start.AddMinutes(5).AddMilliseconds(250));
    }

    private static int LongestArray(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => Math.Max(element.GetArrayLength(), element.EnumerateArray().Select(LongestArray).DefaultIfEmpty(0).Max()),
        JsonValueKind.Object => element.EnumerateObject().Select(p => LongestArray(p.Value)).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}
