using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Jobs;
using GccSaaS.IntegrationTests.Notifications;
using GccSaaS.IntegrationTests.Relationships;
using GccSaaS.Modules.Relationships.Jobs;
using static GccSaaS.IntegrationTests.Hygiene.HygieneFixture;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Hygiene;

/// <summary>
/// Issue 10: "Links come from the Host header". Every route that hands out a link is called with a forged Host,
/// X-Forwarded-Host, X-Forwarded-Proto and Forwarded; every link in the answer, the draft, the stored
/// notifications and the mails must point under the configured public address (ADR 0016).
/// </summary>
[Collection(HygieneCollection.Name)]
public sealed class ForgedHostTests(HygieneFixture fixture)
{
    [Fact]
    public async Task Api_invitation_links_and_drafts_name_the_public_address_whatever_host_the_request_names()
    {
        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");
        Forge(api);

        using var requested = await PostAsync(api, "/v1/relationships/requests", new { invitedEmail = PartnershipJourneys.NewEmail() });
        var invitation = await LinkAnswerAsync(requested, HttpStatusCode.Created, "POST /v1/relationships/requests");
        using var resent = await PostAsync(api, $"/v1/invitations/{invitation.GetProperty("id").GetGuid()}/resend", null);
        await LinkAnswerAsync(resent, HttpStatusCode.OK, "POST /v1/invitations/{id}/resend");
        using var customerRequest = await api.GetAsync(new Uri("/v1/customers/relationshiprequests?email=it%40relecloudgov.example", UriKind.Relative));
        await LinkAnswerAsync(customerRequest, HttpStatusCode.OK, "GET /v1/customers/relationshiprequests");
    }

    [Fact]
    public async Task Portal_drafts_name_the_public_address_whatever_host_the_request_names()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        Forge(sales.Http);
        Forge(admin.Http);
        Forge(platform.Http);

        var partnership = await sales.PostFormAsync($"/{Contoso}/resellers", $"/{Contoso}/resellers?handler=Request",
            Fields(("InviteEmail", PartnershipJourneys.NewEmail())));
        DraftUnderPublicBase(partnership, "/invitations/partnership/", "the partnership request");
        var resent = await sales.PostFormAsync($"/{Contoso}/invitations",
            $"/{Contoso}/invitations?handler=Resend&id={PartnershipJourneys.DraftInvitationId(partnership.Html)}", []);
        DraftUnderPublicBase(resent, "/invitations/partnership/", "the resend");
        var customer = await sales.PostFormAsync($"/{Contoso}/customers/relationship-request", $"/{Contoso}/customers/relationship-request?handler=Request",
            Fields(("Reseller", string.Empty), ("InviteEmail", "it@relecloudgov.example")));
        DraftUnderPublicBase(customer, "/invitations/customer-relationship/", "the customer relationship request");
        var user = await admin.PostFormAsync($"/{Contoso}/users", $"/{Contoso}/users?handler=Invite",
            Fields(("InviteEmail", IdentityJourneys.NewEmail("forged")), ("InviteRole", "AdminAgent"), ("InviteResellerOrganisationId", string.Empty)));
        DraftUnderPublicBase(user, "/invitations/users/", "the user invitation");
        var tenant = await platform.PostFormAsync("/platform/tenants", "/platform/tenants?handler=Create",
            Fields(("Identifier", "forged-" + Guid.NewGuid().ToString("N")[..8]), ("Name", "Forged Host Ltd"), ("AdminEmail", IdentityJourneys.NewEmail("tenant"))));
        DraftUnderPublicBase(tenant, "/invitations/users/", "the new tenant's admin invitation");

        // The pages the links lead to, opened with the forged host too, name no other host either.
        var visitor = new PortalClient(fixture.Factory);
        Forge(visitor.Http);
        foreach (var page in new[] { resent, customer, user })
        {
            var landing = await visitor.GetAsync(IdentityJourneys.PathOfLink(page.Html));
            Assert.Equal(HttpStatusCode.OK, landing.Status);
            LinksOnlyToPublicBase(landing.Html, "an acceptance page");
        }
    }

    [Fact]
    public async Task Notification_mails_and_stored_notification_links_name_the_public_address()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        Forge(sales.Http);
        var requested = await sales.PostFormAsync($"/{Contoso}/resellers", $"/{Contoso}/resellers?handler=Request",
            Fields(("InviteEmail", PartnershipJourneys.NewEmail())));
        Assert.Equal(HttpStatusCode.OK, requested.Status);

        // The expiry sweep mails the inviter, outside any request: only configuration can name the address.
        var contoso = await fixture.TenantAsync(Contoso);
        fixture.Clock.Advance(TimeSpan.FromDays(60));
        Assert.True(await fixture.Factory.SendAsync(contoso, new ExpireDueInvitations()) > 0);
        await fixture.Factory.DispatchAsync(contoso, "Relationships");
        await fixture.Factory.DispatchAsync(contoso, "Notifications");
        var mails = await Eventually.UntilAsync(
            () => Task.FromResult(fixture.Smtp.Received.Where(m => m.Recipients.Contains("sales.agent@contoso.demo")).ToList()),
            m => m.Count > 0, TimeSpan.FromSeconds(20), "the expiry mail to the inviter");

        foreach (var mail in fixture.Smtp.Received)
        {
            LinksOnlyToPublicBase(mail.Body, $"the mail '{mail.Subject}'");
        }

        Assert.Contains(mails, m => m.Body.Contains($"{PublicBase}{Contoso}/invitations#", StringComparison.Ordinal));
        Assert.True(await fixture.Database.ScalarAsync<long>(contoso.Id, "SELECT count(*) FROM notifications.notifications WHERE link_url IS NOT NULL") > 0);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(
            contoso.Id, "SELECT count(*) FROM notifications.notifications WHERE link_url NOT LIKE '/%' OR link_url LIKE '//%' OR link_url LIKE '%evil%'"));
    }

    private static void DraftUnderPublicBase(PortalResponse page, string path, string what)
    {
        Assert.True(page.Status == HttpStatusCode.OK, $"{what} answered {(int)page.Status}: {TextOf(page.Html, "form-errors")}");
        var link = TextOf(page.Html, "invitation-link") ?? throw new InvalidOperationException($"{what} shows no link.");
        Assert.StartsWith(PublicBase.TrimEnd('/') + path, link, StringComparison.Ordinal);
        Assert.Contains(link, TextOf(page.Html, "invitation-draft"), StringComparison.Ordinal);
        LinksOnlyToPublicBase(page.Html, what);
    }

    private static async Task<JsonElement> LinkAnswerAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{what} answered {(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        var url = body.GetProperty("url").GetString() ?? string.Empty;
        Assert.StartsWith(PublicBase + "invitations/", url, StringComparison.Ordinal);
        Assert.Contains(url, body.GetProperty("email").GetProperty("body").GetString(), StringComparison.Ordinal);
        LinksOnlyToPublicBase(text, what);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        return body;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient api, string url, object? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        return await api.SendAsync(request);
    }
}
