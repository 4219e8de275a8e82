using System.Net;
using System.Text.Json;
using static GccSaaS.IntegrationTests.Ordering.OrderingApi;
using static GccSaaS.IntegrationTests.Ordering.SubscriptionApi;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>
/// Changing a subscription after purchase through <c>PATCH /v1/customers/{id}/subscriptions/{subId}</c> (issue 14):
/// optimistic concurrency (ETag / If-Match), the license count, new commerce's 7-day cancellation window with the fake
/// clock, auto-renew, and the audit entry and outbox event every change writes.
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class SubscriptionChangeApiTests(OrderingFixture fixture)
{
    [Fact]
    public async Task Subscription_details_carry_an_ETag_and_a_PATCH_without_If_Match_is_refused_with_428_and_changes_nothing()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, subscription) = await BuyAsync(fixture, api);

        var (body, etag) = await GetAsync(api, customer, subscription);
        using var withoutIfMatch = await PatchAsync(api, customer, subscription, new { quantity = 30 }, ifMatch: null);
        var problem = await OrderingFixture.JsonAsync(withoutIfMatch);

        Assert.Equal("\"v1\"", etag);
        Assert.Equal(etag, body.GetProperty("attributes").GetProperty("etag").GetString());
        Assert.Equal("Subscription", body.GetProperty("attributes").GetProperty("objectType").GetString());
        Assert.Equal(25, body.GetProperty("quantity").GetInt32());
        Assert.Equal("Provider", body.GetProperty("supportContact").GetProperty("kind").GetString());
        Assert.Equal(OrderingFixture.ContosoPartnerId, body.GetProperty("supportContact").GetProperty("supportMpnId").GetString());
        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutIfMatch.StatusCode);
        Assert.Equal("if_match_required", Code(problem));
        Assert.Equal(25, (await GetAsync(api, customer, subscription)).Body.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Optimistic_concurrency_two_editors_with_the_same_ETag_one_wins_and_the_other_gets_412_with_a_code()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        using var other = await fixture.ApiAsync(OrderingFixture.Contoso, "AdminAgent");
        var (customer, subscription) = await BuyAsync(fixture, api);
        var (_, seenByBoth) = await GetAsync(api, customer, subscription);

        using var first = await PatchAsync(api, customer, subscription, new { quantity = 40 }, seenByBoth);
        using var second = await PatchAsync(other, customer, subscription, new { autoRenewEnabled = false }, seenByBoth);
        var problem = await OrderingFixture.JsonAsync(second);
        var (now, etag) = await GetAsync(api, customer, subscription);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"v2\"", first.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("subscription_etag_stale", Code(problem));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("description").GetString()));
        Assert.Equal(40, now.GetProperty("quantity").GetInt32());
        Assert.True(now.GetProperty("autoRenewEnabled").GetBoolean());
        Assert.Equal("\"v2\"", etag);
    }

    [Fact]
    public async Task Optimistic_concurrency_of_ten_concurrent_PATCHes_with_one_ETag_exactly_one_is_applied()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, subscription) = await BuyAsync(fixture, api);
        var (_, etag) = await GetAsync(api, customer, subscription);

        var responses = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => PatchAsync(api, customer, subscription, new { quantity = 25 + i }, etag)));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var (now, current) = await GetAsync(api, customer, subscription);
        Assert.Single(statuses, s => s == HttpStatusCode.OK);
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
        Assert.Equal("\"v2\"", current);
        Assert.InRange(now.GetProperty("quantity").GetInt32(), 26, 35);
    }

    [Fact]
    public async Task The_license_count_rises_at_any_time_and_each_change_writes_the_audit_log_and_a_SubscriptionChanged_outbox_event()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, subscription) = await BuyAsync(fixture, api);
        fixture.Clock.Advance(TimeSpan.FromDays(30)); // long past the cancellation window

        using var raised = await ChangeAsync(api, customer, subscription, new { quantity = 60 });
        var body = await OrderingFixture.JsonAsync(raised);
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);

        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.Equal(60, body.GetProperty("quantity").GetInt32());
        Assert.Equal(1L, await fixture.CountAsync(tenant.Id,
            "SELECT count(*) FROM notifications.audit_entries WHERE action = 'ChangeSubscriptionCommand' AND strpos(details::text, @s) > 0", ("s", subscription.ToString())));
        Assert.Equal(1L, await fixture.CountAsync(tenant.Id,
            """
            SELECT count(*) FROM ordering.outbox_messages
             WHERE type LIKE '%SubscriptionChangedNotification' AND payload->>'subscriptionId' = @s
               AND payload->'changes'->0->>'field' = 'quantity' AND payload->'changes'->0->>'from' = '25' AND payload->'changes'->0->>'to' = '60'
               AND (payload->>'version')::int = 2
            """,
            ("s", subscription.ToString())));
    }

    [Fact]
    public async Task The_license_count_stays_within_the_offers_bounds()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, subscription) = await BuyAsync(fixture, api);

        using var tooMany = await ChangeAsync(api, customer, subscription, new { quantity = 10001 });
        using var zero = await ChangeAsync(api, customer, subscription, new { quantity = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("quantity_out_of_range", Code(await OrderingFixture.JsonAsync(tooMany)));
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
    }

    [Fact]
    public async Task New_commerce_cancellation_window_lowering_and_cancelling_within_7_days_of_purchase_then_a_clear_refusal_after_it()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, subscription) = await BuyAsync(fixture, api);
        var (cancelledCustomer, cancelled) = await BuyAsync(fixture, api, "EMS-E3-GCC", 10);
        var bought = (await GetAsync(api, customer, subscription)).Body;

        fixture.Clock.Advance(TimeSpan.FromDays(6));
        using var lowered = await ChangeAsync(api, customer, subscription, new { quantity = 20 });
        using var cancel = await ChangeAsync(api, cancelledCustomer, cancelled, new { status = "deleted" });
        var afterCancel = await OrderingFixture.JsonAsync(cancel);

        fixture.Clock.Advance(TimeSpan.FromDays(1)); // the 7th day after purchase: the window has closed
        using var lowerLate = await ChangeAsync(api, customer, subscription, new { quantity = 15 });
        using var cancelLate = await ChangeAsync(api, customer, subscription, new { status = "deleted" });
        using var raiseLate = await ChangeAsync(api, customer, subscription, new { quantity = 22 });
        using var changeCancelled = await ChangeAsync(api, cancelledCustomer, cancelled, new { quantity = 12 });
        var lateProblem = await OrderingFixture.JsonAsync(lowerLate);

        Assert.Equal(bought.GetProperty("creationDate").GetDateTimeOffset().AddDays(7), bought.GetProperty("cancellationAllowedUntilDate").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("deleted", afterCancel.GetProperty("status").GetString());
        Assert.False(afterCancel.GetProperty("autoRenewEnabled").GetBoolean());
        Assert.True(afterCancel.GetProperty("isReadOnly").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, lowerLate.StatusCode);
        Assert.Equal("cancellation_window_closed", Code(lateProblem));
        Assert.Contains("7", lateProblem.GetProperty("description").GetString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("cancellation_window_closed", Code(await OrderingFixture.JsonAsync(cancelLate)));
        Assert.Equal(HttpStatusCode.OK, raiseLate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, changeCancelled.StatusCode);
        Assert.Equal("subscription_not_active", Code(await OrderingFixture.JsonAsync(changeCancelled)));
        Assert.Equal(22, (await GetAsync(api, customer, subscription)).Body.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Auto_renew_switches_off_and_on_and_the_whole_resource_sent_back_changes_only_what_was_edited()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, subscription) = await BuyAsync(fixture, api);

        using var off = await ChangeAsync(api, customer, subscription, new { autoRenewEnabled = false });
        var (resource, etag) = await GetAsync(api, customer, subscription);
        var edited = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(resource.GetRawText())!;
        edited["autoRenewEnabled"] = JsonSerializer.SerializeToElement(true);
        using var on = await PatchAsync(api, customer, subscription, edited, etag);
        var after = await OrderingFixture.JsonAsync(on);
        using var same = await ChangeAsync(api, customer, subscription, new { quantity = 25, autoRenewEnabled = true, status = "active" });

        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await OrderingFixture.JsonAsync(off)).GetProperty("autoRenewEnabled").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.True(after.GetProperty("autoRenewEnabled").GetBoolean());
        Assert.Equal(25, after.GetProperty("quantity").GetInt32());
        Assert.Equal("active", after.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("\"v3\"", same.Headers.ETag?.ToString()); // nothing changed: no new version
    }

    [Fact]
    public async Task Another_tenants_or_an_unknown_subscription_is_not_found()
    {
        using var contoso = await fixture.ApiAsync(OrderingFixture.Contoso);
        using var fabrikam = await fixture.ApiAsync(OrderingFixture.Fabrikam, "GlobalAdmin");
        var (customer, subscription) = await BuyAsync(fixture, contoso);

        using var foreign = await fabrikam.GetAsync(new Uri(PathOf(customer, subscription), UriKind.Relative));
        using var foreignPatch = await PatchAsync(fabrikam, customer, subscription, new { quantity = 1 }, "\"v1\"");
        using var unknown = await contoso.GetAsync(new Uri(PathOf(customer, Guid.NewGuid()), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("customer_not_found", Code(await OrderingFixture.JsonAsync(foreign)));
        Assert.Equal("customer_not_found", Code(await OrderingFixture.JsonAsync(foreignPatch)));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("subscription_not_found", Code(await OrderingFixture.JsonAsync(unknown)));
    }
}
