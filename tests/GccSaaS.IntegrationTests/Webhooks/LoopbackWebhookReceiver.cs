using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GccSaaS.IntegrationTests.Webhooks;

/// <summary>One request the receiver got: its webhook headers and body.</summary>
public sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string Body);

/// <summary>
/// A real HTTP receiver on loopback (Kestrel on port 0) inside the test process. Each test uses its own path; what
/// the path answers is scripted (a status, or a delay beyond the sender's timeout), one answer per request, the last
/// one repeated.
/// </summary>
public sealed class LoopbackWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _last = new(StringComparer.Ordinal);

    private LoopbackWebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public static async Task<LoopbackWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new LoopbackWebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First() ?? throw new InvalidOperationException("No address.");
        receiver.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return receiver;
    }

    /// <summary>A new path for a test, answering 204 unless scripted otherwise.</summary>
    public string NewUrl(string name) => new Uri(BaseAddress, name + "-" + Guid.NewGuid().ToString("N")[..8]).AbsoluteUri;

    public void Answer(string url, params Func<HttpContext, Task>[] answers)
    {
        var path = new Uri(url).AbsolutePath;
        var queue = _scripts.GetOrAdd(path, _ => new ConcurrentQueue<Func<HttpContext, Task>>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public static Func<HttpContext, Task> Status(int status, string body = "") => async context =>
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(body);
    };

    public static Func<HttpContext, Task> Delay(TimeSpan delay) => async context =>
    {
        await Task.Delay(delay, context.RequestAborted);
        context.Response.StatusCode = 200;
    };

    public IReadOnlyList<ReceivedWebhook> At(string url) =>
        [.. Received.Where(r => r.Path == new Uri(url).AbsolutePath)];

    /// <summary>
    /// The Standard Webhooks check, written from the specification: base64 HMAC-SHA256 keyed with the secret's bytes
    /// (after <c>whsec_</c>) over <c>id.timestamp.body</c>, compared with each space-separated <c>v1,</c> signature.
    /// </summary>
    public static bool Verify(string secret, ReceivedWebhook request)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(request);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.{request.Body}")));
        return request.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = context.Request.Path.Value ?? "/";
        Received.Enqueue(new ReceivedWebhook(path, context.Request.Headers["webhook-id"].ToString(), context.Request.Headers["webhook-timestamp"].ToString(),
            context.Request.Headers["webhook-signature"].ToString(), body));
        Func<HttpContext, Task> answer;
        if (_scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var next))
        {
            answer = next;
            _last[path] = next;
        }
        else
        {
            answer = _last.GetValueOrDefault(path) ?? Status(204);
        }

        try
        {
            await answer(context);
        }
        catch (OperationCanceledException)
        {
            // The sender gave up (its timeout): nothing to answer.
        }
    }
}
