using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Identity.Pages.Platform;
using Npgsql;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// The platform audit log names the tenant of every row it shows (issue 16), also a tenant its tenant filter does not list
/// (beyond the <see cref="PlatformAuditModel.MaxTenantsListed"/> it lists by name, or suspended), and finds those names
/// in one query for the page, not one query per tenant. On a database of its own: the test adds more active tenants
/// than the filter lists, which the shared fixtures' tenant lists must not see.
/// </summary>
public sealed class PlatformAuditTenantNamesTests(PlatformAuditTenantNamesFixture fixture) : IClassFixture<PlatformAuditTenantNamesFixture>
{
    private const string PlatformAdmin = "platform.admin@gccsaas.demo";

    [Fact]
    public async Task Issue16_rows_of_tenants_beyond_the_listed_ones_show_their_names_found_in_one_query_for_the_page()
    {
        var probe = "BeyondProbe" + Guid.NewGuid().ToString("N")[..8];
        var beyond = await fixture.BeyondTenantsAsync();
        await fixture.OwnerAsync(
            """
            INSERT INTO identity.platform_audit_entries (occurred_at, action, module, details, actor, tenant_id)
            SELECT now(), @action, 'Identity', '{}', 'probe@audit-names.test', t FROM unnest(@tenants) AS t;
            """,
            ("action", probe),
            ("tenants", beyond.Select(t => t.Id).ToArray()));
        using var platform = await fixture.SignedInAsync(PlatformAdmin);

        var (status, html, tenantReads) = await TracedGetAsync(platform, $"/platform/audit?action={probe}&size=25");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(beyond.Count, Regex.Count(html, "<tr data-audit-id="));
        foreach (var (id, name) in beyond)
        {
            Assert.Contains($"data-tenant-id=\"{id}\"", html, StringComparison.Ordinal);
            Assert.Contains($"<td>{WebUtility.HtmlEncode(name)}</td>", html, StringComparison.Ordinal); // its name, not its id
            Assert.DoesNotContain($"<option value=\"{id}\"", html, StringComparison.Ordinal); // not one of the listed tenants
        }

        // platform.tenants is read twice for the page: the tenants the filter lists, and the names of the others in one
        // query (one id array), however many other tenants the page shows (four here: one query each before).
        Assert.True(tenantReads.Count == 2, "Reads of platform.tenants:\n" + string.Join("\n---\n", tenantReads));
        Assert.Single(tenantReads, q => q.Contains("ANY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Issue16_a_tenant_beyond_the_listed_ones_is_still_filtered_by_and_shown_with_its_name()
    {
        var beyond = (await fixture.BeyondTenantsAsync())[0];
        var probe = "BeyondFilter" + Guid.NewGuid().ToString("N")[..8];
        await fixture.OwnerAsync(
            "INSERT INTO identity.platform_audit_entries (occurred_at, action, module, details, actor, tenant_id) VALUES (now(), @action, 'Identity', '{}', 'probe@audit-names.test', @t);",
            ("action", probe),
            ("t", beyond.Id));
        using var platform = await fixture.SignedInAsync(PlatformAdmin);

        var page = await platform.GetAsync($"/platform/audit?tenant={beyond.Id}&action={probe}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"<option value=\"{beyond.Id}\" selected=\"selected\">{WebUtility.HtmlEncode(beyond.Name)}</option>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"<td>{WebUtility.HtmlEncode(beyond.Name)}</td>", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("global.admin@contoso.demo", "Grace Global", "/contoso-distribution/customers?size=25", "contoso-distribution")]
    [InlineData("global.admin@contoso.demo", "Grace Global", "/fabrikam-cloud/customers", null)] // not one of hers
    [InlineData("global.admin@contoso.demo", "Grace Global", "/no-such-tenant/customers", null)]
    [InlineData("multi@gccsaas.demo", "Morgan Multi", "/fabrikam-cloud/", "fabrikam-cloud")]
    [InlineData("multi@gccsaas.demo", "Morgan Multi", "/Contoso-Distribution/subscriptions", "contoso-distribution")]
    [InlineData("platform.admin@gccsaas.demo", "Pat Platform", "/platform/tenants", null)]
    public async Task Issue16_a_sign_in_with_a_return_url_is_filed_under_the_workspace_it_opens_without_listing_the_users_memberships(
        string email, string actor, string returnUrl, string? workspace)
    {
        var before = await fixture.OwnerScalarAsync<long>("SELECT coalesce(max(id), 0) FROM identity.platform_audit_entries");
        using var portal = new PortalClient(fixture.Factory);
        PortalResponse? signIn = null;

        var statements = await TracedAsync(portal.Http, async () => signIn = await portal.SignInAsync(email, PortalClient.DemoPassword, returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, signIn?.Status);
        Assert.Equal(returnUrl, signIn?.Location);
        var filedUnder = await fixture.OwnerScalarAsync<Guid?>(
            "SELECT tenant_id FROM identity.platform_audit_entries WHERE id > @before AND action = 'SignedIn' AND actor = @actor ORDER BY id DESC LIMIT 1",
            ("before", before),
            ("actor", actor));
        Assert.Equal(workspace is null ? null : (await fixture.TenantAsync(workspace)).Id, filedUnder);

        // The landing reads no list of memberships and no tenant per membership: a URL that opens no workspace reads
        // neither memberships nor tenants; one that does reads the user's membership in that tenant once, and the tenant
        // at most once (the host's resolution cache, which the redirect's request then finds warm).
        var memberships = statements.Where(q => q.Contains("memberships", StringComparison.Ordinal)).ToList();
        var tenants = statements.Where(ReadsTenants).ToList();
        var opensWorkspace = !returnUrl.StartsWith("/platform", StringComparison.Ordinal) && !returnUrl.StartsWith("/no-such", StringComparison.Ordinal);
        Assert.True(memberships.Count == (opensWorkspace ? 1 : 0), "Reads of memberships:\n" + string.Join("\n---\n", memberships));
        Assert.True(tenants.Count <= (returnUrl.StartsWith("/platform", StringComparison.Ordinal) ? 0 : 1), "Reads of platform.tenants:\n" + string.Join("\n---\n", tenants));
    }

    [Theory]
    [InlineData("//evil.example/fabrikam-cloud/", "contoso-distribution")] // not local: lands in her one workspace, as without a return URL
    [InlineData("/fabrikam-cloud/../contoso-distribution/customers", "contoso-distribution")] // the workspace the browser opens
    [InlineData("/contoso-distribution/../fabrikam-cloud/customers", null)]
    [InlineData("/-contoso-/customers", null)]
    [InlineData("/contoso-distribution%2F../customers", null)]
    [InlineData("/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/customers", null)]
    [InlineData("/platform/audit?tenant=00000000-0000-0000-0000-000000000000&tenant=x", null)]
    public async Task Issue16_an_odd_return_url_signs_in_without_a_server_error_and_files_no_foreign_workspace(string returnUrl, string? workspace)
    {
        var before = await fixture.OwnerScalarAsync<long>("SELECT coalesce(max(id), 0) FROM identity.platform_audit_entries");
        using var portal = new PortalClient(fixture.Factory);

        var signIn = await portal.SignInAsync("global.admin@contoso.demo", PortalClient.DemoPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
        Assert.StartsWith("/", signIn.Location, StringComparison.Ordinal);
        Assert.False(signIn.Location!.StartsWith("//", StringComparison.Ordinal), signIn.Location);
        var filedUnder = await fixture.OwnerScalarAsync<Guid?>(
            "SELECT tenant_id FROM identity.platform_audit_entries WHERE id > @before AND action = 'SignedIn' AND actor = 'Grace Global' ORDER BY id DESC LIMIT 1",
            ("before", before));
        var contoso = await fixture.TenantAsync("contoso-distribution");
        // Never fabrikam-cloud, of which she is no member; contoso-distribution only where she lands in it.
        Assert.Equal(workspace is null ? null : contoso.Id, filedUnder);
    }

    private static bool ReadsTenants(string sql) => Regex.IsMatch(sql, "platform\\.\"?tenants\"?", RegexOptions.IgnoreCase);

    private static async Task<(HttpStatusCode Status, string Html, List<string> TenantReads)> TracedGetAsync(PortalClient portal, string path)
    {
        PortalResponse? page = null;
        var statements = await TracedAsync(portal.Http, async () => page = await portal.GetAsync(path));
        return (page!.Status, page.Html, [.. statements.Where(ReadsTenants)]);
    }

    /// <summary>
    /// Runs <paramref name="send"/> (requests through <paramref name="http"/>) under a trace of its own and answers the SQL
    /// of every command those requests sent: Npgsql's activities of that trace (other tests' commands, in parallel, belong to
    /// other traces; the requests carry it in <c>traceparent</c>, which the host's request activity continues).
    /// </summary>
    private static async Task<List<string>> TracedAsync(HttpClient http, Func<Task> send)
    {
        var trace = ActivityTraceId.CreateRandom();
        var statements = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == trace && activity.Source.Name == "Npgsql" && activity.GetTagItem("db.query.text") is string sql)
                {
                    lock (statements)
                    {
                        statements.Add(sql);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        http.DefaultRequestHeaders.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        try
        {
            await send();
        }
        finally
        {
            http.DefaultRequestHeaders.Remove("traceparent");
        }

        lock (statements)
        {
            Assert.True(statements.Count > 0, "No command of the requests was traced: the test would prove nothing.");
            return [.. statements];
        }
    }
}

/// <summary>
/// The demo platform on a database of its own, with <see cref="PlatformAuditModel.MaxTenantsListed"/> more active tenants
/// whose names sort before every other (so the tenant filter lists only them), added in one statement, and four tenants
/// beyond the list: three active ones whose names sort last and a suspended one (the filter lists active tenants only).
/// </summary>
public sealed class PlatformAuditTenantNamesFixture() : SeededPlatformFixture(DateTimeOffset.UtcNow)
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private List<(Guid Id, string Name)>? _beyond;

    public async Task<IReadOnlyList<(Guid Id, string Name)>> BeyondTenantsAsync()
    {
        await _once.WaitAsync();
        try
        {
            if (_beyond is null)
            {
                await OwnerAsync(
                    """
                    INSERT INTO platform.tenants (id, identifier, name, status, created_at)
                    SELECT gen_random_uuid(), 'audit-filler-' || lpad(i::text, 3, '0'), 'AAA Audit filler ' || lpad(i::text, 3, '0'), 'Active', now()
                    FROM generate_series(1, @n) AS i;
                    """,
                    ("n", PlatformAuditModel.MaxTenantsListed));
                _beyond =
                [
                    (Guid.CreateVersion7(), "ZZZ Beyond the list One"),
                    (Guid.CreateVersion7(), "ZZZ Beyond the list Two & Co"),
                    (Guid.CreateVersion7(), "ZZZ Beyond the list Three"),
                    (Guid.CreateVersion7(), "Suspended Audit Probe"),
                ];
                for (var i = 0; i < _beyond.Count; i++)
                {
                    await OwnerAsync(
                        "INSERT INTO platform.tenants (id, identifier, name, status, created_at) VALUES (@id, @identifier, @name, @status, now());",
                        ("id", _beyond[i].Id),
                        ("identifier", "audit-beyond-" + i),
                        ("name", _beyond[i].Name),
                        ("status", i == 3 ? "Suspended" : "Active"));
                }
            }

            return _beyond;
        }
        finally
        {
            _once.Release();
        }
    }

    /// <summary>Runs <paramref name="sql"/> as the owner role, outside any tenant.</summary>
    public async Task OwnerAsync(string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(null) + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A scalar read as the owner role, outside any tenant (null for no row or NULL).</summary>
    public async Task<T> OwnerScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(null) + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync() is T found ? found : default!;
    }

    public override async Task DisposeAsync()
    {
        _once.Dispose();
        await base.DisposeAsync();
    }
}
