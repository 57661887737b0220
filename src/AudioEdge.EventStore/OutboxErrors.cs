using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AudioEdge.EventStore;

/// <summary>Turns SQLite and file-system failures into one-line <see cref="OutboxException"/> messages that name the path.</summary>
internal static class OutboxErrors
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>A failure while opening (<paramref name="action"/> e.g. "open") or using (e.g. "enqueue into") the database.</summary>
    public static OutboxException FromSqlite(string path, string action, SqliteException exception)
    {
        string reason = Reason(exception);
        int primaryCode = exception.SqliteErrorCode & 0xFF;
        string message = primaryCode is SqliteCorrupt or SqliteNotADatabase
            ? $"Outbox database '{path}' is corrupt ({reason}); it was left untouched: move it aside or delete it to start an empty outbox (its undelivered messages are then lost)."
            : $"Cannot {action} outbox database '{path}': {reason}.";
        return new OutboxException(message, exception);
    }

    /// <summary>A failure outside SQLite, e.g. creating the directory.</summary>
    public static OutboxException FromIo(string path, string action, Exception exception) =>
        new($"Cannot {action} for outbox database '{path}': {OneLine(exception.Message)}", exception);

    // sqlite3_errstr gives the fixed English text of the code ("file is not a database") without the
    // "SQLite Error 26: '...'" wrapping of SqliteException.Message; the extended code says more (e.g. 778 = fsync failed).
    private static string Reason(SqliteException exception)
    {
        string text = raw.sqlite3_errstr(exception.SqliteErrorCode).utf8_to_string() ?? exception.Message;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{OneLine(text)}, SQLite error {exception.SqliteExtendedErrorCode}");
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
