using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Partners;

/// <summary>
/// R-PAR-5: an indirect provider asks the platform operator to change its listing; the operator approves or
/// declines; only an approval changes the officially-listed flag; the requester is told; one open request
/// per organisation; each tenant sees only its own requests.
/// </summary>
[Collection(PartnersCollection.Name)]
public sealed class ListingRequestTests(PartnersFixture fixture)
{
    private static readonly Uri Own = new("/v1/profiles/listingrequests", UriKind.Relative);

    [Fact]
    public async Task R_PAR_5_a_provider_asks_on_its_profile_to_be_listed_the_operator_approves_in_the_queue_and_the_requester_is_told()
    {
        using var provider = await fixture.NewProviderAsync();
        var profile = $"/{provider.Tenant.Identifier}/profile";

        var asked = await provider.Admin.PostFormAsync(profile, profile + "?handler=RequestListing",
            Fields(("ListingKind", "List"), ("ListingText", "We are an authorised US indirect provider; please list us.")));
        var afterAsking = await provider.Admin.GetAsync(profile);
        var id = await RequestIdAsync(provider.OrganisationId);
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var queue = await platform.GetAsync("/platform/listing-requests");
        var approved = await platform.PostFormAsync("/platform/listing-requests", "/platform/listing-requests?handler=Approve", Fields(("requestId", id.ToString())));
        var afterDecision = await platform.GetAsync(approved.Location!);
        var reloaded = await platform.GetAsync(approved.Location!);
        var afterApproval = await provider.Admin.GetAsync(profile);
        var notifications = await provider.Admin.GetAsync($"/{provider.Tenant.Identifier}/notifications");

        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        Assert.Contains("data-state=\"Open\"", afterAsking.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"listing-request-open\"", afterAsking.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"listing-request-form\"", afterAsking.Html, StringComparison.Ordinal);
        Assert.Contains("data-value=\"NotListed\"", afterAsking.Html, StringComparison.Ordinal);
        Assert.Contains($"data-listing-request-id=\"{id}\" data-state=\"Open\"", queue.Html, StringComparison.Ordinal);
        Assert.Contains("please list us", queue.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, approved.Status);
        // Issue 16: the decision's status shows once on the page after the post and never sits in the address.
        Assert.Equal("/platform/listing-requests", approved.Location);
        Assert.Equal("Approved; the provider has been told.", TextOf(afterDecision.Html, "listing-queue-status"));
        Assert.Null(TextOf(reloaded.Html, "listing-queue-status"));
        Assert.Contains("id=\"profile-listing-status\" data-value=\"Listed\"", afterApproval.Html, StringComparison.Ordinal);
        Assert.Contains($"data-listing-request-id=\"{id}\" data-state=\"Approved\"", afterApproval.Html, StringComparison.Ordinal);
        Assert.Contains("Your listing change request was approved", notifications.Html, StringComparison.Ordinal);
        Assert.True(await fixture.QueryAsync(db => db.PartnerOrganisations.Where(o => o.Id == provider.OrganisationId).Select(o => o.OfficiallyListed).SingleAsync()));
    }

