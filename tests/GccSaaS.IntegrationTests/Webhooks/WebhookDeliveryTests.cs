using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Ordering;
using GccSaaS.Modules.Notifications.Features.Webhooks;
using GccSaaS.Modules.Ordering;
using GccSaaS.Modules.Ordering.Contracts;
using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Relationships;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;
using static GccSaaS.IntegrationTests.Webhooks.LoopbackWebhookReceiver;

namespace GccSaaS.IntegrationTests.Webhooks;

/// <summary>
/// Issue 17: events of other modules reach a real receiver on loopback, signed as Standard Webhooks says (checked with
/// the spec's algorithm), retried with back-off after 500s and timeouts, recorded attempt by attempt, replayable,
/// signed with both secrets during a rotation, and an endpoint failing for a day is turned off and its admins told.
/// </summary>
[Collection(WebhooksCollection.Name)]
public sealed class WebhookDeliveryTests(WebhooksFixture fixture)
{
    [Fact]
    public async Task Webhooks_an_event_reaches_the_endpoint_signed_with_the_standard_webhooks_algorithm_with_its_versioned_payload()
    {
        using var api = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        var url = fixture.Receiver.NewUrl("signed");
        var (id, secret) = await RegisterAsync(api, url, WebhookEventTypes.PartnershipAccepted);
        var tenant = await fixture.TenantAsync(WebhooksFixture.Contoso);
        var partnership = Guid.NewGuid();
        var reseller = Guid.NewGuid();

        await fixture.PublishAsync<RelationshipsDbContext>(tenant, RelationshipsModule.Name,
            new PartnershipEstablishedNotification(tenant.Id, partnership, reseller, fixture.Clock.GetUtcNow()));
        await fixture.DeliverAsync(tenant);

        var received = Assert.Single(fixture.Receiver.At(url));
        Assert.True(Verify(secret, received), received.Signature);
        Assert.StartsWith("msg_", received.Id, StringComparison.Ordinal);
        Assert.Equal(fixture.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), received.Timestamp);
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal("partnership.accepted", body.GetProperty("type").GetString());
        Assert.Equal("2026-12", body.GetProperty("version").GetString());
        Assert.Equal(partnership, body.GetProperty("data").GetProperty("partnershipId").GetGuid());
        Assert.Equal(reseller, body.GetProperty("data").GetProperty("resellerOrganisationId").GetGuid());
        Assert.False(Verify(WebhookSigning.NewSecret(), received));

