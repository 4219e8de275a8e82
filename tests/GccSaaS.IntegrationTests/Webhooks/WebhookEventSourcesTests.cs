using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Ordering;
using GccSaaS.Modules.Notifications.Features.Webhooks;
using GccSaaS.Modules.Relationships.Jobs;
using static GccSaaS.IntegrationTests.Webhooks.LoopbackWebhookReceiver;

namespace GccSaaS.IntegrationTests.Webhooks;

/// <summary>
/// Issue 17: the events the other modules announce where the fact happens (in the command's transaction, ADR 0017)
/// reach a real receiver on loopback, signed (checked with the Standard Webhooks algorithm), with ids and the changed
/// facts only: partnership invited and expired (Relationships), customer created and reseller associated (Customers,
/// each heard by a reseller's endpoint only for its own customers), GCC validation submitted and information requested
/// (Validation).
/// </summary>
[Collection(WebhooksCollection.Name)]
public sealed class WebhookEventSourcesTests(WebhooksFixture fixture)
{
    private static readonly Guid AdatumOrganisationId = Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01");
    private static readonly Guid AdatumTenantId = Guid.Parse("4c507132-2e3f-4da0-9b43-8c9d0e1f2a03");
    private static readonly Guid ProsewareOrganisationId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123450a0008");

