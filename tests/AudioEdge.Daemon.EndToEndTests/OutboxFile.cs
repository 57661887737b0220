using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>
/// Looks into a running daemon's outbox database from outside, read-only (WAL mode lets a reader in beside the
/// writer): which event messages are waiting to be delivered.
/// </summary>
internal static class OutboxFile
{
    /// <summary>The event ids of the messages queued on <paramref name="eventTopic"/>.</summary>
    public static IReadOnlyList<string> QueuedEventIds(string path, string eventTopic)
    {
        var ids = new List<string>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false, // no handle left open for the daemon's next start to trip over
        }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM messages WHERE topic = $topic ORDER BY sequence";
        command.Parameters.AddWithValue("$topic", eventTopic);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            using JsonDocument json = JsonDocument.Parse((byte[])reader["payload"]);
            ids.Add(json.RootElement.GetProperty("event_id").GetString()!);
        }

        return ids;
    }

    /// <summary>Polls until every id in <paramref name="eventIds"/> is queued; fails the test on timeout.</summary>
    public static async Task<IReadOnlyList<string>> WaitUntilQueuedAsync(string path, string eventTopic, IReadOnlyCollection<string> eventIds, TimeSpan timeout)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            IReadOnlyList<string> queued = File.Exists(path) ? QueuedEventIds(path, eventTopic) : [];
            if (eventIds.All(queued.Contains))
            {
                return queued;
            }

            if (elapsed.Elapsed > timeout)
            {
                Assert.Fail($"events {string.Join(", ", eventIds)} not all in the outbox {path} after {timeout.TotalSeconds} s; queued: {string.Join(", ", queued)}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }
}
