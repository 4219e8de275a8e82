using System.Net;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>Per-tenant request budget on /v1 (R-PC-10): 429 with Retry-After, other tenants unaffected.</summary>
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
}
