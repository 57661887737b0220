namespace AudioEdge.EventStore;

/// <summary>
/// The outbox database cannot be opened or written. <see cref="Exception.Message"/> is a single line for the user that
/// names the database path ("Outbox database '/var/lib/audioedge/outbox.db' is corrupt: ..."); the SQLite or I/O error
/// it came from is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class OutboxException : IOException
{
    /// <summary>Creates an exception without a message.</summary>
    public OutboxException()
    {
    }

    /// <summary>Creates an exception with a one-line message.</summary>
    public OutboxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a one-line message and the error it came from.</summary>
    public OutboxException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
