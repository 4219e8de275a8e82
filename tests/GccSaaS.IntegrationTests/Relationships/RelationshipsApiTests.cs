using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Api;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>The /v1 surface of Relationships: partnership requests, invitations, and Partner Center's relationship lists.</summary>
[Collection(RelationshipsCollection.Name)]
public sealed class RelationshipsApiTests(RelationshipsFixture fixture)
{
    private const string Contoso = RelationshipsFixture.Contoso;

    [Fact]
    public async Task R_REL_1_POST_requests_answers_the_personalised_url_and_the_draft_and_is_idempotent_by_request_id()
    {
        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");
        var requestId = Guid.NewGuid();
        var email = PartnershipJourneys.NewEmail();

        using var first = await PostAsync(api, "/v1/relationships/requests", new { invitedEmail = email }, requestId);
        using var retry = await PostAsync(api, "/v1/relationships/requests", new { invitedEmail = email }, requestId);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        var url = body.GetProperty("url").GetString()!;
        Assert.Matches("/invitations/partnership/contoso-distribution/[A-Za-z0-9_-]{43}$", url);
        Assert.Equal("Pending", body.GetProperty("status").GetString());
        Assert.Contains(url, body.GetProperty("email").GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(email, body.GetProperty("email").GetProperty("to").GetString());
        Assert.Equal("PartnershipRequest", body.GetProperty("attributes").GetProperty("objectType").GetString());
        Assert.Equal(url, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString());
    }

    [Fact]
    public async Task R_REL_1_an_admin_agent_key_may_not_request_and_a_bad_address_is_refused()
    {
        using var agent = await fixture.ApiAsync(Contoso, "AdminAgent");
        using var sales = await fixture.ApiAsync(Contoso, "SalesAgent");

        using var forbidden = await PostAsync(agent, "/v1/relationships/requests", new { invitedEmail = PartnershipJourneys.NewEmail() });
        using var invalid = await PostAsync(sales, "/v1/relationships/requests", new { invitedEmail = "not an address" });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task R_REL_7_invitations_page_with_continuation_tokens_and_resend_and_revoke_work_through_the_api()
    {
        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            using var sent = await PostAsync(api, "/v1/relationships/requests", new { invitedEmail = PartnershipJourneys.NewEmail() });
            created.Add(Guid.Parse(sent.Headers.Location?.OriginalString.Split('/')[^1] ?? string.Empty));
        }

        using var page1 = await api.GetAsync(new Uri("/v1/invitations?size=2", UriKind.Relative));
        var json1 = await page1.Content.ReadFromJsonAsync<JsonElement>();
        var next = json1.GetProperty("links").GetProperty("next");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(next.GetProperty("uri").GetString()!, UriKind.Relative));
        request.Headers.Add("MS-ContinuationToken", next.GetProperty("headers")[0].GetProperty("value").GetString());
        using var page2 = await api.SendAsync(request);
        var json2 = await page2.Content.ReadFromJsonAsync<JsonElement>();
        var first = json1.GetProperty("items")[0].GetProperty("id").GetGuid();

        Assert.Equal(2, json1.GetProperty("totalCount").GetInt32());
        Assert.DoesNotContain(json2.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), id => id == first);

        // Resend and revoke one this test sent: the fixture's other tests leave accepted and revoked ones, sent at the same
        // (manual) time, so they may come first in the list.
        var open = created[0];
        using var resent = await PostAsync(api, $"/v1/invitations/{open}/resend", null);
        using var revoked = await PostAsync(api, $"/v1/invitations/{open}/revoke", null);
        using var revokedAgain = await PostAsync(api, $"/v1/invitations/{open}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, revokedAgain.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_invitation_is_not_found()
    {
        using var contoso = await fixture.ApiAsync(Contoso, "SalesAgent");
        using var created = await PostAsync(contoso, "/v1/relationships/requests", new { invitedEmail = PartnershipJourneys.NewEmail() });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var fabrikam = await fixture.ApiAsync(RelationshipsFixture.Fabrikam, "GlobalAdmin");

        using var revoke = await PostAsync(fabrikam, $"/v1/invitations/{id}/revoke", null);
        using var list = await fabrikam.GetAsync(new Uri("/v1/invitations?size=500", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.DoesNotContain(id.ToString(), await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_REL_2_the_provider_lists_its_indirect_resellers_in_partner_centers_shape_with_their_tenant_id_and_country()
    {
        using var api = await fixture.ApiAsync(Contoso, "AdminAgent");

        using var response = await api.GetAsync(new Uri("/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf&q=adatum", UriKind.Relative));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        var adatum = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal(RelationshipsFixture.AdatumTenantId, adatum.GetProperty("id").GetGuid()); // the reseller's tenant ID
        Assert.Equal("US", adatum.GetProperty("location").GetString()); // its country
        Assert.Equal("Adatum Reseller", adatum.GetProperty("name").GetString());
        Assert.Equal("5123400", adatum.GetProperty("mpnId").GetString());
        Assert.Equal("is_indirect_cloud_solution_provider_of", adatum.GetProperty("relationshipType").GetString());
        Assert.Equal("Active", adatum.GetProperty("state").GetString());
        Assert.Equal("PartnerRelationship", adatum.GetProperty("attributes").GetProperty("objectType").GetString());
    }

    [Fact]
    public async Task R_REL_2_a_reseller_user_sees_its_indirect_provider_and_a_provider_user_none()
    {
        using var reseller = await fixture.SignedInAsync("reseller.admin@adatum.demo");
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");

        var resellerView = await reseller.GetAsync($"/{Contoso}/indirect-providers");
        var providerView = await sales.GetAsync($"/{Contoso}/indirect-providers");

        Assert.Contains("data-provider-id=\"0c7a4e51-2d3b-4f60-8a11-4811230a0001\"", resellerView.Html, StringComparison.Ordinal); // Contoso Distribution
        Assert.Contains("id=\"no-providers\"", providerView.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_relationship_type_is_a_bad_request()
    {
        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");

        using var response = await api.GetAsync(new Uri("/v1/relationships?relationship_type=Friends", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_relationship_type", ApiCalls.ErrorName(await response.Content.ReadFromJsonAsync<JsonElement>()));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient api, string url, object? body, Guid? requestId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("MS-RequestId", (requestId ?? Guid.NewGuid()).ToString());
        return await api.SendAsync(request);
    }
}
