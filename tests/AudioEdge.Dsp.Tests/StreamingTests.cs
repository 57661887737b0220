using AudioEdge.Testing;
using AudioEdge.Dsp.Simd;

namespace AudioEdge.Dsp.Tests;

/// <summary>Streaming equals offline: the front end is fed ALSA-period-sized chunks on the device and whole files in tools.</summary>
[TestFixture]
[Category("FrontEnd")]
public sealed class StreamingTests
{
    [Test]
    public void Any_chunking_gives_bit_identical_frames(
        [Values(SimdLevel.Scalar, SimdLevel.Vector128, SimdLevel.Vector256)] SimdLevel level,
        [Values(1, 2, 3)] int seed)
    {
        float[] signal = TestSignals.Noise(16000 + (seed * 37), 0.5, seed);
        float[] offline = LogMelFrontEnd.ComputeAll(signal, null, level);

        var random = new Random(seed);
        var frontEnd = new LogMelFrontEnd(null, level);
        var streamed = new List<float>();
        var output = new float[400 * 64];
        int position = 0;
        while (position < signal.Length)
        {
            // Mix of empty, tiny, period-sized (ALSA 256/1024) and large chunks.
            int chunk = random.Next(6) switch
            {
                0 => 0,
                1 => 1,
                2 => random.Next(2, 160),
                3 => 256,
                4 => 1024,
                _ => random.Next(1, 6000),
            };
            chunk = Math.Min(chunk, signal.Length - position);
            int expected = frontEnd.FramesAfter(chunk);
            int frames = frontEnd.Process(signal.AsSpan(position, chunk), output);
            Assert.That(frames, Is.EqualTo(expected));
            streamed.AddRange(output.AsSpan(0, frames * 64).ToArray());
            position += chunk;
        }

        Assert.That(streamed, Is.EqualTo(offline), "bit-identical, not merely close");
        Assert.That(frontEnd.FramesProduced, Is.EqualTo(LogMelFrontEnd.FrameCount(signal.Length)));
    }

    [Test]
    public void Frame_count_follows_window_and_hop()
    {
        Assert.That(LogMelFrontEnd.FrameCount(399), Is.Zero);
        Assert.That(LogMelFrontEnd.FrameCount(400), Is.EqualTo(1));
        Assert.That(LogMelFrontEnd.FrameCount(559), Is.EqualTo(1));
        Assert.That(LogMelFrontEnd.FrameCount(560), Is.EqualTo(2));
        Assert.That(LogMelFrontEnd.FrameCount(16000), Is.EqualTo(98));
    }

    [Test]
    public void A_too_small_output_is_rejected_before_anything_is_consumed()
    {
        var frontEnd = new LogMelFrontEnd();
        float[] signal = TestSignals.Noise(1000, 0.5, 3);
        Assert.That(() => frontEnd.Process(signal, new float[64]), Throws.ArgumentException);

        var output = new float[64 * 4];
        Assert.That(frontEnd.Process(signal, output), Is.EqualTo(4), "the failed call must not have consumed samples");
        Assert.That(output.AsSpan(0, 4 * 64).ToArray(), Is.EqualTo(LogMelFrontEnd.ComputeAll(signal)));
    }

    [Test]
    public void Reset_starts_a_new_stream()
    {
        var frontEnd = new LogMelFrontEnd();
        float[] signal = TestSignals.Noise(800, 0.5, 5);
        var output = new float[64 * 4];
        frontEnd.Process(signal.AsSpan(0, 300), output);
        frontEnd.Reset();
        int frames = frontEnd.Process(signal, output);
        Assert.That(output.AsSpan(0, frames * 64).ToArray(), Is.EqualTo(LogMelFrontEnd.ComputeAll(signal)));
    }

    [Test]
    public void Steady_state_processing_allocates_nothing(
        [Values(SimdLevel.Scalar, SimdLevel.Vector128, SimdLevel.Vector256)] SimdLevel level)
    {
        var frontEnd = new LogMelFrontEnd(null, level);
        float[] period = TestSignals.Noise(256, 0.5, 9);
        var output = new float[64 * 4];
        long frames = 0;
        long allocated = SteadyState.MinimumAllocatedBytes(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                frames += frontEnd.Process(period, output);
            }
        });

        Assert.That(frames, Is.GreaterThan(7000));
        Assert.That(allocated, Is.Zero, $"{allocated} bytes in the best round of 500 periods");
    }
}
