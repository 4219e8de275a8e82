using System.Net;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Jobs;

/// <summary>One host with the demo seed (its users) and a Hangfire server (so the recurring jobs are declared).</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private GccSaaSFactory? _host;

    public GccSaaSFactory Host => _host ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _host = new GccSaaSFactory(_database, settings: HangfireTestJobs.Settings(("Demo:Seed", "true")));
        _ = _host.Server;
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
    }

    public async Task<PortalClient> SignedInAsync(string email)
    {
        var portal = new PortalClient(Host);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.SignInAsync(email)).Status);
        return portal;
    }
}

/// <summary>The Hangfire Dashboard at /platform/jobs: platform admins only, answering others as the portal does.</summary>
public sealed partial class JobsDashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly string[] RecurringJobs =
    [
        "invitation-expiry-sweep", "invitation-reminder-sweep", "validation-sla-sweep", "idempotent-requests-sweep",
        "outbox-sweep", "outbox-full-sweep",
    ];

    [Fact]
    public async Task A_platform_admin_sees_the_dashboard_with_every_recurring_job()
    {
        using var admin = await fixture.SignedInAsync("platform.admin@gccsaas.demo");

        var home = await admin.GetAsync("/platform/jobs");
        var recurring = await admin.GetAsync("/platform/jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("GccSaaS jobs", home.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recurring.Status);
        Assert.All(RecurringJobs, job => Assert.Contains(job, recurring.Html, StringComparison.Ordinal));
        Assert.DoesNotContain("Password=", home.Html, StringComparison.OrdinalIgnoreCase); // no connection string shown
    }

    [Theory]
    [InlineData("/platform/jobs")]
    [InlineData("/platform/jobs/recurring")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_back(string url)
    {
        using var anonymous = new PortalClient(fixture.Host);

        var response = await anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        // Absolute or relative, as the portal's cookie handler writes it.
        Assert.EndsWith($"/account/sign-in?returnUrl={Uri.EscapeDataString(url)}", response.Location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sales.agent@contoso.demo")] // a provider's user
    [InlineData("global.admin@contoso.demo")]
    [InlineData("reseller.admin@adatum.demo")] // a reseller's user
    [InlineData("reviewer@gccsaas.demo")] // platform staff, but no platform admin
    public async Task Anyone_else_signed_in_gets_the_portals_404_for_every_page_and_action(string email)
    {
        using var user = await fixture.SignedInAsync(email);

        var home = await user.GetAsync("/platform/jobs");
        var recurring = await user.GetAsync("/platform/jobs/recurring");
        using var trigger = await user.Http.PostAsync(
            new Uri("/platform/jobs/recurring/trigger", UriKind.Relative),
            new FormUrlEncodedContent([new("jobs[]", "outbox-sweep")]));

        Assert.Equal(HttpStatusCode.NotFound, home.Status);
        Assert.Contains("Not found", home.Html, StringComparison.Ordinal); // the portal's status page, not Hangfire's
        Assert.Equal(HttpStatusCode.NotFound, recurring.Status);
        Assert.Equal(HttpStatusCode.NotFound, trigger.StatusCode);
    }

    [Fact]
    public async Task A_dashboard_post_without_the_antiforgery_token_is_refused_and_with_it_the_admin_triggers_a_job()
    {
        using var admin = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var page = await admin.GetAsync("/platform/jobs/recurring");
        var header = CsrfHeader().Match(page.Html).Groups[1].Value;
        var token = System.Net.WebUtility.HtmlDecode(CsrfToken().Match(page.Html).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(header), "the dashboard names its antiforgery header");
        Assert.False(string.IsNullOrEmpty(token), "the dashboard carries an antiforgery token");
        const string job = "idempotent-requests-sweep";
        var before = LastJobId(job);

        using var refused = await admin.Http.PostAsync(
            new Uri("/platform/jobs/recurring/trigger", UriKind.Relative),
            new FormUrlEncodedContent([new("jobs[]", job)]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(before, LastJobId(job));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/platform/jobs/recurring/trigger", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("jobs[]", job)]),
        };
        request.Headers.Add(header, token);
        using var accepted = await admin.Http.SendAsync(request);
        Assert.True(accepted.IsSuccessStatusCode, $"trigger answered {(int)accepted.StatusCode}");
        Assert.NotEqual(before, LastJobId(job));
    }

    private string? LastJobId(string recurringJob)
    {
        using var connection = fixture.Host.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs([recurringJob]).Single().LastJobId;
    }

    [GeneratedRegex("""<meta name="csrf-header" content="([^"]*)">""")]
    private static partial Regex CsrfHeader();

    [GeneratedRegex("""<meta name="csrf-token" content="([^"]*)">""")]
    private static partial Regex CsrfToken();
}
