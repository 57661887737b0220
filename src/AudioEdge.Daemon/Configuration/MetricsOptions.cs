namespace AudioEdge.Daemon.Configuration;

/// <summary>The <c>Metrics</c> section: the optional Prometheus text endpoint.</summary>
public sealed class MetricsOptions
{
    /// <summary>Serve <c>http://127.0.0.1:&lt;Port&gt;/metrics</c> (default off). Bound to loopback only: scrape through an SSH tunnel or a local agent.</summary>
    public bool Enabled { get; set; }

    /// <summary>TCP port on 127.0.0.1 (default 9465).</summary>
    public int Port { get; set; } = 9465;

    /// <summary>Every problem, one line each, naming the key.</summary>
    public IReadOnlyList<string> Validate() =>
        Port is < 1 or > 65535 ? [$"Metrics:Port must be 1..65535 (was {Port})."] : [];
}
