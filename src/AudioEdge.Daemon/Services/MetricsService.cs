using AudioEdge.Daemon.Configuration;
using AudioEdge.Daemon.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace AudioEdge.Daemon.Services;

/// <summary>The optional Prometheus text endpoint on 127.0.0.1 (prometheus-net's HttpListener server, no ASP.NET Core).</summary>
public sealed partial class MetricsService : IHostedService, IDisposable
{
    private readonly MetricsOptions _options;
    private readonly DaemonMetrics _metrics;
    private readonly ILogger _logger;
    private MetricServer? _server;

    /// <summary>Creates the service.</summary>
    public MetricsService(DaemonOptions options, DaemonMetrics metrics, ILogger<MetricsService> logger)
    {
        _options = options.Metrics;
        _metrics = metrics;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return Task.CompletedTask;
        }

        try
        {
            _server = new MetricServer("127.0.0.1", _options.Port, "metrics/", _metrics.Registry);
            _server.Start();
            LogServing(_logger, _options.Port);
        }
        catch (Exception ex) when (ex is System.Net.HttpListenerException or InvalidOperationException)
        {
            // Metrics are a convenience; a taken port must not stop the alarm detector.
            LogFailed(_logger, _options.Port, ex.Message);
            _server = null;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _server?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus metrics on http://127.0.0.1:{Port}/metrics")]
    private static partial void LogServing(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "Prometheus endpoint on port {Port} not started: {Error}")]
    private static partial void LogFailed(ILogger logger, int port, string error);
}
