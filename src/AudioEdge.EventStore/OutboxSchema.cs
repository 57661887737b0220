using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AudioEdge.EventStore;

/// <summary>
/// The database layout, versioned with SQLite's <c>user_version</c> header field. A later release that changes the layout
/// raises <see cref="CurrentVersion"/> and adds a step to <see cref="Upgrade"/>; a database written by a newer release
/// is refused rather than guessed at.
/// </summary>
internal static class OutboxSchema
{
    /// <summary>The layout this build writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The <c>counters</c> row holding <see cref="OutboxCounts.DroppedTelemetry"/>.</summary>
    public const string DroppedTelemetryCounter = "dropped_telemetry";

    // AUTOINCREMENT (not just INTEGER PRIMARY KEY): a deleted highest sequence must never be handed out again, or a late
    // Acknowledge for an old message could delete a new one.
    // messages_send_order serves PeekOldest (its ORDER BY is the same expression); messages_class serves the telemetry
    // trim, the per-class counts and the State coalescing.
    private const string CreateVersion1 = """
        CREATE TABLE messages (
            sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
            topic       TEXT    NOT NULL,
            payload     BLOB    NOT NULL,
            retain      INTEGER NOT NULL,
            class       INTEGER NOT NULL,
            enqueued_at INTEGER NOT NULL,
            attempts    INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX messages_send_order ON messages (class = 2, sequence);
        CREATE INDEX messages_class ON messages (class, sequence);
        CREATE TABLE counters (
            name  TEXT    PRIMARY KEY,
            value INTEGER NOT NULL
        );
        INSERT INTO counters (name, value) VALUES ('dropped_telemetry', 0);
        PRAGMA user_version = 1;
        """;

    /// <summary>
    /// Brings the database to <see cref="CurrentVersion"/> (a new, empty file gets the whole layout), in one transaction per
    /// step so that a crash never leaves a half-upgraded file. Throws <see cref="OutboxException"/> for a database that is
    /// not an outbox or was written by a newer release.
    /// </summary>
    public static void Upgrade(SqliteConnection connection, string path)
    {
        int version = ReadVersion(connection);

        if (version > CurrentVersion)
        {
            throw new OutboxException(Invariant(
                $"Outbox database '{path}' has schema version {version}, newer than this release understands ({CurrentVersion}); install the newer AudioEdge again or move the file aside."));
        }

        if (version == 0 && CountSchemaObjects(connection) > 0)
        {
            throw NotAnOutbox(path);
        }

        while (version < CurrentVersion)
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = version switch
            {
                0 => CreateVersion1,
                _ => throw new InvalidOperationException(Invariant($"No upgrade from outbox schema version {version}.")),
            };
            command.ExecuteNonQuery();
            transaction.Commit();
            version = ReadVersion(connection);
        }

        if (!HasTable(connection, "messages") || !HasTable(connection, "counters"))
        {
            throw NotAnOutbox(path);
        }
    }

    private static int ReadVersion(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long CountSchemaObjects(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_schema;";
        return (long)command.ExecuteScalar()!;
    }

    private static bool HasTable(SqliteConnection connection, string name)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", name);
        return (long)command.ExecuteScalar()! == 1;
    }

    private static OutboxException NotAnOutbox(string path) => new(
        $"'{path}' is an SQLite database but not an AudioEdge outbox; point Outbox:Path at another file.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
