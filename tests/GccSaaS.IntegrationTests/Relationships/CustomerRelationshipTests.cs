using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>
/// R-REL-4..6: reseller relationship requests to customers: the URL from the API, the same draft flow in the
/// portal, and the customer administrator accepting with its customer tenant's admin credentials.
/// </summary>
[Collection(RelationshipsCollection.Name)]
public sealed class CustomerRelationshipTests(RelationshipsFixture fixture)
{
    private const string Contoso = RelationshipsFixture.Contoso;
    private const string RelecloudAdmin = "admin@relecloudgov.onmicrosoft.com";

    [Fact]
    public async Task R_REL_4_the_customer_admin_accepts_and_the_customer_joins_the_list_with_the_reseller_and_the_link_is_then_used()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var page = await sales.PostFormAsync($"/{Contoso}/customers/relationship-request", $"/{Contoso}/customers/relationship-request?handler=Request",
            Fields(("Reseller", RelationshipsFixture.AdatumId.ToString()), ("InviteEmail", "it@relecloudgov.example")));
        var path = IdentityJourneys.PathOfLink(page.Html);
        using var customerAdmin = new PortalClient(fixture.Factory);

        var landing = await customerAdmin.GetAsync(path);
        var wrong = await customerAdmin.PostFormAsync(path, path, Fields(("UserName", RelecloudAdmin), ("Password", "not-the-password")));
        var accepted = await customerAdmin.PostFormAsync(path, path, Fields(("UserName", RelecloudAdmin), ("Password", PortalClient.DemoPassword)));
        var again = await new PortalClient(fixture.Factory).GetAsync(path);

        Assert.Matches("^/invitations/customer-relationship/contoso-distribution/", path);
        Assert.Contains("Adatum Reseller asks to become a reseller", TextOf(landing.Html, "invitation-intro"), StringComparison.Ordinal);
        Assert.Contains("stay active and unchanged", landing.Html, StringComparison.Ordinal); // R-REL-6
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.Contains("not that of a customer tenant administrator", TextOf(wrong.Html, "form-errors"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Contains("Adatum Reseller is now your reseller", TextOf(accepted.Html, "accepted"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, again.Status);

        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");
        using var customers = await api.GetAsync(new Uri("/v1/customers?size=500", UriKind.Relative));
        var relecloud = (await customers.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
            .Single(c => c.ToString().Contains("relecloudgov.onmicrosoft.com", StringComparison.Ordinal));
        Assert.Equal(RelationshipsFixture.AdatumTenantId, relecloud.GetProperty("associatedPartnerId").GetGuid()); // the reseller's tenant ID on /v1
    }

    [Fact]
    public async Task Issue16_the_requester_reads_the_acceptance_in_german_though_the_customer_accepted_in_english()
    {
        const string german = "<strong>admin@relecloudgov.onmicrosoft.com hat Ihre Anfrage für eine Wiederverkäuferbeziehung angenommen</strong>";
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        sales.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var page = await sales.PostFormAsync($"/{Contoso}/customers/relationship-request", $"/{Contoso}/customers/relationship-request?handler=Request",
            Fields(("Reseller", RelationshipsFixture.AdatumId.ToString()), ("InviteEmail", "it-lang@relecloudgov.example")));
        var path = IdentityJourneys.PathOfLink(page.Html);
        var before = Occurrences(await NotificationsAsync(sales), german); // another test's acceptance may be there already
        using var customerAdmin = new PortalClient(fixture.Factory); // no language asked: English

        var accepted = await customerAdmin.PostFormAsync(path, path, Fields(("UserName", RelecloudAdmin), ("Password", PortalClient.DemoPassword)));
        var notifications = await NotificationsAsync(sales);

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(before + 1, Occurrences(notifications, german));
        Assert.DoesNotContain("accepted your reseller relationship request", notifications, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_REL_4_GET_relationshiprequests_is_safe_the_same_link_until_revoked_and_POST_issues_a_new_one()
    {
        using var api = await fixture.ApiAsync(Contoso, "AdminAgent");
        var email = "?email=" + Uri.EscapeDataString(PartnershipJourneys.NewEmail());

        using var first = await api.GetAsync(new Uri("/v1/customers/relationshiprequests" + email, UriKind.Relative));
        using var second = await api.GetAsync(new Uri("/v1/customers/relationshiprequests" + email, UriKind.Relative));
        using var created = await api.PostAsync(new Uri("/v1/customers/relationshiprequests" + email, UriKind.Relative), null);
        using var third = await api.GetAsync(new Uri("/v1/customers/relationshiprequests" + email, UriKind.Relative));
        var one = await first.Content.ReadFromJsonAsync<JsonElement>();
        var two = await second.Content.ReadFromJsonAsync<JsonElement>();
        var made = await created.Content.ReadFromJsonAsync<JsonElement>();
        var three = await third.Content.ReadFromJsonAsync<JsonElement>();
        using var revoked = await api.PostAsync(new Uri($"/v1/invitations/{made.GetProperty("id").GetGuid()}/revoke", UriKind.Relative), null);
        var afterRevoke = await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/customers/relationshiprequests" + email, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("RelationshipRequest", one.GetProperty("attributes").GetProperty("objectType").GetString());
        Assert.Matches("/invitations/customer-relationship/contoso-distribution/[A-Za-z0-9_-]{43}$", one.GetProperty("url").GetString());
        Assert.Equal(one.GetProperty("url").GetString(), two.GetProperty("url").GetString()); // a GET changes nothing
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotEqual(one.GetProperty("url").GetString(), made.GetProperty("url").GetString());
        Assert.Equal(made.GetProperty("url").GetString(), three.GetProperty("url").GetString()); // GET answers the newest standing link
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.NotEqual(made.GetProperty("url").GetString(), afterRevoke.GetProperty("url").GetString()); // a revoked link is never answered again
    }

    [Fact]
    public async Task R_REL_4_a_request_for_a_reseller_without_an_active_partnership_is_refused()
    {
        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");

        using var response = await api.GetAsync(new Uri($"/v1/customers/relationshiprequests?resellerId={RelationshipsFixture.AlpineTenantId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("reseller_not_partnered", ApiCalls.ErrorName(await response.Content.ReadFromJsonAsync<JsonElement>()));
    }

    [Fact]
    public async Task R_REL_5_a_reseller_user_requests_for_its_own_organisation_only()
    {
        using var reseller = await fixture.SignedInAsync("reseller.agent@adatum.demo");

        var own = await reseller.PostFormAsync($"/{Contoso}/customers/relationship-request", $"/{Contoso}/customers/relationship-request?handler=Request", []);
        var other = await reseller.PostFormAsync($"/{Contoso}/customers/relationship-request", $"/{Contoso}/customers/relationship-request?handler=Request",
            Fields(("Reseller", RelationshipsFixture.ProsewareId.ToString())));
        var landing = await new PortalClient(fixture.Factory).GetAsync(IdentityJourneys.PathOfLink(own.Html));

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Contains("Adatum Reseller asks to become a reseller", TextOf(landing.Html, "invitation-intro"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
    }

    private static async Task<string> NotificationsAsync(PortalClient user) =>
        WebUtility.HtmlDecode((await user.GetAsync($"/{Contoso}/notifications")).Html);

    private static int Occurrences(string html, string text)
    {
        var count = 0;
        for (var at = html.IndexOf(text, StringComparison.Ordinal); at >= 0; at = html.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
