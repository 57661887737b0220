using AudioEdge.Testing;

namespace AudioEdge.Telemetry.Tests;

/// <summary>The audio and inference threads call the Record methods every 100 ms: they must not allocate.</summary>
[TestFixture]
public sealed class HotPathAllocationTests
{
    [Test]
    public void Record_methods_allocate_nothing_in_steady_state()
    {
        TelemetryAggregator aggregator = TestAggregators.Create();
        float[] block = TestAggregators.ConstantBlock(-35);
        float[] scores = [0.3f, 0.8f];
        float[] frames = TestAggregators.Frames(10, -7f);
        TimeSpan latency = TimeSpan.FromMilliseconds(17);
        long cumulative = 0;

        long allocated = SteadyState.MinimumAllocatedBytes(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                aggregator.RecordAudioBlock(block);
                aggregator.RecordWindowScores(scores);
                aggregator.RecordLogMelFrames(frames);
                aggregator.RecordInferenceLatency(latency);
                aggregator.RecordAudioSourceStatistics(cumulative += 3, cumulative / 100, 0);
                if (i % 100 == 0)
                {
                    aggregator.RecordDetection("glass_break");
                }
            }
        });

        Assert.That(allocated, Is.Zero);
        Assert.That(aggregator.TakeReport(TestAggregators.Start).AudioLevelDbfs.P50, Is.EqualTo(-35), "the work was done");
    }
}
