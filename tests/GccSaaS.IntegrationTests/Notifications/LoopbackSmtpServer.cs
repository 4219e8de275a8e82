using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GccSaaS.IntegrationTests.Notifications;

/// <summary>One message as the SMTP server received it.</summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> Recipients, string Subject, string Body, string Raw);

/// <summary>
/// A small SMTP server on 127.0.0.1 speaking just enough of RFC 5321 for System.Net.Mail (220, EHLO/HELO,
/// MAIL FROM, RCPT TO, DATA, '.', QUIT). It decodes what arrived (quoted-printable or base64 bodies,
/// encoded-word subjects) and can refuse chosen recipients to make a delivery fail.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly ConcurrentDictionary<string, int> _refusals = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;
    private int _connections;

    public LoopbackSmtpServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    /// <summary>How many SMTP sessions were opened, delivered or not.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Answers RCPT TO for this address with 550 the next <paramref name="times"/> times.</summary>
    public void RefuseRecipient(string address, int times = 1) => _refusals[address] = times;

    public IDictionary<string, string?> Settings(string from = "portal@gccsaas.test", string? portalBaseUrl = null) => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:From"] = from,
        ["Smtp:EnableSsl"] = "false",
        ["Smtp:TimeoutSeconds"] = "10",
        ["Smtp:PortalBaseUrl"] = portalBaseUrl,
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost GccSaaS test SMTP");
            string? from = null;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = Address(line);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        var to = Address(line);
                        if (_refusals.TryGetValue(to, out var left) && left > 0)
                        {
                            _refusals[to] = left - 1;
                            await writer.WriteLineAsync("550 Mailbox unavailable");
                        }
                        else
                        {
                            recipients.Add(to);
                            await writer.WriteLineAsync("250 OK");
                        }

                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        _received.Enqueue(Parse(from ?? string.Empty, [.. recipients], data.ToString()));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "RSET":
                        from = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static ReceivedMail Parse(string from, IReadOnlyList<string> recipients, string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerText = split < 0 ? raw : raw[..split];
        var body = split < 0 ? string.Empty : raw[(split + 4)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in headerText.Split("\r\n"))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += line.TrimStart();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                last = line[..colon];
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding")?.ToLowerInvariant();
        var decodedBody = encoding switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n")))),
            "quoted-printable" => DecodeQuotedPrintable(body),
            _ => body,
        };
        return new ReceivedMail(from, recipients, DecodeWords(headers.GetValueOrDefault("Subject") ?? string.Empty), decodedBody.TrimEnd('\r', '\n'), raw);
    }

    private static string DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        var joined = text.Replace("=\r\n", string.Empty, StringComparison.Ordinal);
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length)
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>RFC 2047 encoded words (<c>=?utf-8?B?…?=</c> or <c>?Q?</c>), as System.Net.Mail writes subjects.</summary>
    private static string DecodeWords(string header)
    {
        var result = new StringBuilder();
        foreach (var word in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = word.Split('?');
            if (parts.Length == 5 && parts[0] == "=" && parts[4] == "=")
            {
                result.Append(parts[2].Equals("B", StringComparison.OrdinalIgnoreCase)
                    ? Encoding.UTF8.GetString(Convert.FromBase64String(parts[3]))
                    : DecodeQuotedPrintable(parts[3].Replace('_', ' ')));
            }
            else
            {
                if (result.Length > 0)
                {
                    result.Append(' ');
                }

                result.Append(word);
            }
        }

        return result.ToString();
    }
}
