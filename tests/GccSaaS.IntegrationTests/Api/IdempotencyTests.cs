using System.Net;
using GccSaaS.BuildingBlocks.Web;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>MS-RequestId makes a /v1 write idempotent (R-PC-10), counted by the rows the handler writes.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiFixture fixture)
{
    [Fact]
    public async Task Retrying_a_write_with_the_same_request_id_returns_the_stored_response_and_runs_the_handler_once()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        var requestId = Guid.NewGuid();

        using var first = await client.SendAsync(ApiCalls.CreateWidget("retried", requestId));
        using var retry = await client.SendAsync(ApiCalls.CreateWidget("retried", requestId));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Null(first.Header(ApiHeaders.IdempotentReplay));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Header(ApiHeaders.IdempotentReplay));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType, retry.Content.Headers.ContentType);
        Assert.Equal(requestId.ToString(), retry.Header(ApiHeaders.RequestId));
        Assert.Equal(1L, await fixture.CountWidgetsAsync(tenant, "retried"));
    }

    [Fact]
    public async Task Reusing_a_request_id_for_a_different_body_is_refused_with_400_and_runs_nothing()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        var requestId = Guid.NewGuid();
        using var first = await client.SendAsync(ApiCalls.CreateWidget("original", requestId));

        using var reused = await client.SendAsync(ApiCalls.CreateWidget("different", requestId));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await reused.AssertProblemAsync(400, "request_id_reused");
        Assert.Equal(0L, await fixture.CountWidgetsAsync(tenant, "different"));
        Assert.Equal(1L, await fixture.CountWidgetsAsync(tenant, "original"));
    }

    [Fact]
    public async Task A_retry_while_the_first_request_still_runs_gets_409_and_afterwards_the_first_response()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        var requestId = Guid.NewGuid();

        var firstCall = client.SendAsync(ApiCalls.CreateWidget("slow", requestId, hold: true));
        await fixture.Probe.EnteredAsync();
        using var whileRunning = await client.SendAsync(ApiCalls.CreateWidget("slow", requestId, hold: true));
        fixture.Probe.ReleaseAll();
        using var first = await firstCall;
        using var afterwards = await client.SendAsync(ApiCalls.CreateWidget("slow", requestId, hold: true));

        await whileRunning.AssertProblemAsync(409, "request_in_progress");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("true", afterwards.Header(ApiHeaders.IdempotentReplay));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await afterwards.Content.ReadAsStringAsync());
        Assert.Equal(1, fixture.Probe.InvocationsOf("slow"));
        Assert.Equal(1L, await fixture.CountWidgetsAsync(tenant, "slow"));
    }

    [Fact]
    public async Task A_claim_left_running_past_the_timeout_is_taken_over_and_the_late_first_answer_is_not_stored()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        var requestId = Guid.NewGuid();

        var abandoned = client.SendAsync(ApiCalls.CreateWidget("stale", requestId, hold: true));
        await fixture.Probe.EnteredAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(3)); // past Idempotency:InProgressTimeout (2 minutes)
        var takeover = client.SendAsync(ApiCalls.CreateWidget("stale", requestId, hold: true));
        await fixture.Probe.EnteredAsync();
        fixture.Probe.ReleaseAll();
        using var late = await abandoned;
        using var taken = await takeover;
        using var replay = await client.SendAsync(ApiCalls.CreateWidget("stale", requestId, hold: true));

        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        Assert.Equal("true", replay.Header(ApiHeaders.IdempotentReplay));
        Assert.Equal(await taken.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.NotEqual(await late.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(2L, await fixture.CountWidgetsAsync(tenant, "stale"));
    }

    [Fact]
    public async Task A_refusal_is_a_final_answer_and_is_replayed_without_running_the_handler_again()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        var requestId = Guid.NewGuid();
        var name = "refused-" + Guid.NewGuid().ToString("N");

        using var first = await client.SendAsync(ApiCalls.CreateWidget(name, requestId, fail: "refuse"));
        using var retry = await client.SendAsync(ApiCalls.CreateWidget(name, requestId, fail: "refuse"));

        await first.AssertProblemAsync(400, "widget_refused");
        Assert.Equal(400, (int)retry.StatusCode);
        Assert.Equal("true", retry.Header(ApiHeaders.IdempotentReplay));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, fixture.Probe.InvocationsOf(name));
    }

    [Fact]
    public async Task A_crash_gives_the_request_id_back_so_a_retry_runs_afresh()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        var requestId = Guid.NewGuid();
        var name = "crashing-" + Guid.NewGuid().ToString("N");

        using var first = await client.SendAsync(ApiCalls.CreateWidget(name, requestId, fail: "crash"));
        using var retry = await client.SendAsync(ApiCalls.CreateWidget(name, requestId, fail: "crash"));

        await first.AssertProblemAsync(500, "internal_error");
        await retry.AssertProblemAsync(500, "internal_error");
        Assert.Null(retry.Header(ApiHeaders.IdempotentReplay));
        Assert.Equal(2, fixture.Probe.InvocationsOf(name));
    }

    [Fact]
    public async Task The_same_request_id_in_two_tenants_makes_two_independent_requests()
    {
        var a = await fixture.CreateTenantAsync();
        var b = await fixture.CreateTenantAsync();
        using var clientA = fixture.ClientFor(a);
        using var clientB = fixture.ClientFor(b);
        var requestId = Guid.NewGuid();

        using var inA = await clientA.SendAsync(ApiCalls.CreateWidget("shared-id-a", requestId));
        using var inB = await clientB.SendAsync(ApiCalls.CreateWidget("shared-id-b", requestId));

        Assert.Equal(HttpStatusCode.Created, inA.StatusCode);
        Assert.Equal(HttpStatusCode.Created, inB.StatusCode);
        Assert.Null(inB.Header(ApiHeaders.IdempotentReplay));
        Assert.Equal(1L, await fixture.CountWidgetsAsync(a, "shared-id-a"));
        Assert.Equal(1L, await fixture.CountWidgetsAsync(b, "shared-id-b"));
    }

    [Fact]
    public async Task A_write_without_a_request_id_gets_a_generated_one_and_is_not_deduplicated()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);

        using var first = await client.SendAsync(ApiCalls.CreateWidget("no-id"));
        using var second = await client.SendAsync(ApiCalls.CreateWidget("no-id"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.True(Guid.TryParse(first.Header(ApiHeaders.RequestId), out var generated));
        Assert.NotEqual(generated.ToString(), second.Header(ApiHeaders.RequestId));
        Assert.Equal(2L, await fixture.CountWidgetsAsync(tenant, "no-id"));
    }

    [Fact]
    public async Task A_request_id_that_is_not_a_guid_is_refused_with_400()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        using var request = ApiCalls.CreateWidget("bad-id");
        request.Headers.Add(ApiHeaders.RequestId, "not-a-guid");

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(400, "invalid_input");
        Assert.Equal(0L, await fixture.CountWidgetsAsync(tenant, "bad-id"));
    }

    [Fact]
    public async Task An_answer_older_than_the_retention_is_forgotten_and_the_id_starts_a_new_request()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        var requestId = Guid.NewGuid();
        using var first = await client.SendAsync(ApiCalls.CreateWidget("kept-a-day", requestId));

        fixture.Clock.Advance(TimeSpan.FromHours(25)); // past Idempotency:Retention (24 hours)
        using var later = await client.SendAsync(ApiCalls.CreateWidget("a-day-later", requestId));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.Null(later.Header(ApiHeaders.IdempotentReplay));
        Assert.Equal(1L, await fixture.CountWidgetsAsync(tenant, "a-day-later"));
    }
}