    [Fact]
    public async Task Webhooks_R_REL_1_requesting_a_partnership_sends_partnership_invited_without_the_invited_address()
    {
        using var api = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        var url = fixture.Receiver.NewUrl("invited");
        var (_, secret) = await WebhookDeliveryTests.RegisterAsync(api, url, WebhookEventTypes.PartnershipInvited);
        var tenant = await fixture.TenantAsync(WebhooksFixture.Contoso);
        var email = $"invited-{Guid.NewGuid():N}"[..20] + "@adatum.example";

        var invitation = await RequestPartnershipAsync(api, email);
        await fixture.DeliverAsync(tenant);

        var received = Assert.Single(fixture.Receiver.At(url));
        var data = Signed(secret, received, WebhookEventTypes.PartnershipInvited);
        Assert.Equal(invitation, data.GetProperty("invitationId").GetGuid());
        Assert.True(data.GetProperty("expiresAt").GetDateTimeOffset() > data.GetProperty("invitedAt").GetDateTimeOffset());
        Assert.DoesNotContain(email, received.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Webhooks_R_REL_7_the_expiry_sweep_sends_partnership_expired_once_per_expired_partnership_invitation()
    {
        using var api = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        var url = fixture.Receiver.NewUrl("expired");
        var (_, secret) = await WebhookDeliveryTests.RegisterAsync(api, url, WebhookEventTypes.PartnershipExpired);
        var tenant = await fixture.TenantAsync(WebhooksFixture.Contoso);
        var first = await RequestPartnershipAsync(api, $"expiring-{Guid.NewGuid():N}"[..20] + "@adatum.example");
        var second = await RequestPartnershipAsync(api, $"expiring-{Guid.NewGuid():N}"[..20] + "@adatum.example");
        await fixture.ExecuteAsync(tenant.Id, "UPDATE relationships.invitations SET expires_at = @at WHERE id = ANY(@ids)",
            ("at", fixture.Clock.GetUtcNow().AddMinutes(-1)), ("ids", new[] { first, second }));

        Assert.True(await fixture.SendAsync(tenant, new ExpireDueInvitations()) >= 2);
        Assert.Equal(0, await fixture.SendAsync(tenant, new ExpireDueInvitations())); // idempotent: nothing announced twice
        await fixture.DeliverAsync(tenant);

        var received = fixture.Receiver.At(url);
        var invitations = received.Select(r => Signed(secret, r, WebhookEventTypes.PartnershipExpired).GetProperty("invitationId").GetGuid()).ToList();
        Assert.Contains(first, invitations);
        Assert.Contains(second, invitations);
        Assert.Equal(invitations.Count, invitations.Distinct().Count());
    }

    [Fact]
    public async Task Webhooks_R_CUS_1_R_CUS_3_customer_events_reach_the_provider_and_only_the_reseller_the_customer_belongs_to()
    {
        using var api = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        var tenant = await fixture.TenantAsync(WebhooksFixture.Contoso);
        string[] events = [WebhookEventTypes.CustomerCreated, WebhookEventTypes.CustomerResellerAssociated];
        var providerUrl = fixture.Receiver.NewUrl("customers-provider");
        var adatumUrl = fixture.Receiver.NewUrl("customers-adatum");
        var prosewareUrl = fixture.Receiver.NewUrl("customers-proseware");
        var (_, secret) = await WebhookDeliveryTests.RegisterAsync(api, providerUrl, events);
        var adatum = await fixture.SendAsync(tenant, new RegisterWebhookCommand(tenant.Id, adatumUrl, null, events, AdatumOrganisationId));
        await fixture.SendAsync(tenant, new RegisterWebhookCommand(tenant.Id, prosewareUrl, null, events, ProsewareOrganisationId));

        // A direct customer, later associated with Adatum; and one added with Adatum from the start.
        var direct = await CustomerApi.CreatedIdAsync(api, CustomerApi.Body(CustomerApi.NewDomain("wh"), "Direct County"));
        using (var patched = await OrderingApi.SendAsync(api, HttpMethod.Patch, $"/v1/customers/{direct}", new { associatedPartnerId = AdatumTenantId }))
        {
            Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        }

        var domain = CustomerApi.NewDomain("wa");
        var withAdatum = await CustomerApi.CreatedIdAsync(api, CustomerApi.Body(domain, "Adatum County", AdatumTenantId));
        await fixture.DeliverAsync(tenant);

        var provider = fixture.Receiver.At(providerUrl).Select(r => (Type: Type(r), Data: Signed(secret, r, Type(r)))).ToList();
        Assert.Equal(4, provider.Count);
        Assert.Contains(provider, e => e.Type == WebhookEventTypes.CustomerCreated && e.Data.GetProperty("customerId").GetGuid() == direct
            && e.Data.GetProperty("resellerOrganisationId").ValueKind == JsonValueKind.Null);
        var created = Assert.Single(provider, e => e.Type == WebhookEventTypes.CustomerCreated && e.Data.GetProperty("customerId").GetGuid() == withAdatum).Data;
        Assert.Equal(domain, created.GetProperty("domain").GetString());
        Assert.Equal(AdatumOrganisationId, created.GetProperty("resellerOrganisationId").GetGuid());
        Assert.False(created.GetProperty("gccQualified").GetBoolean());
        Assert.Equal(2, provider.Count(e => e.Type == WebhookEventTypes.CustomerResellerAssociated && e.Data.GetProperty("resellerOrganisationId").GetGuid() == AdatumOrganisationId));
        Assert.All(fixture.Receiver.At(providerUrl), r => Assert.DoesNotContain("Simpson", r.Body, StringComparison.Ordinal)); // no contact of the customer

        // Adatum's endpoint hears about its own customers: the association of the direct one, and both events of the other.
        var adatumReceived = fixture.Receiver.At(adatumUrl);
        Assert.True(adatumReceived.Count == 3, await fixture.DiagnoseAsync(tenant.Id, adatum.Endpoint.Id));
        Assert.DoesNotContain(adatumReceived, r => Type(r) == WebhookEventTypes.CustomerCreated && Data(r).GetProperty("customerId").GetGuid() == direct);
        Assert.Empty(fixture.Receiver.At(prosewareUrl)); // another reseller never hears of them
    }

    [Fact]
    public async Task Webhooks_R_VAL_5_R_VAL_7_a_submitted_customer_validation_and_an_information_request_are_sent_without_contact_details()
    {
        using var api = await fixture.ApiAsync(WebhooksFixture.Contoso, "GlobalAdmin");
        var tenant = await fixture.TenantAsync(WebhooksFixture.Contoso);
        var url = fixture.Receiver.NewUrl("validation");
        var (_, secret) = await WebhookDeliveryTests.RegisterAsync(api, url, WebhookEventTypes.ValidationSubmitted, WebhookEventTypes.ValidationInformationRequested);
        var domain = $"v{Guid.NewGuid():N}"[..12] + ".onmicrosoft.com";

        using var agent = await fixture.ApiAsync(WebhooksFixture.Contoso, "AdminAgent");
        using var submitted = await agent.PostAsJsonAsync("/v1/validationcases/customer", new
        {
            legalName = "Webhook County",
            domain,
            address = "3 Hook Rd",
            contactName = "Casey Contact",
            contactEmail = "casey@hook.example",
            contactPhone = "+1 555 0107",
            eligibilityCategory = "FederallyFundedResearchCentre",
        });
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var caseId = (await WebhooksFixture.JsonAsync(submitted)).GetProperty("id").GetGuid();
        using var reviewer = await fixture.PlatformApiAsync("reviewer@gccsaas.demo");
        using (var start = await reviewer.PostAsJsonAsync($"/v1/platform/validationcases/{caseId}/startreview", new { version = 0 }))
        {
            Assert.True(start.StatusCode == HttpStatusCode.OK, await start.Content.ReadAsStringAsync());
        }

        using (var ask = await reviewer.PostAsJsonAsync($"/v1/platform/validationcases/{caseId}/requestinformation", new { message = "Please send the charter.", version = 1 }))
        {
            Assert.True(ask.StatusCode == HttpStatusCode.OK, await ask.Content.ReadAsStringAsync());
        }

        await fixture.DeliverAsync(tenant);

        var received = fixture.Receiver.At(url);
        Assert.Equal(2, received.Count);
        var submittedData = Signed(secret, Assert.Single(received, r => Type(r) == WebhookEventTypes.ValidationSubmitted), WebhookEventTypes.ValidationSubmitted);
        var requestedData = Signed(secret, Assert.Single(received, r => Type(r) == WebhookEventTypes.ValidationInformationRequested), WebhookEventTypes.ValidationInformationRequested);
        foreach (var data in new[] { submittedData, requestedData })
        {
            Assert.Equal(caseId, data.GetProperty("caseId").GetGuid());
            Assert.Equal("customer", data.GetProperty("subject").GetString());
            Assert.Equal(domain, data.GetProperty("customerDomain").GetString());
        }

        Assert.All(received, r =>
        {
            Assert.DoesNotContain("casey", r.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("charter", r.Body, StringComparison.OrdinalIgnoreCase);
        });
    }

    private static async Task<Guid> RequestPartnershipAsync(HttpClient api, string email)
    {
        using var response = await OrderingApi.SendAsync(api, HttpMethod.Post, "/v1/relationships/requests", new { invitedEmail = email });
        var json = await WebhooksFixture.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return Guid.Parse(response.Headers.Location?.OriginalString.Split('/')[^1] ?? string.Empty);
    }

    private static string Type(ReceivedWebhook request) => JsonDocument.Parse(request.Body).RootElement.GetProperty("type").GetString() ?? string.Empty;

    private static JsonElement Data(ReceivedWebhook request) => JsonDocument.Parse(request.Body).RootElement.GetProperty("data");

    /// <summary>Checks the signature with the spec's algorithm, the type and the payload version; answers the data.</summary>
    private static JsonElement Signed(string secret, ReceivedWebhook request, string type)
    {
        Assert.True(Verify(secret, request), request.Signature);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(type, body.GetProperty("type").GetString());
        Assert.Equal("2026-12", body.GetProperty("version").GetString());
        return body.GetProperty("data");
    }
}
