namespace AudioEdge.Mqtt;

/// <summary>One Home Assistant discovery message; always published retained with QoS 1.</summary>
/// <param name="Topic"><c>&lt;discovery prefix&gt;/&lt;component&gt;/&lt;node id&gt;/&lt;object id&gt;/config</c>.</param>
/// <param name="Payload">UTF-8 JSON configuration.</param>
public sealed record DiscoveryMessage(string Topic, byte[] Payload);