        using var attempts = await api.GetAsync(new Uri($"/v1/webhooks/{id}/attempts", UriKind.Relative));
        var log = await WebhooksFixture.JsonAsync(attempts);
        Assert.Equal(HttpStatusCode.OK, attempts.StatusCode);
        var attempt = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal(204, attempt.GetProperty("statusCode").GetInt32());
        Assert.True(attempt.GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task Webhooks_a_500_and_a_timeout_are_retried_with_back_off_each_attempt_recorded_and_the_webhook_id_kept()
    {
        using var api = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        var url = fixture.Receiver.NewUrl("retry");
        fixture.Receiver.Answer(url, Status(500, new string('x', 3000)), Delay(TimeSpan.FromSeconds(5)), Status(200, "ok"));
        var (id, _) = await RegisterAsync(api, url, WebhookEventTypes.PartnershipAccepted);
        var tenant = await fixture.TenantAsync(WebhooksFixture.Contoso);
        await fixture.PublishAsync<RelationshipsDbContext>(tenant, RelationshipsModule.Name,
            new PartnershipEstablishedNotification(tenant.Id, Guid.NewGuid(), Guid.NewGuid(), fixture.Clock.GetUtcNow()));

        await fixture.DeliverAsync(tenant); // 500
        Assert.True(fixture.Receiver.At(url).Count == 1, await fixture.DiagnoseAsync(tenant.Id, id));
        await fixture.DeliverAsync(tenant); // not due before its back-off (5 s)
        Assert.Single(fixture.Receiver.At(url));
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        await fixture.DeliverAsync(tenant); // no answer within the timeout
        Assert.Equal(2, fixture.Receiver.At(url).Count);
        fixture.Clock.Advance(TimeSpan.FromMinutes(4));
        await fixture.DeliverAsync(tenant); // not due before its back-off (5 min)
        Assert.Equal(2, fixture.Receiver.At(url).Count);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.DeliverAsync(tenant); // 200

        var received = fixture.Receiver.At(url);
        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.Id).Distinct());
        using var response = await api.GetAsync(new Uri($"/v1/webhooks/{id}/attempts?size=2", UriKind.Relative));
        var first = await WebhooksFixture.JsonAsync(response);
        var page = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, page.Count);
        Assert.Equal(200, page[0].GetProperty("statusCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, page[1].GetProperty("statusCode").ValueKind);
        Assert.Contains("No answer", page[1].GetProperty("response").GetString(), StringComparison.Ordinal);
        var token = first.GetProperty("links").GetProperty("next").GetProperty("headers")[0].GetProperty("value").GetString();
        using var next = new HttpRequestMessage(HttpMethod.Get, new Uri($"/v1/webhooks/{id}/attempts?size=2", UriKind.Relative));
        next.Headers.Add("MS-ContinuationToken", token);
        using var nextResponse = await api.SendAsync(next);
        var older = Assert.Single((await WebhooksFixture.JsonAsync(nextResponse)).GetProperty("items").EnumerateArray());
        Assert.Equal(500, older.GetProperty("statusCode").GetInt32());
        Assert.Equal(1024, older.GetProperty("response").GetString()?.Length); // the first KiB only
        Assert.Equal(1L, await fixture.CountAsync(tenant.Id,
            "SELECT count(*) FROM notifications.webhook_deliveries WHERE endpoint_id = @e AND status = 'Succeeded' AND attempt_count = 3", ("e", id)));
    }

    [Fact]
    public async Task Webhooks_an_endpoint_failing_for_a_day_is_disabled_and_the_global_admins_are_notified_resuming_sends_what_waited()
    {
        using var api = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        var url = fixture.Receiver.NewUrl("failing");
        fixture.Receiver.Answer(url, Status(503));
        var (id, _) = await RegisterAsync(api, url, WebhookEventTypes.PartnershipAccepted);
        var tenant = await fixture.TenantAsync(WebhooksFixture.Contoso);
        await fixture.PublishAsync<RelationshipsDbContext>(tenant, RelationshipsModule.Name,
            new PartnershipEstablishedNotification(tenant.Id, Guid.NewGuid(), Guid.NewGuid(), fixture.Clock.GetUtcNow()));

        await fixture.DeliverAsync(tenant);
        fixture.Clock.Advance(TimeSpan.FromHours(15));
        await fixture.DeliverAsync(tenant);
        Assert.Equal("Active", await StatusAsync(api, id));
        fixture.Clock.Advance(TimeSpan.FromHours(10));
        await fixture.DeliverAsync(tenant);

        Assert.Equal("Disabled", await StatusAsync(api, id));
        Assert.True(await fixture.CountAsync(tenant.Id,
            "SELECT count(*) FROM notifications.notifications WHERE kind = 'webhook.disabled' AND link_url = @link", ("link", $"/{WebhooksFixture.Contoso}/webhooks/{id}")) >= 1);
        // Issue 16 item 7: the sweep knows no reader's language; a Global admin of the German portal reads it in German.
        using (var admin = await fixture.SignedInAsync("global.admin@contoso.demo"))
        {
            admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
            var row = NotificationRow(
                WebUtility.HtmlDecode((await admin.GetAsync($"/{WebhooksFixture.Contoso}/notifications")).Html), $"/{WebhooksFixture.Contoso}/webhooks/{id}");
            Assert.Contains("<strong>Ein Webhook-Endpunkt wurde abgeschaltet</strong>", row, StringComparison.Ordinal);
            Assert.Contains($"Zustellungen an {url} schlagen seit einem Tag fehl", row, StringComparison.Ordinal);
        }

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await fixture.DeliverAsync(tenant); // a disabled endpoint is not sent to
        Assert.Equal(3, fixture.Receiver.At(url).Count);

        fixture.Receiver.Answer(url, Status(200));
        using var resumed = await OrderingApi.SendAsync(api, HttpMethod.Post, $"/v1/webhooks/{id}/resume");
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        await fixture.DeliverAsync(tenant);
        Assert.Equal(4, fixture.Receiver.At(url).Count);
        Assert.Equal("Active", await StatusAsync(api, id));
        Assert.Equal(1L, await fixture.CountAsync(tenant.Id, "SELECT count(*) FROM notifications.webhook_deliveries WHERE endpoint_id = @e AND status = 'Succeeded'", ("e", id)));
    }

    [Fact]
    public async Task Webhooks_a_delivery_or_all_since_a_time_are_sent_again_with_the_same_webhook_id_and_paused_endpoints_wait()
    {
        using var api = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        var url = fixture.Receiver.NewUrl("replay");
        var (id, _) = await RegisterAsync(api, url, WebhookEventTypes.PartnershipAccepted, WebhookEventTypes.PartnershipRemoved);
        var tenant = await fixture.TenantAsync(WebhooksFixture.Contoso);
        var since = fixture.Clock.GetUtcNow();
        using (var paused = await OrderingApi.SendAsync(api, HttpMethod.Post, $"/v1/webhooks/{id}/pause"))
        {
            Assert.Equal("Paused", (await WebhooksFixture.JsonAsync(paused)).GetProperty("status").GetString());
        }

        await fixture.PublishAsync<RelationshipsDbContext>(tenant, RelationshipsModule.Name,
            new PartnershipEstablishedNotification(tenant.Id, Guid.NewGuid(), Guid.NewGuid(), fixture.Clock.GetUtcNow()));
        await fixture.PublishAsync<RelationshipsDbContext>(tenant, RelationshipsModule.Name,
            new PartnershipRemovedNotification(tenant.Id, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "2026-01", fixture.Clock.GetUtcNow()));
        await fixture.DeliverAsync(tenant); // paused: the deliveries wait
        Assert.Empty(fixture.Receiver.At(url));
        (await OrderingApi.SendAsync(api, HttpMethod.Post, $"/v1/webhooks/{id}/resume")).Dispose();
        await fixture.DeliverAsync(tenant);
        Assert.Equal(2, fixture.Receiver.At(url).Count);

        using var deliveries = await api.GetAsync(new Uri($"/v1/webhooks/{id}/deliveries", UriKind.Relative));
        var items = (await WebhooksFixture.JsonAsync(deliveries)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, d => Assert.Equal("Succeeded", d.GetProperty("status").GetString()));
        var one = items[0].GetProperty("id").GetGuid();
        using (var replay = await OrderingApi.SendAsync(api, HttpMethod.Post, $"/v1/webhooks/{id}/deliveries/{one}/replay"))
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        }

        await fixture.DeliverAsync(tenant);
        Assert.Equal(3, fixture.Receiver.At(url).Count);
        using (var all = await OrderingApi.SendAsync(api, HttpMethod.Post, $"/v1/webhooks/{id}/replay", new { since }))
        {
            Assert.Equal(2, (await WebhooksFixture.JsonAsync(all)).GetProperty("replayed").GetInt32());
        }

        await fixture.DeliverAsync(tenant);
        var received = fixture.Receiver.At(url);
        Assert.Equal(5, received.Count);
        Assert.Equal(2, received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(3, received.Count(r => r.Id == items[0].GetProperty("webhookId").GetString()));
        using var missing = await OrderingApi.SendAsync(api, HttpMethod.Post, $"/v1/webhooks/{id}/deliveries/{Guid.NewGuid()}/replay");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Webhooks_after_a_rotation_both_secrets_sign_for_24_hours_then_only_the_new_one_and_the_secret_is_never_shown_again()
    {
        using var api = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        var url = fixture.Receiver.NewUrl("rotate");
        var (id, oldSecret) = await RegisterAsync(api, url, WebhookEventTypes.PartnershipAccepted);
        var tenant = await fixture.TenantAsync(WebhooksFixture.Contoso);
        using var rotated = await OrderingApi.SendAsync(api, HttpMethod.Post, $"/v1/webhooks/{id}/rotatesecret");
        var rotation = await WebhooksFixture.JsonAsync(rotated);
        var newSecret = rotation.GetProperty("secret").GetString() ?? string.Empty;
        Assert.Equal("no-store", rotated.Headers.CacheControl?.ToString());
        Assert.NotEqual(oldSecret, newSecret);

        await fixture.PublishAsync<RelationshipsDbContext>(tenant, RelationshipsModule.Name,
            new PartnershipEstablishedNotification(tenant.Id, Guid.NewGuid(), Guid.NewGuid(), fixture.Clock.GetUtcNow()));
        await fixture.DeliverAsync(tenant);
        fixture.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await fixture.PublishAsync<RelationshipsDbContext>(tenant, RelationshipsModule.Name,
            new PartnershipEstablishedNotification(tenant.Id, Guid.NewGuid(), Guid.NewGuid(), fixture.Clock.GetUtcNow()));
        await fixture.DeliverAsync(tenant);

        var received = fixture.Receiver.At(url);
        Assert.True(received.Count == 2, await fixture.AttemptsAsync(tenant.Id, id));
        Assert.Equal(2, received[0].Signature.Split(' ').Length);
        Assert.True(Verify(oldSecret, received[0]));
        Assert.True(Verify(newSecret, received[0]));
        Assert.Single(received[1].Signature.Split(' '));
        Assert.False(Verify(oldSecret, received[1]));
        Assert.True(Verify(newSecret, received[1]));
        using var read = await api.GetAsync(new Uri($"/v1/webhooks/{id}", UriKind.Relative));
        var text = await read.Content.ReadAsStringAsync();
        Assert.DoesNotContain("whsec_", text, StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.CountAsync(tenant.Id,
            "SELECT count(*) FROM notifications.webhook_endpoints WHERE protected_secret LIKE '%whsec_%' OR protected_previous_secret LIKE '%whsec_%'"));
    }

    [Fact]
    public async Task Webhooks_events_reach_only_their_own_tenants_endpoints()
    {
        using var contoso = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        using var fabrikam = await fixture.ApiAsync(WebhooksFixture.Fabrikam, "GlobalAdmin");
        var contosoUrl = fixture.Receiver.NewUrl("tenant-a");
        var fabrikamUrl = fixture.Receiver.NewUrl("tenant-b");
        var (contosoEndpoint, _) = await RegisterAsync(contoso, contosoUrl, WebhookEventTypes.PartnershipAccepted);
        await RegisterAsync(fabrikam, fabrikamUrl, WebhookEventTypes.PartnershipAccepted);
        var a = await fixture.TenantAsync(WebhooksFixture.Contoso);
        var b = await fixture.TenantAsync(WebhooksFixture.Fabrikam);

        await fixture.PublishAsync<RelationshipsDbContext>(a, RelationshipsModule.Name,
            new PartnershipEstablishedNotification(a.Id, Guid.NewGuid(), Guid.NewGuid(), fixture.Clock.GetUtcNow()));
        await fixture.DeliverAsync(a);
        await fixture.DeliverAsync(b);

        Assert.True(fixture.Receiver.At(contosoUrl).Count == 1, await fixture.DiagnoseAsync(a.Id, contosoEndpoint));
        Assert.Empty(fixture.Receiver.At(fabrikamUrl));
        using var foreign = await fabrikam.GetAsync(new Uri($"/v1/webhooks/{contosoEndpoint}/attempts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Webhooks_a_resellers_endpoint_receives_only_events_about_its_own_customers_and_may_not_choose_other_events()
    {
        var tenant = await fixture.TenantAsync(WebhooksFixture.Contoso);
        var adatum = Guid.NewGuid();
        var alpine = Guid.NewGuid();
        var adatumUrl = fixture.Receiver.NewUrl("reseller-a");
        var alpineUrl = fixture.Receiver.NewUrl("reseller-b");
        var providerUrl = fixture.Receiver.NewUrl("provider");
        await fixture.SendAsync(tenant, new RegisterWebhookCommand(tenant.Id, adatumUrl, null, [WebhookEventTypes.OrderPlaced], adatum));
        await fixture.SendAsync(tenant, new RegisterWebhookCommand(tenant.Id, alpineUrl, null, [WebhookEventTypes.OrderPlaced], alpine));
        var provider = await fixture.SendAsync(tenant, new RegisterWebhookCommand(tenant.Id, providerUrl, null, [WebhookEventTypes.OrderPlaced], null));
        var refused = await Assert.ThrowsAsync<GccSaaS.BuildingBlocks.Mediation.DomainRuleException>(() =>
            fixture.SendAsync(tenant, new RegisterWebhookCommand(tenant.Id, adatumUrl, null, [WebhookEventTypes.PartnershipAccepted], adatum)));
        Assert.Equal("webhook_events_not_allowed", refused.Code);

        var adatumOrder = Guid.NewGuid();
        await fixture.PublishAsync<OrderingDbContext>(tenant, OrderingModule.Name,
            new OrderPlacedNotification(tenant.Id, adatumOrder, Guid.NewGuid(), adatum, "5123400", [Guid.NewGuid()], fixture.Clock.GetUtcNow()));
        await fixture.PublishAsync<OrderingDbContext>(tenant, OrderingModule.Name,
            new OrderPlacedNotification(tenant.Id, Guid.NewGuid(), Guid.NewGuid(), null, null, [Guid.NewGuid()], fixture.Clock.GetUtcNow()));
        await fixture.DeliverAsync(tenant);

        var adatumReceived = Assert.Single(fixture.Receiver.At(adatumUrl));
        Assert.Equal(adatumOrder, JsonDocument.Parse(adatumReceived.Body).RootElement.GetProperty("data").GetProperty("orderId").GetGuid());
        Assert.Empty(fixture.Receiver.At(alpineUrl));
        Assert.True(fixture.Receiver.At(providerUrl).Count == 2, await fixture.DiagnoseAsync(tenant.Id, provider.Endpoint.Id));
    }

    [Fact]
    public async Task Webhooks_an_order_placed_through_the_api_is_delivered_once_even_when_its_outbox_message_is_dispatched_again()
    {
        using var api = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        var url = fixture.Receiver.NewUrl("order");
        var (id, secret) = await RegisterAsync(api, url, WebhookEventTypes.OrderPlaced, WebhookEventTypes.SubscriptionChanged);
        var tenant = await fixture.TenantAsync(WebhooksFixture.Contoso);
        var customer = await CustomerAsync(api);
        var cart = await OrderingApi.CartIdAsync(api, customer, OrderingApi.Cart([OrderingApi.Line("O365-E3", 3)]));
        using (var checkout = await OrderingApi.CheckoutAsync(api, customer, cart))
        {
            Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        }

        var definition = fixture.Services.GetRequiredService<GccSaaS.BuildingBlocks.Data.ModuleCatalog>().Modules.Single(m => m.Name == OrderingModule.Name);
        await fixture.Services.GetRequiredService<GccSaaS.BuildingBlocks.Messaging.OutboxDispatcher>().DispatchAsync(definition, tenant);
        await fixture.DeliverAsync(tenant);

        var received = Assert.Single(fixture.Receiver.At(url));
        Assert.True(Verify(secret, received));
        var data = JsonDocument.Parse(received.Body).RootElement.GetProperty("data");
        Assert.Equal(customer, data.GetProperty("customerId").GetGuid());
        Assert.Equal(1L, await fixture.CountAsync(tenant.Id, "SELECT count(*) FROM notifications.webhook_deliveries WHERE endpoint_id = @e", ("e", id)));
    }

    private static async Task<Guid> CustomerAsync(HttpClient api)
    {
        var body = GccSaaS.IntegrationTests.Customers.CustomerApi.Body(GccSaaS.IntegrationTests.Customers.CustomerApi.NewDomain("w"), "Springfield Widgets", null);
        var id = await GccSaaS.IntegrationTests.Customers.CustomerApi.CreatedIdAsync(api, body);
        using var recorded = await api.PostAsJsonAsync(new Uri($"/v1/customers/{id}/agreements", UriKind.Relative), GccSaaS.IntegrationTests.Security.SecurityFixture.AgreementBody());
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        return id;
    }

    internal static async Task<(Guid Id, string Secret)> RegisterAsync(HttpClient api, string url, params string[] events)
    {
        using var response = await OrderingApi.SendAsync(api, HttpMethod.Post, "/v1/webhooks", new { url, description = "test", eventTypes = events });
        var json = await WebhooksFixture.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return (json.GetProperty("id").GetGuid(), json.GetProperty("secret").GetString() ?? string.Empty);
    }

    private static async Task<string?> StatusAsync(HttpClient api, Guid id)
    {
        using var response = await api.GetAsync(new Uri($"/v1/webhooks/{id}", UriKind.Relative));
        return (await WebhooksFixture.JsonAsync(response)).GetProperty("status").GetString();
    }

    /// <summary>The notification centre's row that links to <paramref name="link"/>.</summary>
    private static string NotificationRow(string html, string link)
    {
        var at = html.IndexOf($"href=\"{link}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"No notification links to {link}.");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }
}
