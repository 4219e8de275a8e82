using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Jobs;
using Xunit.Abstractions;

namespace GccSaaS.IntegrationTests.Reliability;

/// <summary>
/// The demo platform on a database in a private PostgreSQL cluster (<see cref="PrivatePostgresCluster"/>) that the
/// tests may restart: arranged by an in-process host (jobs off), loaded through a host process (<see cref="HostProcess"/>)
/// with the job runner on and the outbox swept every second, as production runs.
/// </summary>
public sealed class DatabaseRestartFixture() : SeededPlatformFixture(DateTimeOffset.UtcNow)
{
    private PrivatePostgresCluster? _cluster;

    public PrivatePostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("Fixture not initialised.");

    /// <summary>
    /// The process host: the job runner on, the outbox swept every minute (1 s rounds up to a minute), a refused
    /// connection failing within seconds.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ProcessSettings => HangfireTestJobs.Settings(
        ("Outbox:SweepInterval", "00:00:01"),
        ("Outbox:FullSweepInterval", "00:00:05"),
        // Messages whose after-commit dispatch the restart cut off stay claimed until the claim's lease ends: 10 s here
        // instead of a minute (as in HostKillTests), so the next sweep delivers them, rather than the one after.
        ("Outbox:Lease", "00:00:10"),
        ("ConnectionStrings:Default", Database.AppConnectionStringWith(b => b.Timeout = 5)));

    public override async Task InitializeAsync()
    {
        _cluster = await PrivatePostgresCluster.StartAsync();
        try
        {
            await base.InitializeAsync();
            // Arranged once, before any restart: the in-process host's pool does not see the server again afterwards.
            ContosoId = (await TenantAsync(CustomersFixture.Contoso)).Id;
            using var client = await ApiAsync(CustomersFixture.Contoso);
            ContosoKey = client.DefaultRequestHeaders.Authorization?.Parameter ?? throw new InvalidOperationException("No key.");
        }
        catch
        {
            await _cluster.DisposeAsync(); // xunit does not dispose a fixture whose start failed
            _cluster = null;
            throw;
        }
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }

    public Guid ContosoId { get; private set; }

    /// <summary>A sales agent's API key of contoso, for the process host.</summary>
    public string ContosoKey { get; private set; } = string.Empty;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(Cluster.AdminConnectionString, Cluster.AppConnectionString);
}

