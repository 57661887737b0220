using AudioEdge.Testing;
using System.Diagnostics;
using AudioEdge.Audio.Buffering;

namespace AudioEdge.Audio.Tests.Buffering;

[TestFixture]
public sealed class AudioRingBufferTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Test]
    public void Samples_come_out_in_order_across_many_wrap_arounds()
    {
        var ring = new AudioRingBuffer(7);
        var destination = new float[5];
        float next = 0;
        float expected = 0;
        var random = new Random(1);
        var buffer = new float[8];
        for (int round = 0; round < 500; round++)
        {
            Span<float> chunk = buffer.AsSpan(0, random.Next(1, 8));
            int room = ring.Capacity - ring.Count;
            for (int i = 0; i < chunk.Length; i++)
            {
                chunk[i] = next + i;
            }

            int written = ring.Write(chunk);
            Assert.That(written, Is.EqualTo(Math.Min(room, chunk.Length)));
            next += written;

            int read = ring.Read(destination.AsSpan(0, random.Next(1, 6)));
            for (int i = 0; i < read; i++)
            {
                Assert.That(destination[i], Is.EqualTo(expected++));
            }
        }

        Assert.That(ring.DroppedSamples, Is.GreaterThan(0), "the random pattern also exercised overflow");
    }

    [Test]
    public void A_full_ring_drops_the_newest_samples_and_counts_them()
    {
        var ring = new AudioRingBuffer(4);
        Assert.Multiple(() =>
        {
            Assert.That(ring.Write([1, 2, 3]), Is.EqualTo(3));
            Assert.That(ring.Write([4, 5, 6]), Is.EqualTo(1));
            Assert.That(ring.Write([7]), Is.Zero);
            Assert.That(ring.DroppedSamples, Is.EqualTo(3));
            Assert.That(ring.Count, Is.EqualTo(4));
        });

        var destination = new float[10];
        Assert.That(ring.Read(destination), Is.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(destination[..4], Is.EqualTo(new float[] { 1, 2, 3, 4 }));
            Assert.That(ring.Count, Is.Zero);
            Assert.That(ring.Write([8, 9]), Is.EqualTo(2), "space is reusable after a read");
            Assert.That(ring.DroppedSamples, Is.EqualTo(3));
        });
    }

    [Test]
    public void A_blocked_reader_is_woken_by_the_writer()
    {
        var ring = new AudioRingBuffer(16);
        using var readerStarted = new ManualResetEventSlim();
        var destination = new float[8];
        Task<int> reader = Task.Factory.StartNew(
            () =>
            {
                readerStarted.Set();
                return ring.Read(destination);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        readerStarted.Wait(Patience);
        Assert.That(reader.Wait(TimeSpan.FromMilliseconds(100)), Is.False, "the reader blocks while the ring is empty");

        ring.Write([0.25f, 0.5f]);
        Assert.That(reader.Wait(Patience), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(reader.Result, Is.EqualTo(2));
            Assert.That(destination[..2], Is.EqualTo(new[] { 0.25f, 0.5f }));
        });
    }

    [Test]
    public void A_blocked_read_honours_cancellation()
    {
        var ring = new AudioRingBuffer(16);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var stopwatch = Stopwatch.StartNew();
        Assert.That(() => ring.Read(new float[4], cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(stopwatch.Elapsed, Is.LessThan(Patience));
    }

    [Test]
    public void A_cancelled_token_does_not_prevent_reading_samples_that_are_there()
    {
        var ring = new AudioRingBuffer(4);
        ring.Write([1]);
        Assert.That(ring.Read(new float[4], new CancellationToken(canceled: true)), Is.EqualTo(1));
    }

    [Test]
    public void Complete_lets_the_reader_drain_then_returns_zero()
    {
        var ring = new AudioRingBuffer(8);
        ring.Write([1, 2, 3]);
        ring.Complete();
        var destination = new float[2];
        Assert.Multiple(() =>
        {
            Assert.That(ring.IsCompleted, Is.True);
            Assert.That(ring.Read(destination), Is.EqualTo(2));
            Assert.That(ring.Read(destination), Is.EqualTo(1));
            Assert.That(destination[0], Is.EqualTo(3));
            Assert.That(ring.Read(destination), Is.Zero);
            Assert.That(ring.Read(destination), Is.Zero, "and stays at the end");
            Assert.That(() => ring.Write([4]), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void Complete_wakes_a_blocked_reader()
    {
        var ring = new AudioRingBuffer(8);
        Task<int> reader = Task.Factory.StartNew(
            () => ring.Read(new float[4]), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Thread.Sleep(50);
        ring.Complete();
        Assert.That(reader.Wait(Patience), Is.True);
        Assert.That(reader.Result, Is.Zero);
    }

    [Test]
    public void Write_and_non_blocking_Read_allocate_nothing()
    {
        var ring = new AudioRingBuffer(1000);
        var samples = new float[300];
        var destination = new float[300];
        long allocated = SteadyState.MinimumAllocatedBytes(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                ring.Write(samples);
                ring.Read(destination);
            }
        });

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Rejects_a_capacity_below_one()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new AudioRingBuffer(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new AudioRingBuffer(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public void Two_threads_under_stress_deliver_every_sample_in_order()
    {
        // A small ring and irregular chunks force constant wrap-around, full and empty states, and blocking reads.
        // The writer retries what did not fit, so nothing may be lost: the reader must see 0, 1, 2, … exactly.
        const int total = 2_000_000;
        var ring = new AudioRingBuffer(1021);
        var stopwatch = Stopwatch.StartNew();
        var writer = Task.Factory.StartNew(
            () =>
            {
                var random = new Random(7);
                var chunk = new float[300];
                int next = 0;
                while (next < total)
                {
                    int size = Math.Min(random.Next(1, chunk.Length), total - next);
                    for (int i = 0; i < size; i++)
                    {
                        chunk[i] = next + i;
                    }

                    next += ring.Write(chunk.AsSpan(0, size));
                    if (random.Next(64) == 0)
                    {
                        Thread.Yield();
                    }
                }

                ring.Complete();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var destination = new float[257];
        var reads = new Random(8);
        long expected = 0;
        long mismatches = 0;
        while (true)
        {
            int read = ring.Read(destination.AsSpan(0, reads.Next(1, destination.Length)));
            if (read == 0)
            {
                break;
            }

            for (int i = 0; i < read; i++)
            {
                // Floats hold integers exactly up to 2^24, well above the total.
                if (destination[i] != expected++)
                {
                    mismatches++;
                }
            }
        }

        Assert.That(writer.Wait(Patience), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(mismatches, Is.Zero);
            Assert.That(expected, Is.EqualTo(total));
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
        TestContext.Out.WriteLine($"{total} samples in {stopwatch.ElapsedMilliseconds} ms, {ring.DroppedSamples} rejected writes retried");
    }

    [Test]
    [CancelAfter(10_000)]
    public void Under_overflow_the_reader_sees_an_ordered_subsequence_and_every_loss_is_counted()
    {
        // The writer never retries, so a slow reader makes it drop; received + dropped must still add up.
        const int total = 1 << 20; // a whole number of 128-sample chunks
        var ring = new AudioRingBuffer(509);
        var writer = Task.Factory.StartNew(
            () =>
            {
                var chunk = new float[128];
                for (int next = 0; next < total; next += chunk.Length)
                {
                    for (int i = 0; i < chunk.Length; i++)
                    {
                        chunk[i] = next + i;
                    }

                    ring.Write(chunk);
                }

                ring.Complete();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var destination = new float[64];
        long received = 0;
        float last = -1;
        bool ordered = true;
        int read;
        while ((read = ring.Read(destination)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                ordered &= destination[i] > last;
                last = destination[i];
            }

            received += read;
            if (received % 4096 < 64)
            {
                Thread.SpinWait(2000);
            }
        }

        Assert.That(writer.Wait(Patience), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(ordered, Is.True);
            Assert.That(received + ring.DroppedSamples, Is.EqualTo(total));
        });
    }
}
