using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Reliability;

/// <summary>
/// A host (on Kestrel) whose connections to PostgreSQL pass through a <see cref="TcpProxy"/>, so a test can make
/// the database vanish and come back, as a restart does, without touching the cluster other runs share.
/// </summary>
public sealed class DatabaseOutageFixture : SeededPlatformFixture
{
    public DatabaseOutageFixture()
        : base(DateTimeOffset.UtcNow)
    {
        var target = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Default")
            ?? throw new InvalidOperationException("ConnectionStrings__Default is not set: eval \"$(build/pg.sh env)\" first."));
        Proxy = new TcpProxy(target.Host ?? "127.0.0.1", target.Port);
    }

    public TcpProxy Proxy { get; }

    protected override bool UseKestrel => true;

    protected override IReadOnlyDictionary<string, string?> HostSettings => new Dictionary<string, string?>
    {
        // Only the application's connections go through the proxy; migrations (at start) go straight to the cluster.
        ["ConnectionStrings:Default"] = Database.AppConnectionStringWith(b =>
        {
            b.Port = Proxy.Port;
            b.Timeout = 3; // a refused connection fails at once; a black hole within seconds
        }),
    };

    public async Task<long> CountAsync(Guid tenant, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(GccSaaS.BuildingBlocks.Data.TenantSql.SetLocalTenant(tenant) + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}

/// <summary>
/// Issue 18, faults: PostgreSQL goes away under load and comes back. Requests fail cleanly (503 with Retry-After,
/// never a 500 or a stack), succeed again within seconds, and every answer that said "created" is in the database
/// exactly once (a client retries with the same MS-RequestId, R-PC-10).
/// </summary>
public sealed class DatabaseOutageTests(DatabaseOutageFixture fixture) : IClassFixture<DatabaseOutageFixture>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_database_outage_under_load_answers_503_with_Retry_After_recovers_within_seconds_and_loses_nothing_committed()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        using var portal = await fixture.SignedInAsync("global.admin@contoso.demo");
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<(HttpStatusCode Status, bool RetryAfter, bool Stack)>();
        var created = new System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid>(); // request id -> customer id
        var upAt = Stopwatch.StartNew();
        var firstSuccessAfterUp = TimeSpan.MaxValue;
        var lockFirst = new Lock();
        using var stop = new CancellationTokenSource();

        async Task WorkerAsync(int worker)
        {
            while (!stop.IsCancellationRequested)
            {
                // One customer per request id; a 503 is retried with the same id until it succeeds (at most 60 s).
                var requestId = Guid.NewGuid();
                var body = CustomerApi.Body(CustomerApi.NewDomain("out" + worker), "Outage Customer " + worker);
                var deadline = Stopwatch.StartNew();
                while (deadline.Elapsed < TimeSpan.FromSeconds(60))
                {
                    using var response = await CustomerApi.CreateAsync(api, body, requestId);
                    var text = await response.Content.ReadAsStringAsync();
                    statuses.Add((response.StatusCode, response.Headers.RetryAfter is not null, LooksLikeAStack(text)));
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        created[requestId] = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
                        lock (lockFirst)
                        {
                            if (fixture.Proxy.IsUp && upAt.IsRunning && upAt.Elapsed < firstSuccessAfterUp)
                            {
                                firstSuccessAfterUp = upAt.Elapsed;
                            }
                        }

                        break;
                    }

                    Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {text}");
                    await Task.Delay(200, CancellationToken.None);
                }
            }
        }

        var workers = Enumerable.Range(0, 6).Select(i => Task.Run(() => WorkerAsync(i))).ToList();
        var warmUp = Stopwatch.StartNew();
        while (created.IsEmpty && warmUp.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100); // under load (a shared 2-core machine) the first creations take a while
        }

        await Task.Delay(TimeSpan.FromSeconds(0.5));
        var beforeOutage = created.Count;

        fixture.Proxy.Down();
        upAt.Reset();
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        var page = await portal.GetAsync($"/{CustomersFixture.Contoso}/customers");
        using var pageRaw = await portal.Http.GetAsync(new Uri($"/{CustomersFixture.Contoso}/customers", UriKind.Relative));
        await Task.Delay(Outage - TimeSpan.FromSeconds(0.5));
        fixture.Proxy.Up();
        upAt.Restart();
        await Task.Delay(TimeSpan.FromSeconds(6));
        stop.Cancel();
        await Task.WhenAll(workers);
        var recovered = firstSuccessAfterUp;

        var stored = created.IsEmpty ? 0L : await fixture.CountAsync(contoso.Id,
            "SELECT count(*) FROM customers.customers WHERE created_request_id = ANY(@ids) AND customer_tenant_id = ANY(@customers)",
            ("ids", created.Keys.ToArray()), ("customers", created.Values.ToArray()));
        var duplicates = created.IsEmpty ? 0L : await fixture.CountAsync(contoso.Id,
            "SELECT count(*) - count(DISTINCT created_request_id) FROM customers.customers WHERE created_request_id = ANY(@ids)",
            ("ids", created.Keys.ToArray()));
        var unavailable = statuses.Count(s => s.Status == HttpStatusCode.ServiceUnavailable);
        ConcurrencyReport.Record("PostgreSQL gone for 3 s under load (6 clients creating customers)",
            $"{statuses.Count} requests: {statuses.Count(s => s.Status is HttpStatusCode.Created or HttpStatusCode.OK)} created, {unavailable}× 503 (all with Retry-After: {statuses.Where(s => s.Status == HttpStatusCode.ServiceUnavailable).All(s => s.RetryAfter)}), {statuses.Count(s => (int)s.Status >= 500 && s.Status != HttpStatusCode.ServiceUnavailable)} other 5xx; portal page {(int)page.Status}; first success {recovered.TotalSeconds:0.0} s after the database came back; {created.Count} answered created, {stored} stored, {duplicates} duplicates",
            "faults.json");

        Assert.True(beforeOutage > 0, "Nothing was created before the outage.");
        Assert.True(unavailable > 0, "No request met the outage.");
        Assert.All(statuses, s => Assert.True(s.Status is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{s.Status}"));
        Assert.All(statuses.Where(s => s.Status == HttpStatusCode.ServiceUnavailable), s => Assert.True(s.RetryAfter, "a 503 without Retry-After"));
        Assert.DoesNotContain(statuses, s => s.Stack);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.NotNull(pageRaw.Headers.RetryAfter);
        Assert.False(LooksLikeAStack(page.Html), page.Html);
        Assert.True(recovered < TimeSpan.FromSeconds(5), $"The first success came {recovered.TotalSeconds:0.0} s after the database was back.");
        Assert.Equal(created.Count, stored); // nothing committed is lost
        Assert.Equal(0L, duplicates);
        using var after = await portal.Http.GetAsync(new Uri($"/{CustomersFixture.Contoso}/customers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static bool LooksLikeAStack(string text) =>
        text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Npgsql", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal);
}
