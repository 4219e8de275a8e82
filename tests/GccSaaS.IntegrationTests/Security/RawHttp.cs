using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>
/// HTTP/1.1 over a bare socket for bodies a server may refuse before reading them (a 31 MB upload): the body is
/// streamed while the response is read, and sending stops once an answer has come. An HttpClient reports only
/// "connection reset" there, losing the status the server sent (e.g. 413) before closing.
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, string? ContentType, string Body);

    public static async Task<Answer> SendAsync(Uri baseAddress, string method, string path, IReadOnlyDictionary<string, string> headers, long contentLength, Func<Stream, CancellationToken, Task> writeBody)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(writeBody);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {baseAddress.Authority}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {contentLength}\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));

        using var stop = new CancellationTokenSource();
        var sending = Task.Run(async () =>
        {
            try
            {
                await writeBody(stream, stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The server answered and closed without reading the rest: expected for a refused upload.
            }
        });

        var answer = await ReadAnswerAsync(stream);
        await stop.CancelAsync();
        tcp.Client.Shutdown(SocketShutdown.Both);
        await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(10)));
        return answer;
    }

    private static async Task<Answer> ReadAnswerAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var headerEnd = -1;
        while (headerEnd < 0)
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0)
            {
                return new Answer(0, null, "connection closed before an answer");
            }

            received.Write(buffer, 0, n);
            headerEnd = received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf("\r\n\r\n"u8);
        }

        var all = received.ToArray();
        var headerText = Encoding.ASCII.GetString(all, 0, headerEnd);
        var lines = headerText.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        string? contentType = null;
        var length = -1;
        var chunked = false;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                chunked = true;
            }
        }

        var body = new MemoryStream();
        body.Write(all, headerEnd + 4, all.Length - headerEnd - 4);
        try
        {
            while (length < 0 || body.Length < length)
            {
                var n = await stream.ReadAsync(buffer);
                if (n == 0)
                {
                    break;
                }

                body.Write(buffer, 0, n);
            }
        }
        catch (IOException)
        {
            // Closed after the answer.
        }

        var bytes = body.ToArray();
        return new Answer(status, contentType, Encoding.UTF8.GetString(chunked ? Dechunk(bytes) : bytes));
    }

    private static byte[] Dechunk(byte[] raw)
    {
        var output = new MemoryStream();
        var at = 0;
        while (at < raw.Length)
        {
            var lineEnd = raw.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var size = int.Parse(Encoding.ASCII.GetString(raw, at, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            at += lineEnd + 2;
            if (size == 0 || at + size > raw.Length)
            {
                break;
            }

            output.Write(raw, at, size);
            at += size + 2;
        }

        return output.ToArray();
    }
}
