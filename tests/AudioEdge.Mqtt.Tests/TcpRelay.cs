using System.Net;
using System.Net.Sockets;

namespace AudioEdge.Mqtt.Tests;

/// <summary>
/// A loopback TCP relay between the forwarder and the broker, standing in for the network: <see cref="Cut"/> resets
/// every connection at once, as a crash, a pulled cable or a dying Wi-Fi would, without any MQTT DISCONNECT, so the
/// broker publishes the last will.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly List<Socket> _sockets = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    public int Connections { get; private set; }

    /// <summary>
    /// While true, bytes are swallowed in both directions and nothing is closed: a half-open link, as when Wi-Fi
    /// drops without either end noticing. Only timeouts can detect it.
    /// </summary>
    public bool BlackHole { get; set; }

    /// <summary>Resets every open connection (RST, no FIN exchange).</summary>
    public void Cut()
    {
        lock (_sockets)
        {
            foreach (Socket socket in _sockets)
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                    continue; // already closed by its pump
                }

                socket.Close();
            }

            _sockets.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        Cut();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                client.Close();
                server.Dispose();
                continue;
            }

            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
                Connections++;
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (!BlackHole)
                {
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Cut, or the other side went away: close both so neither end waits for the other.
            from.Close();
            to.Close();
        }
    }
}
