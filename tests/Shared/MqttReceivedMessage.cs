using System.Text;

namespace AudioEdge.Testing;

/// <summary>A message as an <see cref="MqttTestSubscriber"/> saw it, with the moment it arrived (UTC).</summary>
internal sealed record MqttReceivedMessage(string Topic, byte[] Payload, bool Retain, DateTime ReceivedAt)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    public override string ToString() => $"{Topic} {(Retain ? "(retained) " : string.Empty)}{(Payload.Length > 200 ? Text[..200] + "…" : Text)}";
}
