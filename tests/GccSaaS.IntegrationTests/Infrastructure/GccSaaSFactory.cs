using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Infrastructure;

/// <summary>
/// The real host over real HTTP and a real PostgreSQL database, migrated on start like production.
/// Each factory is one "host"; two factories on one database behave like two hosts.
/// </summary>
public sealed class GccSaaSFactory(TestDatabase database, Action<IServiceCollection>? configureServices = null, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public TestDatabase Database => database;

    /// <summary>True once <see cref="StartKestrel"/> has started the host on a real loopback socket.</summary>
    public bool ServesOverKestrel { get; private set; }

    /// <summary>Starts the host on Kestrel at a free loopback port (instead of the in-memory test server).</summary>
    public void StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        ServesOverKestrel = true;
    }

    /// <summary>
    /// A client that never follows redirects (tests assert them), with or without a cookie jar, over whichever
    /// server the factory runs: the in-memory one, or Kestrel (where the factory's own clients would follow redirects).
    /// </summary>
    public HttpClient CreateHttpClient(bool handleCookies)
    {
        if (!ServesOverKestrel)
        {
            return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });
        }

        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = handleCookies,
            CookieContainer = new System.Net.CookieContainer(),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = ClientOptions.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", database.OwnerConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        // Test hosts share databases; a background scheduler would sweep other tests' data and leave
        // triggers behind. Tests of the jobs turn it on explicitly.
        builder.UseSetting("Jobs:Enabled", "false");
        // Every in-memory request comes from one "address" (none): the suite as a whole would spend the portal's
        // per-source budgets. Tests of those budgets set them low and name their source (TestSourceHeader).
        builder.UseSetting("RateLimiting:PortalPerSourcePerMinute", "1000000");
        builder.UseSetting("RateLimiting:PortalPerUserPerMinute", "1000000");
        builder.UseSetting("SignInThrottle:SourceFreeFailures", "1000000");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestSourceAddress>());
        // Every host (also those a test runs as Production) encrypts the key ring with the generated development certificate.
        builder.UseSetting("DataProtection:GenerateCertificate", "true");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }
}

/// <summary>
/// The in-memory server has no client address: a request may name one in <see cref="Header"/> (tests of the
/// per-source throttles), taken as the connection's remote address before anything else runs.
/// </summary>
public sealed class TestSourceAddress : IStartupFilter
{
    public const string Header = "X-Test-Source-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && System.Net.IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>One migrated database shared by a collection of tests; tests isolate themselves by tenant.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private GccSaaSFactory? _factory;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public GccSaaSFactory Factory => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

    public IServiceProvider Services => Factory.Services;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        // No scheduler here: tests that dispatch or sweep by hand must not race a background sweep.
        // Tests of the jobs start hosts of their own with the scheduler on.
        _factory = new GccSaaSFactory(_database, settings: new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        _ = _factory.Server; // starts the host, which migrates
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "Platform database";
}
