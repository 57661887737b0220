using System.Text;

namespace AudioEdge.EventStore.Tests;

/// <summary>A temporary directory per test and helpers to open outboxes in it.</summary>
public abstract class OutboxTestBase
{
    private TemporaryDirectory? _directory;

    internal TemporaryDirectory Temp => _directory ?? throw new InvalidOperationException("No test is running.");

    protected string DatabasePath => Temp.File("outbox.db");

    [SetUp]
    public void CreateDirectory() => _directory = new TemporaryDirectory();

    [TearDown]
    public void DeleteDirectory()
    {
        _directory?.Dispose();
        _directory = null;
    }

    protected DurableOutbox Open(int maxTelemetryMessages = 2016, string? path = null) =>
        DurableOutbox.Open(new OutboxOptions { Path = path ?? DatabasePath, MaxTelemetryMessages = maxTelemetryMessages });

    protected static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(OutboxMessage message) => Encoding.UTF8.GetString(message.Payload);

    protected static IReadOnlyList<OutboxMessage> PeekAll(DurableOutbox outbox) => outbox.PeekOldest(int.MaxValue);
}
