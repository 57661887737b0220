using System.Text;

namespace AudioEdge.Daemon.Tests;

/// <summary>A message as the test subscriber saw it.</summary>
internal sealed record ReceivedMessage(string Topic, byte[] Payload, bool Retain)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    public override string ToString() => $"{Topic} {(Retain ? "(retained) " : string.Empty)}{Text}";
}
