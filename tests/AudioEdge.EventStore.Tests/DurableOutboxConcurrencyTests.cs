using System.Collections.Concurrent;

namespace AudioEdge.EventStore.Tests;

public sealed class DurableOutboxConcurrencyTests : OutboxTestBase
{
    [Test]
    [CancelAfter(120_000)]
    public void Concurrent_producers_and_a_draining_consumer_lose_nothing_and_duplicate_nothing(CancellationToken cancellation)
    {
        const int Producers = 4;
        const int MessagesPerProducer = 60;
        const int Total = Producers * MessagesPerProducer;

        using DurableOutbox outbox = Open(maxTelemetryMessages: Total);
        var sequences = new ConcurrentBag<long>();
        var delivered = new ConcurrentDictionary<string, int>();
        int failedAcknowledgements = 0;
        using var wake = new SemaphoreSlim(0);
        outbox.MessageEnqueued += (_, _) => wake.Release();
        using var start = new Barrier(Producers + 1);

        Task[] producers = Enumerable.Range(0, Producers).Select(p => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(cancellation);
                for (int i = 0; i < MessagesPerProducer; i++)
                {
                    // Every class, but State on distinct topics so that nothing is legitimately coalesced away.
                    var messageClass = (MessageClass)(i % 3);
                    string topic = messageClass == MessageClass.State ? $"t/{p}/{i}/state" : "t/event";
                    sequences.Add(outbox.Enqueue(topic, Utf8($"{p}:{i}"), false, messageClass));
                }
            },
            cancellation,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        Task consumer = Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(cancellation);
                while (delivered.Count < Total)
                {
                    IReadOnlyList<OutboxMessage> batch = outbox.PeekOldest(7);
                    if (batch.Count == 0)
                    {
                        wake.Wait(TimeSpan.FromSeconds(1), cancellation);
                        continue;
                    }

                    foreach (OutboxMessage message in batch)
                    {
                        delivered.AddOrUpdate(Text(message), 1, (_, seen) => seen + 1);
                        if (!outbox.Acknowledge(message.Sequence))
                        {
                            Interlocked.Increment(ref failedAcknowledgements);
                        }
                    }
                }
            },
            cancellation,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        Task.WaitAll([.. producers, consumer], cancellation);

        var expected = Enumerable.Range(0, Producers)
            .SelectMany(p => Enumerable.Range(0, MessagesPerProducer).Select(i => $"{p}:{i}"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(delivered.Keys, Is.EquivalentTo(expected));
            Assert.That(delivered.Values, Is.All.EqualTo(1), "a message was delivered twice");
            Assert.That(failedAcknowledgements, Is.Zero);
            Assert.That(sequences, Is.Unique);
            Assert.That(outbox.Counts, Is.EqualTo(new OutboxCounts(0, 0, 0, 0)));
        }
    }
}
