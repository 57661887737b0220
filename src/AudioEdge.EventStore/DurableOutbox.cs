using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AudioEdge.EventStore;

/// <summary>
/// A durable queue of MQTT messages in one SQLite file: a message is on disk (committed and fsync'd) before
/// <see cref="Enqueue"/> returns, and leaves only when <see cref="Acknowledge"/> is called after the broker's PUBACK.
/// So an alarm survives a broker outage, a daemon restart and a power cut right after detection.
/// </summary>
/// <remarks>
/// <para>
/// Durability: journal_mode=WAL with synchronous=FULL fsyncs the write-ahead log on every commit. A process or power
/// failure therefore loses nothing that <see cref="Enqueue"/> returned for; at worst a transaction cut in half is rolled
/// back when the file is next opened.
/// </para>
/// <para>
/// A corrupt file (not an SQLite database, or failing SQLite's quick_check) is refused with an
/// <see cref="OutboxException"/> and left exactly as it is. It is deliberately not moved aside with a fresh outbox
/// started in its place: it may hold undelivered alarm events, and losing those silently is worse than a daemon that
/// will not start until someone looks. A database written by a newer release (higher schema version) is refused the same way.
/// </para>
/// <para>
/// Thread-safe: one connection, every operation under one lock. That is enough because the traffic is a few messages a
/// minute (alarm events, state changes, a telemetry report every few minutes); each operation is one short transaction
/// whose cost is one fsync, so contention is negligible and a connection pool would add only failure modes.
/// </para>
/// </remarks>
public sealed class DurableOutbox : IDisposable
{
    private const int BusyTimeoutMilliseconds = 5000;

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly string _path;
    private readonly int _maxTelemetryMessages;
    private bool _disposed;

    private DurableOutbox(SqliteConnection connection, string path, int maxTelemetryMessages)
    {
        _connection = connection;
        _path = path;
        _maxTelemetryMessages = maxTelemetryMessages;
    }

    /// <summary>
    /// Raised after a message has been committed, outside the outbox's lock, on the thread that called
    /// <see cref="Enqueue"/> (so it wakes the forwarder without waiting for it). Handlers must be quick and must not throw:
    /// an exception propagates to the caller of <see cref="Enqueue"/> although the message is already stored.
    /// </summary>
    public event EventHandler? MessageEnqueued;

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _path;

