using System.Net;
using System.Net.Sockets;

namespace AudioEdge.Daemon.Tests;

/// <summary>A loopback TCP port nobody listens on right now (the kernel's choice for port 0).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
