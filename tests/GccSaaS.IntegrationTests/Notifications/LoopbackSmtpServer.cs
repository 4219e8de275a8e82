using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace GccSaaS.IntegrationTests.Notifications;

/// <summary>
/// One message as the SMTP server received it: the envelope (<see cref="MailFrom"/>, <see cref="Recipients"/>), the
/// decoded <see cref="Subject"/>, plain-text <see cref="Body"/> and <see cref="Language"/> (<c>Content-Language</c>),
/// and the bytes as they came over the wire (<see cref="Raw"/>).
/// </summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> Recipients, string Subject, string Body, string Raw)
{
    /// <summary>The <c>From</c> header's address.</summary>
    public string? From { get; init; }

    /// <summary>The <c>To</c> header's addresses.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>The body's <c>Content-Language</c>, if any.</summary>
    public string? Language { get; init; }

    /// <summary>The body's charset (<c>utf-8</c> expected).</summary>
    public string? Charset { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Who authenticated for this message (AUTH), if anyone.</summary>
    public string? AuthenticatedUser { get; init; }

    /// <summary>
    /// Everything a reader could see, decoded: every header (encoded words decoded) and every text part. A secret
    /// can hide from <see cref="Raw"/> behind base64 or a quoted-printable soft break; scan this too.
    /// </summary>
    public string Decoded { get; init; } = "";
}

/// <summary>
/// A real SMTP server (the SmtpServer package, RFC 5321 with ESMTP, 8BITMIME and AUTH) on 127.0.0.1 and a free
/// port, in-process, for the tests: it keeps every message it accepts, parsed with MimeKit, and can refuse chosen
/// recipients (to make a delivery fail) or require authentication.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly ConcurrentDictionary<string, int> _refusals = new(StringComparer.OrdinalIgnoreCase);
    private int _connections;

    /// <param name="userName">When set, every session must authenticate (AUTH PLAIN or LOGIN) as this user with <paramref name="password"/>.</param>
    /// <param name="password">The password that goes with <paramref name="userName"/>.</param>
    public LoopbackSmtpServer(string? userName = null, string? password = null)
    {
        var listeners = new EndpointListenerFactory();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, 0))
                .AuthenticationRequired(userName is not null)
                .AllowUnsecureAuthentication(userName is not null)) // loopback only, no certificate to offer
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (userName is not null)
        {
            services.Add(new DelegatingUserAuthenticator((user, pass) => user == userName && pass == password));
        }

        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _connections);
        _running = _server.StartAsync(_stop.Token);
        Port = started.Task.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    /// <summary>How many SMTP sessions were opened, delivered or not.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Answers RCPT TO for this address with 550 the next <paramref name="times"/> times.</summary>
    public void RefuseRecipient(string address, int times = 1) => _refusals[address] = times;

    /// <summary>The host's <c>Smtp</c> settings for this server (plain text on loopback).</summary>
    public IDictionary<string, string?> Settings(string from = "portal@gccsaas.test", string? portalBaseUrl = null) => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:From"] = from,
        ["Smtp:Security"] = "None",
        ["Smtp:TimeoutSeconds"] = "10",
        ["Smtp:PortalBaseUrl"] = portalBaseUrl,
    };

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private static ReceivedMail Parse(string mailFrom, IReadOnlyList<string> recipients, byte[] bytes, string? user)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var message = MimeMessage.Load(stream);
        var text = message.BodyParts.OfType<TextPart>().FirstOrDefault();
        var decoded = new StringBuilder();
        foreach (var header in message.Headers)
        {
            decoded.Append(header.Field).Append(": ").Append(header.Value).Append('\n');
        }

        foreach (var part in message.BodyParts.OfType<TextPart>())
        {
            foreach (var header in part.Headers)
            {
                decoded.Append(header.Field).Append(": ").Append(header.Value).Append('\n');
            }

            decoded.Append('\n').Append(part.Text).Append('\n');
        }

        return new ReceivedMail(mailFrom, recipients, message.Subject ?? string.Empty, (text?.Text ?? string.Empty).TrimEnd('\r', '\n'), Encoding.UTF8.GetString(bytes))
        {
            From = message.From.Mailboxes.FirstOrDefault()?.Address,
            To = [.. message.To.Mailboxes.Select(m => m.Address)],
            Language = text?.Headers[HeaderId.ContentLanguage] ?? message.Headers[HeaderId.ContentLanguage],
            Charset = text?.ContentType.Charset,
            ContentType = text?.ContentType.MimeType,
            AuthenticatedUser = user,
            Decoded = decoded.ToString(),
        };
    }

    private sealed class Store(LoopbackSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var user = context.Authentication.IsAuthenticated ? context.Authentication.User : null;
            server._received.Enqueue(Parse(transaction.From.AsAddress(), [.. transaction.To.Select(t => t.AsAddress())], buffer.ToArray(), user));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(LoopbackSmtpServer server) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = to.AsAddress();
            if (server._refusals.TryGetValue(address, out var left) && left > 0)
            {
                server._refusals[address] = left - 1;
                return Task.FromResult(false);
            }

            return Task.FromResult(true);
        }
    }
}
