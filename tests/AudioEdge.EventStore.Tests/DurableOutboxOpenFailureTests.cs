using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;

namespace AudioEdge.EventStore.Tests;

public sealed class DurableOutboxOpenFailureTests : OutboxTestBase
{
    [Test]
    public void A_file_that_is_not_a_database_is_refused_with_one_line_and_left_untouched()
    {
        byte[] garbage = Utf8(string.Concat(Enumerable.Repeat("this is not an SQLite database\n", 300)));
        File.WriteAllBytes(DatabasePath, garbage);

        OutboxException exception = Assert.Throws<OutboxException>(() => Open())!;

        AssertOneLineNamingThePath(exception, DatabasePath);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.Message, Does.Contain("corrupt"));
            Assert.That(File.ReadAllBytes(DatabasePath), Is.EqualTo(garbage));
            Assert.That(Directory.GetFiles(Temp.FullPath), Is.EqualTo(new[] { DatabasePath }), "nothing moved aside or created");
        }
    }

    [Test]
    public void An_outbox_with_damaged_pages_is_refused_with_one_line()
    {
        using (DurableOutbox outbox = Open())
        {
            for (int i = 0; i < 100; i++)
            {
                outbox.Enqueue("t/telemetry", new byte[1000], false, MessageClass.Telemetry);
            }
        }

        // Keep page 1 (header and schema) readable; scribble over the rest except the last page.
        byte[] file = File.ReadAllBytes(DatabasePath);
        Assert.That(file, Has.Length.GreaterThan(10 * 4096), "the file should span many pages");
        for (int i = 2 * 4096; i < file.Length - 4096; i++)
        {
            file[i] = (byte)(i * 31);
        }

        File.WriteAllBytes(DatabasePath, file);

        OutboxException exception = Assert.Throws<OutboxException>(() => Open())!;

        AssertOneLineNamingThePath(exception, DatabasePath);
        Assert.That(exception.Message, Does.Contain("corrupt"));
    }

    [Test]
    public void Another_applications_database_is_refused()
    {
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE recipes (name TEXT);";
            command.ExecuteNonQuery();
        }

        OutboxException exception = Assert.Throws<OutboxException>(() => Open())!;

        AssertOneLineNamingThePath(exception, DatabasePath);
        Assert.That(exception.Message, Does.Contain("not an AudioEdge outbox"));
    }

    [Test]
    public void An_outbox_from_a_newer_release_is_refused()
    {
        Open().Dispose();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 2;";
            command.ExecuteNonQuery();
        }

        OutboxException exception = Assert.Throws<OutboxException>(() => Open())!;

        AssertOneLineNamingThePath(exception, DatabasePath);
        Assert.That(exception.Message, Does.Contain("schema version 2"));
    }

    [Test]
    public void A_directory_that_cannot_be_created_is_reported()
    {
        // A regular file where a directory is needed: fails for root too.
        string blocker = Temp.File("not-a-directory");
        File.WriteAllText(blocker, "x");
        string path = Path.Combine(blocker, "outbox.db");

        OutboxException exception = Assert.Throws<OutboxException>(() => Open(path: path))!;

        AssertOneLineNamingThePath(exception, path);
        Assert.That(exception.Message, Does.Contain("Cannot create the directory"));
    }

    [Test]
    public void A_path_that_is_a_directory_is_reported()
    {
        string path = Temp.File("outbox.db");
        Directory.CreateDirectory(path);

        OutboxException exception = Assert.Throws<OutboxException>(() => Open(path: path))!;

        AssertOneLineNamingThePath(exception, path);
        Assert.That(exception.InnerException, Is.InstanceOf<SqliteException>());
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void A_write_protected_file_is_refused_at_open()
    {
        Assume.That(Environment.IsPrivilegedProcess, Is.False, "root may write to any file");
        Open().Dispose();
        File.SetUnixFileMode(DatabasePath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        OutboxException exception = Assert.Throws<OutboxException>(() => Open())!;

        AssertOneLineNamingThePath(exception, DatabasePath);
        Assert.That(exception.Message, Does.Contain("read-only"));
    }

    [Test]
    public void Invalid_options_are_refused_with_every_problem()
    {
        var options = new OutboxOptions { Path = "outbox.db", MaxTelemetryMessages = 0 };

        OutboxException exception = Assert.Throws<OutboxException>(() => DurableOutbox.Open(options))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.Message, Does.Contain("Outbox:Path"));
            Assert.That(exception.Message, Does.Contain("Outbox:MaxTelemetryMessages"));
            Assert.That(exception.Message, Does.Not.Contain('\n'));
            Assert.That(File.Exists("outbox.db"), Is.False);
        }
    }

    private static void AssertOneLineNamingThePath(OutboxException exception, string path)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.Message, Does.Contain($"'{path}'"));
            Assert.That(exception.Message, Does.Not.Contain('\n').And.Not.Contain('\r'));
            Assert.That(exception.Message, Does.Not.Match(@"\bat [\w.`]+\("), "no stack trace material");
        }

        TestContext.Out.WriteLine(exception.Message);
    }
}