    [Fact]
    public async Task R_PAR_5_a_decline_needs_a_reason_leaves_the_flag_alone_and_tells_the_requester_why()
    {
        using var provider = await fixture.NewProviderAsync();
        using var api = ApiClient.Create(fixture.Factory, provider.GlobalAdminKey);
        using var platform = await fixture.PlatformApiAsync();
        var id = await AskAsync(api, "List", "Please list us.");

        using var noReason = await platform.PostAsJsonAsync(new Uri($"/v1/platform/listingrequests/{id}/decline", UriKind.Relative), new { reason = "  " });
        using var declined = await platform.PostAsJsonAsync(new Uri($"/v1/platform/listingrequests/{id}/decline", UriKind.Relative), new { reason = "Your CSP indirect provider agreement is pending." });
        var own = await api.GetFromJsonAsync<JsonElement>(Own);
        var notifications = await provider.Admin.GetAsync($"/{provider.Tenant.Identifier}/notifications");

        await AssertProblemAsync(noReason, HttpStatusCode.BadRequest, "invalid_input");
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var item = Assert.Single(own.GetProperty("items").EnumerateArray());
        Assert.Equal("Declined", item.GetProperty("state").GetString());
        Assert.Equal("Your CSP indirect provider agreement is pending.", item.GetProperty("decisionReason").GetString());
        Assert.False(item.GetProperty("officiallyListed").GetBoolean());
        Assert.Contains("Your CSP indirect provider agreement is pending.", notifications.Html[notifications.Html.IndexOf("<main", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("Your listing change request was declined", notifications.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue16_the_requester_reads_the_decision_in_german_though_the_operator_decided_in_english()
    {
        using var provider = await fixture.NewProviderAsync();
        using var api = ApiClient.Create(fixture.Factory, provider.GlobalAdminKey);
        using var platform = await fixture.PlatformApiAsync(); // no language asked: English
        var id = await AskAsync(api, "List", "Please list us.");

        using var declined = await platform.PostAsJsonAsync(new Uri($"/v1/platform/listingrequests/{id}/decline", UriKind.Relative), new { reason = "Vertrag fehlt." });
        provider.Admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var notifications = WebUtility.HtmlDecode((await provider.Admin.GetAsync($"/{provider.Tenant.Identifier}/notifications")).Html);

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Contains("<strong>Ihr Änderungsantrag zum Eintrag wurde abgelehnt</strong>", notifications, StringComparison.Ordinal);
        Assert.Contains("Der Plattformbetreiber hat Ihren Antrag „Meine Organisation aufnehmen“ abgelehnt: Vertrag fehlt.", notifications, StringComparison.Ordinal);
        Assert.DoesNotContain("Your listing change request was declined", notifications, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_PAR_5_one_open_request_per_organisation_even_when_asked_at_once()
    {
        using var provider = await fixture.NewProviderAsync();
        using var api = ApiClient.Create(fixture.Factory, provider.GlobalAdminKey);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            api.PostAsJsonAsync(Own, new { kind = "List", text = $"Please list us ({i})." })));
        using var afterwards = await api.PostAsJsonAsync(Own, new { kind = "List", text = "Again." });

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await AssertProblemAsync(refused, HttpStatusCode.Conflict, "listing_request_already_open");
        }

        await AssertProblemAsync(afterwards, HttpStatusCode.Conflict, "listing_request_already_open");
        Assert.Equal(1, await fixture.QueryAsync(db => db.ListingChangeRequests.CountAsync(r => r.OrganisationId == provider.OrganisationId)));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task R_PAR_5_what_may_be_asked_depends_on_the_listing_and_unlisting_goes_through_the_operator_too()
    {
        using var provider = await fixture.NewProviderAsync();
        using var api = ApiClient.Create(fixture.Factory, provider.GlobalAdminKey);
        using var platform = await fixture.PlatformApiAsync();

        using var unlistWhenNotListed = await api.PostAsJsonAsync(Own, new { kind = "Unlist", text = "Remove us." });
        using var correctWhenNotListed = await api.PostAsJsonAsync(Own, new { kind = "Correct", text = "Fix our name." });
        var list = await AskAsync(api, "List", "List us.");
        (await platform.PostAsync(new Uri($"/v1/platform/listingrequests/{list}/approve", UriKind.Relative), null)).Dispose();
        using var listWhenListed = await api.PostAsJsonAsync(Own, new { kind = "List", text = "List us again." });
        var unlist = await AskAsync(api, "Unlist", "We stop the indirect business.");
        using var approveUnlist = await platform.PostAsync(new Uri($"/v1/platform/listingrequests/{unlist}/approve", UriKind.Relative), null);

        await AssertProblemAsync(unlistWhenNotListed, HttpStatusCode.Conflict, "not_listed");
        await AssertProblemAsync(correctWhenNotListed, HttpStatusCode.Conflict, "not_listed");
        await AssertProblemAsync(listWhenListed, HttpStatusCode.Conflict, "already_listed");
        Assert.Equal(HttpStatusCode.OK, approveUnlist.StatusCode);
        var decided = await approveUnlist.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Approved", decided.GetProperty("state").GetString());
        Assert.False(decided.GetProperty("officiallyListed").GetBoolean());
    }

    [Fact]
    public async Task R_PAR_5_only_indirect_providers_with_a_linked_organisation_ask_and_only_their_Global_admin()
    {
        using var direct = await fixture.NewProviderAsync("DirectReseller");
        using var directApi = ApiClient.Create(fixture.Factory, direct.GlobalAdminKey);
        using var provider = await fixture.NewProviderAsync();
        var (_, agentKey) = await provider.Admin.CreateApiKeyAsync(provider.Tenant.Identifier, "AdminAgent");
        using var agentApi = ApiClient.Create(fixture.Factory, agentKey);
        using var platformApi = await fixture.PlatformApiAsync();
        (await platformApi.PatchAsJsonAsync(new Uri($"/v1/platform/partners/{provider.OrganisationId}", UriKind.Relative), new { workspaceTenant = "" })).Dispose();
        using var unlinkedApi = ApiClient.Create(fixture.Factory, provider.GlobalAdminKey);

        using var notProvider = await directApi.PostAsJsonAsync(Own, new { kind = "List", text = "List us." });
        using var agent = await agentApi.PostAsJsonAsync(Own, new { kind = "List", text = "List us." });
        using var unlinked = await unlinkedApi.PostAsJsonAsync(Own, new { kind = "List", text = "List us." });
        using var badKind = await directApi.PostAsJsonAsync(Own, new { kind = "Promote", text = "List us." });

        await AssertProblemAsync(notProvider, HttpStatusCode.BadRequest, "listing_requests_for_indirect_providers_only");
        Assert.Equal(HttpStatusCode.Forbidden, agent.StatusCode);
        await AssertProblemAsync(unlinked, HttpStatusCode.NotFound, "organization_not_linked");
        await AssertProblemAsync(badKind, HttpStatusCode.BadRequest, "invalid_input");
    }

    [Fact]
    public async Task R_PAR_5_tenant_B_sees_none_of_tenant_As_requests_and_tenant_keys_cannot_decide()
    {
        using var a = await fixture.NewProviderAsync();
        using var b = await fixture.NewProviderAsync();
        using var apiA = ApiClient.Create(fixture.Factory, a.GlobalAdminKey);
        using var apiB = ApiClient.Create(fixture.Factory, b.GlobalAdminKey);
        var id = await AskAsync(apiA, "List", "Secret plans of A.");

        var ownB = await apiB.GetFromJsonAsync<JsonElement>(Own);
        var profileB = await b.Admin.GetAsync($"/{b.Tenant.Identifier}/profile");
        using var approveByB = await apiB.PostAsync(new Uri($"/v1/platform/listingrequests/{id}/approve", UriKind.Relative), null);
        using var queueByB = await apiB.GetAsync(new Uri("/v1/platform/listingrequests", UriKind.Relative));
        var queuePage = await b.Admin.GetAsync("/platform/listing-requests");

        Assert.Empty(ownB.GetProperty("items").EnumerateArray());
        Assert.DoesNotContain("Secret plans of A.", profileB.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, approveByB.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, queueByB.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, queuePage.Status);
        Assert.Equal("Open", await fixture.QueryAsync(db => db.ListingChangeRequests.Where(r => r.Id == id).Select(r => r.State.ToString()).SingleAsync()));
    }

    [Fact]
    public async Task R_PAR_5_the_queue_pages_by_state_and_a_request_is_decided_once()
    {
        using var provider = await fixture.NewProviderAsync();
        using var api = ApiClient.Create(fixture.Factory, provider.GlobalAdminKey);
        using var platform = await fixture.PlatformApiAsync();
        var id = await AskAsync(api, "List", "List us, queue test.");

        var open = await AllPagesAsync(platform, "/v1/platform/listingrequests?size=1");
        using var first = await platform.PostAsync(new Uri($"/v1/platform/listingrequests/{id}/approve", UriKind.Relative), null);
        using var second = await platform.PostAsJsonAsync(new Uri($"/v1/platform/listingrequests/{id}/decline", UriKind.Relative), new { reason = "Too late." });
        using var unknown = await platform.PostAsync(new Uri($"/v1/platform/listingrequests/{Guid.NewGuid()}/approve", UriKind.Relative), null);
        var approved = await AllPagesAsync(platform, "/v1/platform/listingrequests?state=Approved&size=2");
        var stillOpen = await AllPagesAsync(platform, "/v1/platform/listingrequests");
        using var badState = await platform.GetAsync(new Uri("/v1/platform/listingrequests?state=Maybe", UriKind.Relative));

        Assert.Contains(open, i => i.GetProperty("id").GetGuid() == id && i.GetProperty("requestedByTenantId").GetGuid() == provider.Tenant.Id);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertProblemAsync(second, HttpStatusCode.Conflict, "listing_request_already_decided");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "listing_request_not_found");
        Assert.Contains(approved, i => i.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(stillOpen, i => i.GetProperty("id").GetGuid() == id);
        await AssertProblemAsync(badState, HttpStatusCode.BadRequest, "invalid_input");
    }

    [Fact]
    public async Task R_PAR_5_the_queue_and_the_profile_form_speak_the_users_language()
    {
        using var provider = await fixture.NewProviderAsync();
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var profile = $"/{provider.Tenant.Identifier}/profile";

        var german = await provider.Admin.GetAsync(profile + "?culture=de&ui-culture=de");
        var refused = await provider.Admin.PostFormAsync(profile + "?culture=fr&ui-culture=fr", profile + "?handler=RequestListing&culture=fr&ui-culture=fr",
            Fields(("ListingKind", "Unlist"), ("ListingText", "Retirez-nous.")));
        var queue = await platform.GetAsync("/platform/listing-requests?culture=es&ui-culture=es");

        Assert.Contains("Meine Organisation aufnehmen", german.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(
            "Votre organisation ne figure pas dans la liste officielle : demandez plutôt à y être inscrite.",
            TextOf(refused.Html, "form-errors"));
        Assert.Contains("Solicitudes de cambio de inclusión", queue.Html, StringComparison.Ordinal);
    }

    private async Task<Guid> RequestIdAsync(Guid organisationId) =>
        await fixture.QueryAsync(db => db.ListingChangeRequests.Where(r => r.OrganisationId == organisationId).OrderByDescending(r => r.RequestedAt).Select(r => r.Id).FirstAsync());

    private static async Task<Guid> AskAsync(HttpClient api, string kind, string text)
    {
        using var response = await api.PostAsJsonAsync(Own, new { kind, text });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Asking answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> AllPagesAsync(HttpClient api, string firstUri)
    {
        var items = new List<JsonElement>();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(firstUri, UriKind.Relative));
        var page = await (await api.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        for (var i = 0; i < 1000; i++)
        {
            items.AddRange(page.GetProperty("items").EnumerateArray());
            if (!page.GetProperty("links").TryGetProperty("next", out var next) || next.ValueKind == JsonValueKind.Null)
            {
                break;
            }

            using var nextRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(next.GetProperty("uri").GetString()!, UriKind.Relative));
            var header = next.GetProperty("headers").EnumerateArray().Single(h => h.GetProperty("key").GetString() == "MS-ContinuationToken");
            nextRequest.Headers.Add("MS-ContinuationToken", header.GetProperty("value").GetString());
            page = await (await api.SendAsync(nextRequest)).Content.ReadFromJsonAsync<JsonElement>();
        }

        return items;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(code, ApiCalls.ErrorName(JsonDocument.Parse(body).RootElement));
    }
}
