using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Notifications.Features.Webhooks;

/// <summary>What one attempt came to: the answer's status (none when no answer came), how long, the first KiB.</summary>
internal sealed record WebhookAttemptResult(bool Succeeded, int? StatusCode, TimeSpan Duration, string? Response);

/// <summary>
/// Sends one signed webhook request. One pooled <see cref="HttpClient"/> whose connections are made by
/// <see cref="ConnectAsync"/>: it resolves the host itself, refuses every address <see cref="WebhookAddressGuard"/> does
/// not allow and connects to an address it checked (so a name that re-resolves to an internal address after
/// registration, DNS rebinding, reaches nothing). No redirects are followed (a 3xx is a failed attempt), no proxy is
/// used, each attempt has a connection of its own, and an attempt gives up after <see cref="WebhookOptions.Timeout"/>. Only a 2xx answer is a success.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    public const int ResponseExcerptBytes = 1024;

    private readonly IOptionsMonitor<WebhookOptions> _options;
    private readonly HttpClient _client;

    public WebhookSender(IOptionsMonitor<WebhookOptions> options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            // One connection per attempt: attempts to one endpoint are minutes or hours apart, a pooled connection would
            // mostly be a stale one, and every new connection passes ConnectAsync's address check again.
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("GccSaaS-Webhooks", "1.0"));
    }

    public async Task<WebhookAttemptResult> SendAsync(Uri url, string messageId, long timestamp, string signature, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CurrentValue.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.ConnectionClose = true;
            request.Headers.Add("webhook-id", messageId);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("webhook-signature", signature);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            return new WebhookAttemptResult(response.IsSuccessStatusCode, (int)response.StatusCode, watch.Elapsed, excerpt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(false, null, watch.Elapsed, $"No answer within {_options.CurrentValue.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttemptResult(false, null, watch.Elapsed, Cut(ex.InnerException is WebhookAddressRefusedException refused ? refused.Message : "Connection failed: " + (ex.InnerException?.Message ?? ex.Message)));
        }
    }

    public void Dispose() => _client.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var allowLoopback = _options.CurrentValue.AllowLoopback;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => WebhookAddressGuard.IsAllowed(a, allowLoopback)).ToList();
        if (allowed.Count == 0 || allowed.Count != addresses.Length)
        {
            throw new WebhookAddressRefusedException($"Refused: {host} resolves to an address webhooks may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ResponseExcerptBytes];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read == 0)
        {
            return null;
        }

        // Cut at the last whole character within the first KiB.
        var text = Encoding.UTF8.GetString(buffer, 0, read).TrimEnd('\uFFFD');
        return Cut(text);
    }

    private static string Cut(string text) =>
        Encoding.UTF8.GetByteCount(text) <= ResponseExcerptBytes ? text : text[..Math.Min(text.Length, ResponseExcerptBytes / 4)];
}

/// <summary>The connection was refused before it was made: the host resolves to an address webhooks may not reach.</summary>
internal sealed class WebhookAddressRefusedException : Exception
{
    public WebhookAddressRefusedException()
    {
    }

    public WebhookAddressRefusedException(string message)
        : base(message)
    {
    }

    public WebhookAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
