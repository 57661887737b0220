using Microsoft.Data.Sqlite;

namespace AudioEdge.EventStore.Tests;

public sealed class DurableOutboxTests : OutboxTestBase
{
    [Test]
    public void A_message_comes_back_exactly_as_enqueued()
    {
        byte[] payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        using DurableOutbox outbox = Open();

        DateTimeOffset before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        long sequence = outbox.Enqueue("audioedge/kitchen-1/event", payload, retain: false, MessageClass.Alarm);
        DateTimeOffset after = DateTimeOffset.UtcNow;

        OutboxMessage message = PeekAll(outbox).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Sequence, Is.EqualTo(sequence));
            Assert.That(message.Topic, Is.EqualTo("audioedge/kitchen-1/event"));
            Assert.That(message.Payload, Is.EqualTo(payload));
            Assert.That(message.Retain, Is.False);
            Assert.That(message.Class, Is.EqualTo(MessageClass.Alarm));
            Assert.That(message.EnqueuedAt, Is.InRange(before, after));
            Assert.That(message.EnqueuedAt.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(message.Attempts, Is.Zero);
        }
    }

    [Test]
    public void An_empty_payload_and_the_retain_flag_round_trip()
    {
        using DurableOutbox outbox = Open();

        outbox.Enqueue("audioedge/kitchen-1/smoke_alarm/state", ReadOnlySpan<byte>.Empty, retain: true, MessageClass.State);

        OutboxMessage message = PeekAll(outbox).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Payload, Is.Empty);
            Assert.That(message.Retain, Is.True);
        }
    }

    [Test]
    public void Alarm_and_state_go_first_in_sequence_order_then_telemetry_in_sequence_order()
    {
        using DurableOutbox outbox = Open();
        outbox.Enqueue("t/telemetry", Utf8("T1"), false, MessageClass.Telemetry);
        outbox.Enqueue("t/event", Utf8("A1"), false, MessageClass.Alarm);
        outbox.Enqueue("t/telemetry", Utf8("T2"), false, MessageClass.Telemetry);
        outbox.Enqueue("t/smoke_alarm/state", Utf8("S1"), true, MessageClass.State);
        outbox.Enqueue("t/event", Utf8("A2"), false, MessageClass.Alarm);

        IReadOnlyList<OutboxMessage> all = PeekAll(outbox);
        IReadOnlyList<OutboxMessage> firstTwo = outbox.PeekOldest(2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(all.Select(Text), Is.EqualTo(new[] { "A1", "S1", "A2", "T1", "T2" }));
            Assert.That(firstTwo.Select(Text), Is.EqualTo(new[] { "A1", "S1" }));
            Assert.That(all.Take(3).Select(m => m.Sequence), Is.Ordered);
            Assert.That(all.Skip(3).Select(m => m.Sequence), Is.Ordered);
        }
    }

    [Test]
    public void A_state_message_replaces_the_pending_one_for_the_same_topic_and_takes_a_new_sequence()
    {
        using DurableOutbox outbox = Open();
        long firstOn = outbox.Enqueue("t/smoke_alarm/state", Utf8("ON"), true, MessageClass.State);
        long alarm = outbox.Enqueue("t/event", Utf8("alarm"), false, MessageClass.Alarm);
        outbox.Enqueue("t/co_alarm/state", Utf8("OFF"), true, MessageClass.State);
        long off = outbox.Enqueue("t/smoke_alarm/state", Utf8("OFF"), true, MessageClass.State);

        IReadOnlyList<OutboxMessage> all = PeekAll(outbox);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(all.Select(m => (m.Topic, Text(m))), Is.EqualTo(new[]
            {
                ("t/event", "alarm"),
                ("t/co_alarm/state", "OFF"),
                ("t/smoke_alarm/state", "OFF"),
            }));
            Assert.That(off, Is.GreaterThan(alarm));
            Assert.That(all[^1].Sequence, Is.EqualTo(off));
            Assert.That(outbox.Counts, Is.EqualTo(new OutboxCounts(Alarm: 1, State: 2, Telemetry: 0, DroppedTelemetry: 0)));
            // The forwarder may have published the replaced message meanwhile; its late PUBACK finds nothing to remove.
            Assert.That(outbox.Acknowledge(firstOn), Is.False);
        }
    }

    [Test]
    public void Alarm_and_telemetry_messages_on_the_same_topic_are_not_coalesced()
    {
        using DurableOutbox outbox = Open();
        outbox.Enqueue("t/event", Utf8("A1"), false, MessageClass.Alarm);
        outbox.Enqueue("t/event", Utf8("A2"), false, MessageClass.Alarm);
        outbox.Enqueue("t/telemetry", Utf8("T1"), false, MessageClass.Telemetry);
        outbox.Enqueue("t/telemetry", Utf8("T2"), false, MessageClass.Telemetry);

        Assert.That(PeekAll(outbox).Select(Text), Is.EqualTo(new[] { "A1", "A2", "T1", "T2" }));
    }

    [Test]
    public void Telemetry_beyond_the_bound_drops_the_oldest_and_the_count_survives_a_restart()
    {
        using (DurableOutbox outbox = Open(maxTelemetryMessages: 3))
        {
            outbox.Enqueue("t/event", Utf8("A"), false, MessageClass.Alarm);
            for (int i = 0; i < 5; i++)
            {
                outbox.Enqueue("t/telemetry", Utf8($"T{i}"), false, MessageClass.Telemetry);
            }

            outbox.Enqueue("t/problem", Utf8("ON"), true, MessageClass.State);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(PeekAll(outbox).Select(Text), Is.EqualTo(new[] { "A", "ON", "T2", "T3", "T4" }));
                Assert.That(outbox.Counts, Is.EqualTo(new OutboxCounts(1, 1, 3, DroppedTelemetry: 2)));
            }
        }

        using (DurableOutbox reopened = Open(maxTelemetryMessages: 3))
        {
            Assert.That(reopened.Counts.DroppedTelemetry, Is.EqualTo(2));
            reopened.Enqueue("t/telemetry", Utf8("T5"), false, MessageClass.Telemetry);
            Assert.That(reopened.Counts, Is.EqualTo(new OutboxCounts(1, 1, 3, DroppedTelemetry: 3)));
        }

        // A smaller bound applies as soon as the outbox opens.
        using DurableOutbox smaller = Open(maxTelemetryMessages: 1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(smaller.Counts, Is.EqualTo(new OutboxCounts(1, 1, 1, DroppedTelemetry: 5)));
            Assert.That(PeekAll(smaller).Select(Text), Is.EqualTo(new[] { "A", "ON", "T5" }));
        }
    }

    [Test]
    public void Alarm_and_state_messages_are_never_dropped()
    {
        using DurableOutbox outbox = Open(maxTelemetryMessages: 1);
        for (int i = 0; i < 50; i++)
        {
            outbox.Enqueue("t/event", Utf8($"A{i}"), false, MessageClass.Alarm);
            outbox.Enqueue($"t/state{i}", Utf8("ON"), true, MessageClass.State);
            outbox.Enqueue("t/telemetry", Utf8($"T{i}"), false, MessageClass.Telemetry);
        }

        Assert.That(outbox.Counts, Is.EqualTo(new OutboxCounts(50, 50, 1, DroppedTelemetry: 49)));
    }

    [Test]
    public void Acknowledge_removes_a_message_once()
    {
        using DurableOutbox outbox = Open();
        long first = outbox.Enqueue("t/event", Utf8("A1"), false, MessageClass.Alarm);
        outbox.Enqueue("t/event", Utf8("A2"), false, MessageClass.Alarm);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outbox.Acknowledge(first), Is.True);
            Assert.That(outbox.Acknowledge(first), Is.False);
            Assert.That(outbox.Acknowledge(12345), Is.False);
            Assert.That(PeekAll(outbox).Select(Text), Is.EqualTo(new[] { "A2" }));
        }
    }

    [Test]
    public void RecordAttempt_counts_attempts_and_ignores_a_message_already_gone()
    {
        using DurableOutbox outbox = Open();
        long sequence = outbox.Enqueue("t/event", Utf8("A"), false, MessageClass.Alarm);
        long other = outbox.Enqueue("t/event", Utf8("B"), false, MessageClass.Alarm);

        outbox.RecordAttempt(sequence);
        outbox.RecordAttempt(sequence);
        outbox.Acknowledge(other);

        Assert.DoesNotThrow(() => outbox.RecordAttempt(other));
        Assert.That(PeekAll(outbox).Single().Attempts, Is.EqualTo(2));
    }

    [Test]
    public void Everything_is_still_there_after_Dispose_and_reopen()
    {
        List<OutboxMessage> before;
        using (DurableOutbox outbox = Open())
        {
            outbox.Enqueue("t/event", Utf8("A"), false, MessageClass.Alarm);
            long state = outbox.Enqueue("t/problem", Utf8("ON"), true, MessageClass.State);
            outbox.Enqueue("t/telemetry", Utf8("T"), false, MessageClass.Telemetry);
            outbox.RecordAttempt(state);
            before = [.. PeekAll(outbox)];
        }

        using DurableOutbox reopened = Open();
        IReadOnlyList<OutboxMessage> after = PeekAll(reopened);

        Assert.That(after, Has.Count.EqualTo(3));
        for (int i = 0; i < after.Count; i++)
        {
            // Records compare byte[] by reference, so compare the payload separately.
            Assert.That(after[i] with { Payload = [] }, Is.EqualTo(before[i] with { Payload = [] }));
            Assert.That(after[i].Payload, Is.EqualTo(before[i].Payload));
        }
    }

    [Test]
    public void A_sequence_is_never_reused_even_after_the_newest_message_was_acknowledged_and_the_outbox_reopened()
    {
        long last;
        using (DurableOutbox outbox = Open())
        {
            outbox.Enqueue("t/event", Utf8("A1"), false, MessageClass.Alarm);
            last = outbox.Enqueue("t/event", Utf8("A2"), false, MessageClass.Alarm);
            foreach (OutboxMessage message in PeekAll(outbox))
            {
                outbox.Acknowledge(message.Sequence);
            }
        }

        using DurableOutbox reopened = Open();
        Assert.That(reopened.Enqueue("t/event", Utf8("A3"), false, MessageClass.Alarm), Is.GreaterThan(last));
    }

    [Test]
    public void The_connection_runs_with_write_ahead_logging_full_sync_and_a_busy_timeout()
    {
        using DurableOutbox outbox = Open();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outbox.ReadPragma("journal_mode"), Is.EqualTo("wal"));
            Assert.That(outbox.ReadPragma("synchronous"), Is.EqualTo("2"), "2 = FULL");
            Assert.That(outbox.ReadPragma("busy_timeout"), Is.EqualTo("5000"));
            Assert.That(outbox.ReadPragma("user_version"), Is.EqualTo("1"));
        }
    }

    [Test]
    public void The_directory_is_created_when_missing()
    {
        string path = Path.Combine(Temp.FullPath, "var", "lib", "audioedge", "outbox.db");

        using DurableOutbox outbox = Open(path: path);
        outbox.Enqueue("t/event", Utf8("A"), false, MessageClass.Alarm);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.Exists(path), Is.True);
            Assert.That(outbox.DatabasePath, Is.EqualTo(path));
        }
    }

    [Test]
    public void MessageEnqueued_is_raised_after_the_commit_and_outside_the_lock()
    {
        using DurableOutbox outbox = Open();
        int raised = 0;
        bool otherThreadGotIn = false;
        long rowsSeenByAnotherConnection = -1;
        outbox.MessageEnqueued += (sender, _) =>
        {
            raised++;
            Assert.That(sender, Is.SameAs(outbox));

            // Lock is re-entrant, so the question "are we still inside it" has to be asked from another thread.
            otherThreadGotIn = Task.Run(() => outbox.Counts).Wait(TimeSpan.FromSeconds(10));

            // Only committed rows are visible to a second connection.
            using var reader = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
            reader.Open();
            using SqliteCommand count = reader.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM messages;";
            rowsSeenByAnotherConnection = (long)count.ExecuteScalar()!;
        };

        outbox.Enqueue("t/event", Utf8("A"), false, MessageClass.Alarm);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(raised, Is.EqualTo(1));
            Assert.That(otherThreadGotIn, Is.True);
            Assert.That(rowsSeenByAnotherConnection, Is.EqualTo(1));
        }
    }

    [TestCase("")]
    [TestCase("audioedge/+/event")]
    [TestCase("audioedge/#")]
    [TestCase("audio\0edge")]
    public void A_topic_that_cannot_be_published_to_is_rejected(string topic)
    {
        using DurableOutbox outbox = Open();

        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => outbox.Enqueue(topic, Utf8("x"), false, MessageClass.Alarm));
        Assert.That(outbox.Counts.Total, Is.Zero);
    }

    [Test]
    public void Bad_arguments_are_rejected()
    {
        using DurableOutbox outbox = Open();

        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => outbox.Enqueue("t/x", Utf8("x"), false, (MessageClass)7));
            Assert.Throws<ArgumentOutOfRangeException>(() => outbox.PeekOldest(0));
            Assert.Throws<ArgumentNullException>(() => DurableOutbox.Open(null!));
        }
    }

    [Test]
    public void A_disposed_outbox_refuses_work_and_can_be_disposed_again()
    {
        DurableOutbox outbox = Open();
        outbox.Dispose();

        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ObjectDisposedException>(() => outbox.Enqueue("t/x", Utf8("x"), false, MessageClass.Alarm));
            Assert.Throws<ObjectDisposedException>(() => outbox.PeekOldest(1));
            Assert.Throws<ObjectDisposedException>(() => outbox.Acknowledge(1));
            Assert.Throws<ObjectDisposedException>(() => outbox.RecordAttempt(1));
            Assert.Throws<ObjectDisposedException>(() => _ = outbox.Counts);
            Assert.DoesNotThrow(outbox.Dispose);
        }
    }
}
