using System.Net;
using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>
/// Request budgets (R-PC-10, issue 18), counted in PostgreSQL so every host shares them: /v1 per tenant (429 problem
/// details with Retry-After, other tenants unaffected), the portal per source address and per signed-in user (the
/// localised 429 page with Retry-After).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RateLimitingTests(ApiFixture fixture)
{
    private const int Permits = 5;

    [Fact]
    public async Task A_burst_beyond_the_tenants_budget_gets_429_with_retry_after_while_other_tenants_go_on()
    {
        await using var host = fixture.CreateFactory(new Dictionary<string, string?> { ["RateLimiting:PermitsPerMinute"] = Permits.ToString() });
        var busy = await fixture.CreateTenantAsync();
        var quiet = await fixture.CreateTenantAsync();
        using var busyClient = fixture.ClientFor(busy, host);
        using var quietClient = fixture.ClientFor(quiet, host);

        var burst = new List<HttpStatusCode>();
        for (var i = 0; i < Permits; i++)
        {
            using var allowed = await busyClient.GetAsync("/v1/test-harness/status/204");
            burst.Add(allowed.StatusCode);
        }

        using var refused = await busyClient.GetAsync("/v1/test-harness/status/204");
        using var otherTenant = await quietClient.GetAsync("/v1/test-harness/status/204");
        using var portal = await busyClient.GetAsync("/health/live");

        Assert.All(burst, status => Assert.Equal(HttpStatusCode.NoContent, status));
        var problem = await refused.AssertProblemAsync(429, "rate_limited");
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Contains($"{(int)retryAfter.Value.TotalSeconds} seconds", problem.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, otherTenant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
    }

    [Fact]
    public async Task The_default_budget_is_3000_requests_a_minute_well_above_partner_centers_500()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);

        var statuses = new List<HttpStatusCode>();
        foreach (var batch in Enumerable.Range(0, 600).Chunk(10))
        {
            statuses.AddRange(await Task.WhenAll(batch.Select(async _ =>
            {
                using var response = await client.GetAsync("/v1/test-harness/status/204");
                return response.StatusCode;
            })));
        }

        Assert.Equal(600, statuses.Count);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NoContent, status));
    }

    [Fact]
    public async Task Two_hosts_on_one_database_share_one_tenants_budget_instead_of_doubling_it()
    {
        var settings = new Dictionary<string, string?> { ["RateLimiting:PermitsPerMinute"] = Permits.ToString() };
        await using var first = fixture.CreateFactory(settings);
        await using var second = fixture.CreateFactory(settings);
        var tenant = await fixture.CreateTenantAsync();
        using var onFirst = fixture.ClientFor(tenant, first);
        using var onSecond = fixture.ClientFor(tenant, second);
        StayInOneWindow();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Permits; i++)
        {
            using var response = await (i % 2 == 0 ? onFirst : onSecond).GetAsync("/v1/test-harness/status/204");
            statuses.Add(response.StatusCode);
        }

        using var refusedOnFirst = await onFirst.GetAsync("/v1/test-harness/status/204");
        using var refusedOnSecond = await onSecond.GetAsync("/v1/test-harness/status/204");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NoContent, status));
        await refusedOnFirst.AssertProblemAsync(429, "rate_limited");
        await refusedOnSecond.AssertProblemAsync(429, "rate_limited");
        Assert.NotNull(refusedOnSecond.Headers.RetryAfter?.Delta);

        // The next window starts a new budget.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        using var later = await onSecond.GetAsync("/v1/test-harness/status/204");
        Assert.Equal(HttpStatusCode.NoContent, later.StatusCode);
    }

    [Fact]
    public async Task The_portal_answers_a_flood_from_one_source_with_the_localised_429_page_across_hosts_while_other_sources_go_on()
    {
        var settings = new Dictionary<string, string?> { ["RateLimiting:PortalPerSourcePerMinute"] = "4" };
        await using var first = fixture.CreateFactory(settings);
        await using var second = fixture.CreateFactory(settings);
        var source = "198.51.100." + Random.Shared.Next(1, 250);
        using var floodA = first.CreateHttpClient(handleCookies: false);
        using var floodB = second.CreateHttpClient(handleCookies: false);
        using var other = second.CreateHttpClient(handleCookies: false);
        foreach (var client in new[] { floodA, floodB })
        {
            client.DefaultRequestHeaders.Add(TestSourceAddress.Header, source);
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        }

        other.DefaultRequestHeaders.Add(TestSourceAddress.Header, "198.51.100.251");
        StayInOneWindow();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await (i % 2 == 0 ? floodA : floodB).GetAsync("/account/sign-in");
            statuses.Add(response.StatusCode);
        }

        using var refused = await floodA.GetAsync("/account/sign-in");
        using var fromElsewhere = await other.GetAsync("/account/sign-in");
        var html = await refused.Content.ReadAsStringAsync();

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("data-status=\"429\"", html, StringComparison.Ordinal);
        Assert.Contains("Zu viele Anfragen", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task Every_v1_answer_sends_the_budget_in_RateLimit_Limit_Remaining_and_Reset_also_refusals_and_crashes()
    {
        await using var host = fixture.CreateFactory(new Dictionary<string, string?> { ["RateLimiting:PermitsPerMinute"] = "3" });
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant, host);
        StayInOneWindow();

        using var first = await client.GetAsync("/v1/test-harness/status/204");
        using var crash = await client.GetAsync("/v1/test-harness/crash");
        using var refusedInput = await client.GetAsync("/v1/test-harness/status/204?x=" + new string('x', 4001));
        using var spent = await client.GetAsync("/v1/test-harness/status/204");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, crash.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refusedInput.StatusCode);
        Assert.Equal((HttpStatusCode)429, spent.StatusCode);
        var budgets = new[] { first, crash, refusedInput, spent }.Select(r => (
            Limit: Header(r, ApiHeaders.RateLimitLimit),
            Remaining: Header(r, ApiHeaders.RateLimitRemaining),
            Reset: int.Parse(Header(r, ApiHeaders.RateLimitReset), System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.All(budgets, b => Assert.Equal("3", b.Limit));
        Assert.Equal(new[] { "2", "1", "0", "0" }, budgets.Select(b => b.Remaining));
        Assert.All(budgets, b => Assert.InRange(b.Reset, 1, 60));
        Assert.Equal((double)budgets[3].Reset, spent.Headers.RetryAfter?.Delta?.TotalSeconds);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : $"(no {name})";

    /// <summary>
    /// Issue 19: a signed-in portal request is counted per source and per user in one statement (one round trip, not
    /// two). Either budget refuses it, the answer names the one that did, and every counter counts every request.
    /// </summary>
    [Fact]
    public async Task The_portals_budgets_per_source_and_per_user_are_taken_in_one_statement_and_either_refuses()
    {
        var limiter = fixture.Services.GetRequiredService<SharedRateLimiter>();
        var source = "portal:source:test-" + Guid.NewGuid().ToString("N");
        var user = "portal:user:test-" + Guid.NewGuid().ToString("N");
        RateLimitBudget[] both = [new(source, 10), new(user, 2)];
        StayInOneWindow();

        var first = await limiter.TakeAsync(both, TimeSpan.FromMinutes(1), CancellationToken.None);
        var second = await limiter.TakeAsync(both, TimeSpan.FromMinutes(1), CancellationToken.None);
        var third = await limiter.TakeAsync(both, TimeSpan.FromMinutes(1), CancellationToken.None);
        var sourceAlone = await limiter.TakeAsync(source, 10, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.True(first.Decision.Allowed);
        Assert.True(second.Decision.Allowed);
        Assert.Null(second.RefusedBy);
        Assert.False(third.Decision.Allowed);
        Assert.Equal(user, third.RefusedBy);
        Assert.Equal(3, third.Decision.Count);
        Assert.Equal(4, sourceAlone.Count);
        Assert.True(sourceAlone.Allowed);
    }

    /// <summary>The fixed windows follow the fixture's clock: start well inside one, so a burst never spans two.</summary>
    private void StayInOneWindow()
    {
        var intoMinute = fixture.Clock.GetUtcNow().UtcTicks % TimeSpan.TicksPerMinute;
        fixture.Clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerMinute - intoMinute) + TimeSpan.FromSeconds(1));
    }
}
