using System.Text;

namespace AudioEdge.Daemon.EndToEndTests;

/// <summary>A message as the test's subscriber saw it, with the moment it arrived (UTC).</summary>
internal sealed record ReceivedMessage(string Topic, byte[] Payload, bool Retain, DateTime ReceivedAt)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    public override string ToString() => $"{Topic} {(Retain ? "(retained) " : string.Empty)}{(Payload.Length > 200 ? Text[..200] + "…" : Text)}";
}
