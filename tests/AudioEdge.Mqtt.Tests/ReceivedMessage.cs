using System.Text;

namespace AudioEdge.Mqtt.Tests;

/// <summary>A message as a test subscriber saw it.</summary>
internal sealed record ReceivedMessage(string Topic, byte[] Payload, bool Retain)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    public override string ToString() => $"{Topic} {(Retain ? "(retained) " : string.Empty)}{Text}";
}
