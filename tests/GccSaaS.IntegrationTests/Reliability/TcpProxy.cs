using System.Net;
using System.Net.Sockets;

namespace GccSaaS.IntegrationTests.Reliability;

/// <summary>
/// A loopback TCP forwarder between a host and PostgreSQL that a test can take down (every connection reset, new
/// ones refused: what a host sees while PostgreSQL restarts) and bring back on the same port, without touching the
/// shared cluster other test runs use.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly Lock _gate = new();
    private readonly List<Socket> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Parse(targetHost), targetPort);
        Start(0);
    }

    public int Port { get; private set; }

    public bool IsUp => _listener is not null;

    /// <summary>Resets every forwarded connection and refuses new ones until <see cref="Up"/>.</summary>
    public void Down()
    {
        lock (_gate)
        {
            _stop.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var socket in _open)
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0); // RST, as a dying server's kernel answers
                    socket.Close();
                }
                catch (ObjectDisposedException)
                {
                }
            }

            _open.Clear();
        }
    }

    /// <summary>Accepts connections again on the same port.</summary>
    public void Up()
    {
        lock (_gate)
        {
            if (_listener is null)
            {
                Start(Port);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Down();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Start(int port)
    {
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        var token = _stop.Token;
        _ = Task.Run(() => AcceptAsync(listener, token), CancellationToken.None);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(_target, token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                client.Close();
                server.Dispose();
                continue;
            }

            lock (_gate)
            {
                if (token.IsCancellationRequested)
                {
                    client.Close();
                    server.Close();
                    return;
                }

                _open.Add(client);
                _open.Add(server);
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        try
        {
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