/// <summary>
/// Issue 18, faults: PostgreSQL itself is restarted under load (<c>pg_ctl restart -m fast</c>, and <c>-m immediate</c>,
/// a crash the server recovers from by replaying its WAL), not a proxy standing in for it. Requests fail cleanly (503
/// with Retry-After, never a 500 or a stack), succeed again within seconds of the server's return, every customer
/// answered as created is stored exactly once (the client retries each 503 with the same MS-RequestId, R-PC-10), the
/// host process and its job runner live on, and every committed outbox message is still delivered (R-REL-2's
/// notifications ride on it).
/// </summary>
public sealed class DatabaseRestartTests(DatabaseRestartFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseRestartFixture>
{
    private const int Clients = 6;

    [Fact]
    public Task A_fast_restart_of_PostgreSQL_under_load_answers_503_with_Retry_After_recovers_within_seconds_and_loses_nothing_committed() =>
        RestartUnderLoadAsync("fast");

    [Fact]
    public Task A_crash_restart_of_PostgreSQL_under_load_answers_503_with_Retry_After_recovers_within_seconds_and_loses_nothing_committed() =>
        RestartUnderLoadAsync("immediate");

    private async Task RestartUnderLoadAsync(string mode)
    {
        var key = fixture.ContosoKey;
        var contosoId = fixture.ContosoId;
        await using var host = await HostProcess.StartAsync(fixture.Database, fixture.ProcessSettings);
        using var api = host.Client(key);
        using var portal = new PortalClient(host.Client(cookies: true));
        var signedIn = await portal.SignInAsync("global.admin@contoso.demo");
        Assert.True(signedIn.Status == HttpStatusCode.Redirect, $"Signing in at the process host answered {(int)signedIn.Status}.");
        var messagesBefore = await FaultProbes.OutboxMessagesAsync(fixture.Database, contosoId);

        var answers = new ConcurrentBag<(string What, HttpStatusCode Status, bool RetryAfter, bool Stack, string Text)>();
        var created = new ConcurrentDictionary<Guid, Guid>(); // request id -> customer id
        var restarting = false;
        var upAt = new Stopwatch();
        var firstSuccessAfterUp = TimeSpan.MaxValue;
        var gate = new Lock();
        using var stop = new CancellationTokenSource();

        void Succeeded()
        {
            lock (gate)
            {
                if (!restarting && upAt.IsRunning && upAt.Elapsed < firstSuccessAfterUp)
                {
                    firstSuccessAfterUp = upAt.Elapsed;
                }
            }
        }

        async Task CreatorAsync(int client)
        {
            while (!stop.IsCancellationRequested)
            {
                // One customer per request id; a 503 is retried with the same id (at most 90 s), as a client should.
                var requestId = Guid.NewGuid();
                var body = CustomerApi.Body(CustomerApi.NewDomain("rst" + client), $"Restart Customer {client}");
                var deadline = Stopwatch.StartNew();
                while (deadline.Elapsed < TimeSpan.FromSeconds(90))
                {
                    using var response = await CustomerApi.CreateAsync(api, body, requestId);
                    var text = await response.Content.ReadAsStringAsync();
                    answers.Add(("POST /v1/customers", response.StatusCode, response.Headers.RetryAfter is not null, LooksLikeAStack(text), text));
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        created[requestId] = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
                        Succeeded();
                        break;
                    }

                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    {
                        break; // judged below
                    }

                    await Task.Delay(200, CancellationToken.None);
                }
            }
        }

        async Task ReaderAsync()
        {
            // A signed-in portal user keeps reading the customer list (cookie, tenant, membership and list queries).
            while (!stop.IsCancellationRequested)
            {
                using var response = await portal.Http.GetAsync(new Uri($"/{CustomersFixture.Contoso}/customers", UriKind.Relative));
                var html = await response.Content.ReadAsStringAsync();
                answers.Add(("GET portal customers", response.StatusCode, response.Headers.RetryAfter is not null, LooksLikeAStack(html), string.Empty));
                await Task.Delay(100, CancellationToken.None);
            }
        }

        var workers = Enumerable.Range(0, Clients).Select(i => Task.Run(() => CreatorAsync(i))).Append(Task.Run(ReaderAsync)).ToList();
        await Eventually.UntilAsync(() => Task.FromResult(created.Count), n => n > 0, TimeSpan.FromSeconds(90), "the first customers to be created");
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        var beforeRestart = created.Count;

        var restart = Stopwatch.StartNew();
        lock (gate)
        {
            restarting = true;
        }

        await fixture.Cluster.RestartAsync(mode);
        var restartTook = restart.Elapsed;
        lock (gate)
        {
            restarting = false;
            upAt.Start();
        }

        // Load goes on until some customers were created after the server's return (at least 5 s, at most 60 s).
        var afterUp = Stopwatch.StartNew();
        while (afterUp.Elapsed < TimeSpan.FromSeconds(60) && (afterUp.Elapsed < TimeSpan.FromSeconds(5) || firstSuccessAfterUp == TimeSpan.MaxValue))
        {
            await Task.Delay(200);
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);
        var recovered = firstSuccessAfterUp;

        var ids = created.Keys.ToArray();
        var stored = await FaultProbes.ScalarAsync(fixture.Database, contosoId,
            "SELECT count(*) FROM customers.customers WHERE created_request_id = ANY(@ids) AND customer_tenant_id = ANY(@customers)",
            ("ids", ids), ("customers", created.Values.ToArray()));
        var duplicates = await FaultProbes.ScalarAsync(fixture.Database, contosoId,
            "SELECT count(*) - count(DISTINCT created_request_id) FROM customers.customers WHERE created_request_id = ANY(@ids)", ("ids", ids));
        var undelivered = await Eventually.UntilAsync(() => FaultProbes.UndeliveredAsync(fixture.Database), n => n == 0, TimeSpan.FromMinutes(2), "every outbox message to be delivered");
        var messages = await FaultProbes.OutboxMessagesAsync(fixture.Database, contosoId) - messagesBefore;
        var unhandled = System.Text.RegularExpressions.Regex.Count(host.Output, @"\bfail: Microsoft\.AspNetCore\.(Diagnostics|Server)");
        var api503 = answers.Count(a => a.What.StartsWith("POST", StringComparison.Ordinal) && a.Status == HttpStatusCode.ServiceUnavailable);
        var portal503 = answers.Count(a => a.What.StartsWith("GET", StringComparison.Ordinal) && a.Status == HttpStatusCode.ServiceUnavailable);
        var other = answers.Where(a => a.Status is not (HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)).ToList();
        var figures = $"pg_ctl restart -m {mode} ({restartTook.TotalSeconds:0.0} s) under {Clients} clients creating customers and a portal reader: "
            + $"{answers.Count} answers, {created.Count} customers created ({beforeRestart} before the restart), {api503}× 503 on /v1 and {portal503}× 503 on the portal page "
            + $"(all with Retry-After: {answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).All(a => a.RetryAfter)}), {other.Count} other answers, "
            + $"{answers.Count(a => a.Stack)} stacks, {unhandled} unhandled exceptions logged; first success {recovered.TotalSeconds:0.0} s after the server was back; "
            + $"{created.Count} answered created, {stored} stored, {duplicates} duplicates; {messages} outbox messages written, {undelivered} undelivered; host alive: {!host.HasExited}";
        output.WriteLine(figures);
        ConcurrencyReport.Record($"PostgreSQL restarted under load (pg_ctl restart -m {mode}, a private cluster)", figures, "faults.json");

        Assert.True(beforeRestart > 0, "Nothing was created before the restart.");
        Assert.True(other.Count == 0, string.Join("\n", other.Take(5).Select(a => $"{a.What} {(int)a.Status}: {a.Text}")) + "\n" + Failures(host.Output));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.True(a.RetryAfter, $"{a.What}: a 503 without Retry-After"));
        Assert.DoesNotContain(answers, a => a.Stack);
        Assert.True(unhandled == 0, Failures(host.Output));
        Assert.False(host.HasExited, host.Output);
        Assert.True(recovered < TimeSpan.FromSeconds(10), $"The first success came {(recovered == TimeSpan.MaxValue ? "never" : recovered.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s")} after the server was back.\n{fixture.Cluster.LogTail()}");
        Assert.Equal(created.Count, stored); // nothing committed is lost
        Assert.Equal(0L, duplicates);
        Assert.True(messages > 0, "The creations wrote no outbox message.");
        Assert.Equal(0L, undelivered);
        using var after = await portal.Http.GetAsync(new Uri($"/{CustomersFixture.Contoso}/customers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    /// <summary>The host's logged failures (each with the lines after it), for a failing assertion's message.</summary>
    private static string Failures(string log)
    {
        var lines = log.Split('\n');
        var excerpt = new List<string>();
        for (var i = 0; i < lines.Length && excerpt.Count < 120; i++)
        {
            if (lines[i].Contains("fail: ", StringComparison.Ordinal) || lines[i].Contains("crit: ", StringComparison.Ordinal))
            {
                excerpt.AddRange(lines.Skip(i).Take(30));
            }
        }

        return string.Join('\n', excerpt);
    }

    private static bool LooksLikeAStack(string text) =>
        text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Npgsql", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal);
}