    /// <summary>Pending messages per class and the persisted dropped-telemetry count.</summary>
    /// <exception cref="OutboxException">The database cannot be read.</exception>
    public OutboxCounts Counts
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                try
                {
                    using SqliteCommand command = _connection.CreateCommand();
                    command.CommandText = """
                        SELECT (SELECT COUNT(*) FROM messages WHERE class = 0),
                               (SELECT COUNT(*) FROM messages WHERE class = 1),
                               (SELECT COUNT(*) FROM messages WHERE class = 2),
                               (SELECT value FROM counters WHERE name = $name);
                        """;
                    command.Parameters.AddWithValue("$name", OutboxSchema.DroppedTelemetryCounter);
                    using SqliteDataReader reader = command.ExecuteReader();
                    reader.Read();
                    return new OutboxCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3));
                }
                catch (SqliteException exception)
                {
                    throw OutboxErrors.FromSqlite(_path, "read", exception);
                }
            }
        }
    }

    /// <summary>
    /// Opens (creating when missing, with its directory) the outbox database at <see cref="OutboxOptions.Path"/>, checks
    /// it and brings its schema up to date.
    /// </summary>
    /// <exception cref="OutboxException">
    /// The options are invalid, or the file or its directory cannot be created or written, or the file is corrupt, not an
    /// outbox, or from a newer release. The message is one line naming the path.
    /// </exception>
    public static DurableOutbox Open(OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new OutboxException("Invalid outbox options: " + string.Join(" ", problems));
        }

        string path = Path.GetFullPath(options.Path);
        int maxTelemetryMessages = options.MaxTelemetryMessages;

        string directory = Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw OutboxErrors.FromIo(path, $"create the directory '{directory}'", exception);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // Without pooling Dispose really closes the file: the WAL is checkpointed and a reopen sees a clean file.
            Pooling = false,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Prepare(connection, path);
            var outbox = new DurableOutbox(connection, path, maxTelemetryMessages);

            // A smaller bound than last time applies at once, not only at the next telemetry message.
            using SqliteTransaction transaction = connection.BeginTransaction();
            outbox.TrimTelemetry(transaction);
            transaction.Commit();
            return outbox;
        }
        catch (SqliteException exception)
        {
            connection.Dispose();
            throw OutboxErrors.FromSqlite(path, "open", exception);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores a message; it is committed and fsync'd when this returns. A <see cref="MessageClass.State"/> message replaces
    /// any pending State message with the same topic (the new one gets the new sequence). A
    /// <see cref="MessageClass.Telemetry"/> message beyond <see cref="OutboxOptions.MaxTelemetryMessages"/> drops the
    /// oldest telemetry, counted in <see cref="OutboxCounts.DroppedTelemetry"/>. Alarm and State are never dropped.
    /// Raises <see cref="MessageEnqueued"/> after the commit.
    /// </summary>
    /// <returns>The message's sequence number.</returns>
    /// <exception cref="ArgumentException">The topic is empty, contains a wildcard (<c>+</c>, <c>#</c>) or NUL, or the class is undefined.</exception>
    /// <exception cref="OutboxException">The database cannot be written (disk full, I/O error); the message is not stored.</exception>
    public long Enqueue(string topic, ReadOnlySpan<byte> payload, bool retain, MessageClass messageClass)
    {
        ValidateTopic(topic);
        if (!Enum.IsDefined(messageClass))
        {
            throw new ArgumentOutOfRangeException(nameof(messageClass), messageClass, "Unknown message class.");
        }

        byte[] payloadCopy = payload.ToArray();
        long enqueuedAt = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        long sequence;

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using SqliteTransaction transaction = _connection.BeginTransaction();

                if (messageClass == MessageClass.State)
                {
                    using SqliteCommand replace = Command(
                        transaction, "DELETE FROM messages WHERE class = 1 AND topic = $topic;");
                    replace.Parameters.AddWithValue("$topic", topic);
                    replace.ExecuteNonQuery();
                }

                using (SqliteCommand insert = Command(
                    transaction,
                    """
                    INSERT INTO messages (topic, payload, retain, class, enqueued_at)
                    VALUES ($topic, $payload, $retain, $class, $enqueued_at)
                    RETURNING sequence;
                    """))
                {
                    insert.Parameters.AddWithValue("$topic", topic);
                    insert.Parameters.Add("$payload", SqliteType.Blob).Value = payloadCopy;
                    insert.Parameters.AddWithValue("$retain", retain ? 1 : 0);
                    insert.Parameters.AddWithValue("$class", (int)messageClass);
                    insert.Parameters.AddWithValue("$enqueued_at", enqueuedAt);
                    sequence = (long)insert.ExecuteScalar()!;
                }

                if (messageClass == MessageClass.Telemetry)
                {
                    TrimTelemetry(transaction);
                }

                transaction.Commit();
            }
            catch (SqliteException exception)
            {
                throw OutboxErrors.FromSqlite(_path, "enqueue into", exception);
            }
        }

        MessageEnqueued?.Invoke(this, EventArgs.Empty);
        return sequence;
    }

    /// <summary>
    /// Up to <paramref name="max"/> pending messages in sending order, without removing them: Alarm and State first
    /// (oldest first among them), then Telemetry (oldest first).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is less than 1.</exception>
    /// <exception cref="OutboxException">The database cannot be read.</exception>
    public IReadOnlyList<OutboxMessage> PeekOldest(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using SqliteCommand command = _connection.CreateCommand();
                command.CommandText = """
                    SELECT sequence, topic, payload, retain, class, enqueued_at, attempts
                    FROM messages
                    ORDER BY class = 2, sequence
                    LIMIT $max;
                    """;
                command.Parameters.AddWithValue("$max", max);
                using SqliteDataReader reader = command.ExecuteReader();
                var messages = new List<OutboxMessage>();
                while (reader.Read())
                {
                    messages.Add(new OutboxMessage(
                        Sequence: reader.GetInt64(0),
                        Topic: reader.GetString(1),
                        Payload: (byte[])reader.GetValue(2),
                        Retain: reader.GetInt64(3) != 0,
                        Class: (MessageClass)reader.GetInt32(4),
                        EnqueuedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                        Attempts: reader.GetInt32(6)));
                }

                return messages;
            }
            catch (SqliteException exception)
            {
                throw OutboxErrors.FromSqlite(_path, "read", exception);
            }
        }
    }

    /// <summary>Removes a message once the broker has acknowledged it (durable on return).</summary>
    /// <returns>False when the message is already gone (acknowledged before, or replaced by a newer State message).</returns>
    /// <exception cref="OutboxException">The database cannot be written.</exception>
    public bool Acknowledge(long sequence)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using SqliteCommand command = _connection.CreateCommand();
                command.CommandText = "DELETE FROM messages WHERE sequence = $sequence;";
                command.Parameters.AddWithValue("$sequence", sequence);
                return command.ExecuteNonQuery() == 1;
            }
            catch (SqliteException exception)
            {
                throw OutboxErrors.FromSqlite(_path, "acknowledge in", exception);
            }
        }
    }

    /// <summary>Counts one publish attempt for a message (shown in <see cref="OutboxMessage.Attempts"/>); a message already gone is ignored.</summary>
    /// <exception cref="OutboxException">The database cannot be written.</exception>
    public void RecordAttempt(long sequence)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using SqliteCommand command = _connection.CreateCommand();
                command.CommandText = "UPDATE messages SET attempts = attempts + 1 WHERE sequence = $sequence;";
                command.Parameters.AddWithValue("$sequence", sequence);
                command.ExecuteNonQuery();
            }
            catch (SqliteException exception)
            {
                throw OutboxErrors.FromSqlite(_path, "record an attempt in", exception);
            }
        }
    }

    /// <summary>Closes the database; everything enqueued stays in the file for the next <see cref="Open"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
        }
    }

    /// <summary>The live connection's value of a pragma, so tests can check the durability settings took effect.</summary>
    internal string ReadPragma(string name)
    {
        if (!name.All(c => char.IsAsciiLetterLower(c) || c == '_'))
        {
            throw new ArgumentException("Not a pragma name.", nameof(name));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using SqliteCommand command = _connection.CreateCommand();
#pragma warning disable CA2100 // The name is checked above to be lowercase letters and underscores only.
            command.CommandText = "PRAGMA " + name + ";";
#pragma warning restore CA2100
            return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
        }
    }

    private static void Prepare(SqliteConnection connection, string path)
    {
        // SQLite quietly opens a write-protected file read-only; refuse now rather than at the first alarm.
        if (raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
        {
            throw new OutboxException($"Cannot open outbox database '{path}' for writing: the file is read-only for this user.");
        }

        Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)};");

        // Reads every page's structure (not the row contents, unlike integrity_check): cheap for a file of this size,
        // and it finds corruption at start-up instead of in the middle of delivering an alarm.
        string check = ExecuteScalarText(connection, "PRAGMA quick_check(1);");
        if (!string.Equals(check, "ok", StringComparison.Ordinal))
        {
            throw new OutboxException(
                $"Outbox database '{path}' is corrupt (quick_check: {check.ReplaceLineEndings(" ")}); it was left untouched: move it aside or delete it to start an empty outbox (its undelivered messages are then lost).");
        }

        string journalMode = ExecuteScalarText(connection, "PRAGMA journal_mode = WAL;");
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new OutboxException(
                $"Cannot use write-ahead logging for outbox database '{path}' (journal mode stays '{journalMode}'); put it on a local file system.");
        }

        // Per connection, not stored in the file: must be set on every open.
        Execute(connection, "PRAGMA synchronous = FULL;");

        OutboxSchema.Upgrade(connection, path);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // Only constant pragma text from this class.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    private static string ExecuteScalarText(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // Only constant pragma text from this class.
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private static void ValidateTopic(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (topic.AsSpan().IndexOfAny('+', '#', '\0') >= 0)
        {
            throw new ArgumentException(
                $"A topic to publish to must not contain '+', '#' or NUL (was '{topic.Replace("\0", "\\0", StringComparison.Ordinal)}').",
                nameof(topic));
        }
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Only constant SQL from this class; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    /// <summary>Drops the oldest telemetry beyond the bound and adds the number dropped to the persisted counter.</summary>
    private void TrimTelemetry(SqliteTransaction transaction)
    {
        // Everything at or before the (bound + 1)-th newest telemetry message goes; with fewer messages the subquery is
        // NULL and nothing matches.
        using SqliteCommand trim = Command(
            transaction,
            """
            DELETE FROM messages
            WHERE class = 2 AND sequence <= (
                SELECT sequence FROM messages WHERE class = 2 ORDER BY sequence DESC LIMIT 1 OFFSET $bound);
            """);
        trim.Parameters.AddWithValue("$bound", _maxTelemetryMessages);
        int dropped = trim.ExecuteNonQuery();
        if (dropped == 0)
        {
            return;
        }

        using SqliteCommand count = Command(
            transaction, "UPDATE counters SET value = value + $dropped WHERE name = $name;");
        count.Parameters.AddWithValue("$dropped", dropped);
        count.Parameters.AddWithValue("$name", OutboxSchema.DroppedTelemetryCounter);
        count.ExecuteNonQuery();
    }
}
