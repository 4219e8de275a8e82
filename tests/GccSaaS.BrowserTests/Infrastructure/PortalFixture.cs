using System.Net;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BrowserTests.Infrastructure;

/// <summary>
/// The real host, served by Kestrel on a free loopback port (the OS picks it; the rare collision between
/// picking and binding is retried), over a fresh database that it migrates and fills with the demo seed at start — exactly
/// what build/run.sh shows a user. A browser needs a real socket, so this is Kestrel, not TestServer.
/// </summary>
/// <remarks>
/// The throwaway database comes from the integration tests' <c>TestDatabase</c>, compiled in as a linked
/// file rather than by referencing that test project: the browser tests need one class, not the
/// integration tests' assembly, fixtures and test-only hosts (and a test project referencing another
/// test project makes test discovery and build order murky).
/// </remarks>
public sealed class PortalHost : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;

    private readonly LoopbackSmtpServer _smtp;

    private readonly int _port;

    public PortalHost(TestDatabase database, LoopbackSmtpServer smtp)
    {
        _database = database;
        _smtp = smtp;
        _port = FreeLoopbackPort();
        UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", _database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", _database.OwnerConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:Seed", "true");
        // Links come from configuration only (ADR 0016): the drafts' links must lead back to this host.
        builder.UseSetting("Portal:PublicBaseUrl", $"http://127.0.0.1:{_port}/");
        // Webhook endpoints on loopback (issue 17): the journey registers one on this machine.
        builder.UseSetting("Webhooks:AllowLoopback", "true");
        // The whole suite comes from 127.0.0.1 and signs in and fails on purpose many times (issue 18's budgets).
        builder.UseSetting("RateLimiting:PortalPerSourcePerMinute", "1000000");
        builder.UseSetting("SignInThrottle:SourceFreeFailures", "1000000");
        // Mails go to a real SMTP server on loopback, in-process (issue 18: the password reset journey reads its link there).
        foreach (var (key, value) in _smtp.Settings(from: "GccSaaS <portal@gccsaas.test>"))
        {
            if (value is not null)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    /// <summary>
    /// The public address must be known before the host starts, so the port is picked first: the OS hands out a
    /// free one, which is released and bound again at once (a collision in between would fail the start loudly).
    /// </summary>
    private static int FreeLoopbackPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Starts the host and answers the address Kestrel listens on.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Kestrel listens on {string.Join(", ", addresses)}, not on 127.0.0.1.");
        return new Uri(address.TrimEnd('/') + "/");
    }
}

/// <summary>One host and one database for every browser test (they run one after another in one collection).</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private PortalHost? _host;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every mail the host sends (notifications, password reset links).</summary>
    public LoopbackSmtpServer Smtp { get; } = new();

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("Fixture not initialised.");

    /// <summary>A plain HTTP client for the same host (no cookies shared with any browser).</summary>
    public HttpClient CreateHttpClient() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        for (var attempt = 1; ; attempt++)
        {
            _host = new PortalHost(_database, Smtp);
            try
            {
                BaseAddress = _host.Start();
                break;
            }
            catch (IOException) when (attempt < 3)
            {
                // Another process took the picked port before Kestrel bound it: pick again.
                await _host.DisposeAsync();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await Smtp.DisposeAsync();
    }
}

/// <summary>The browser tests' collection: one host and one Chromium for all its classes (each test gets a context of its own).</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>, ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Portal host";
}
