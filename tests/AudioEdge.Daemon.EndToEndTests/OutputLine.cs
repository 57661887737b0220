namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>One line a child process wrote, and when the test read it (UTC).</summary>
internal sealed record OutputLine(string Text, DateTime ReceivedAt)
{
    public override string ToString() => Text;
}
