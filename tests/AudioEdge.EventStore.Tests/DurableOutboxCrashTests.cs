namespace AudioEdge.EventStore.Tests;

/// <summary>
/// A power cut right after Enqueue returned, simulated by copying the files while the outbox is still open (no
/// Dispose, so no checkpoint: the messages exist only in the write-ahead log) and opening the copy.
/// </summary>
/// <remarks>
/// This proves the commit is complete in the files when Enqueue returns and that SQLite recovers it from the WAL. It
/// cannot prove the fsync itself (the copy reads the page cache); that rests on synchronous=FULL, which
/// <see cref="DurableOutboxTests.The_connection_runs_with_write_ahead_logging_full_sync_and_a_busy_timeout"/> checks.
/// </remarks>
public sealed class DurableOutboxCrashTests : OutboxTestBase
{
    [TestCase(true, TestName = "Messages survive a power cut after Enqueue (db, -wal and -shm left behind)")]
    [TestCase(false, TestName = "Messages survive a power cut after Enqueue (the shared-memory index lost)")]
    public void Messages_committed_before_the_crash_are_in_the_copied_files(bool copySharedMemory)
    {
        string crashedDirectory = Temp.File("after-power-cut");
        string crashedPath = Path.Combine(crashedDirectory, "outbox.db");
        Directory.CreateDirectory(crashedDirectory);

        using DurableOutbox outbox = Open(maxTelemetryMessages: 2);
        long acknowledged = outbox.Enqueue("t/event", Utf8("already delivered"), false, MessageClass.Alarm);
        outbox.Enqueue("t/event", Utf8("A1"), false, MessageClass.Alarm);
        outbox.Enqueue("t/smoke_alarm/state", Utf8("ON"), true, MessageClass.State);
        for (int i = 0; i < 3; i++)
        {
            outbox.Enqueue("t/telemetry", Utf8($"T{i}"), false, MessageClass.Telemetry);
        }

        outbox.Enqueue("t/smoke_alarm/state", Utf8("OFF"), true, MessageClass.State);
        long last = outbox.Enqueue("t/event", Utf8("A2"), false, MessageClass.Alarm);
        outbox.Acknowledge(acknowledged);
        IReadOnlyList<OutboxMessage> expected = PeekAll(outbox);

        Assert.That(new FileInfo(DatabasePath + "-wal").Length, Is.GreaterThan(0), "the messages should be in the WAL only");
        File.Copy(DatabasePath, crashedPath);
        File.Copy(DatabasePath + "-wal", crashedPath + "-wal");
        if (copySharedMemory)
        {
            File.Copy(DatabasePath + "-shm", crashedPath + "-shm");
        }

        using DurableOutbox recovered = Open(maxTelemetryMessages: 2, path: crashedPath);
        IReadOnlyList<OutboxMessage> actual = PeekAll(recovered);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(actual.Select(m => (m.Sequence, m.Topic, Text(m), m.Retain, m.Class)),
                Is.EqualTo(expected.Select(m => (m.Sequence, m.Topic, Text(m), m.Retain, m.Class))));
            Assert.That(actual.Select(Text), Is.EqualTo(new[] { "A1", "OFF", "A2", "T1", "T2" }));
            Assert.That(recovered.Counts.DroppedTelemetry, Is.EqualTo(1));
            Assert.That(recovered.Enqueue("t/event", Utf8("A3"), false, MessageClass.Alarm), Is.GreaterThan(last));
        }
    }
}
