using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace AudioEdge.Cli.Demo;

/// <summary>
/// An MQTT broker inside the process (MQTTnet.Server) on a free loopback port, so the demo needs no mosquitto.
/// The daemon connects to it exactly as it would to a real broker.
/// </summary>
internal sealed class DemoBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private DemoBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public static async Task<DemoBroker> StartAsync()
    {
        int port = FreeLoopbackPort();
        MqttServerOptions options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        MqttServer server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync().ConfigureAwait(false);
        return new DemoBroker(server, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync().ConfigureAwait(false);
        _server.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
