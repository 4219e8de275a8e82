using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Infrastructure;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>
/// R-REL-3, R-PC-11: the tenant's Global admin removes a partnership with the attestation; the reseller leaves the
/// list and can no longer act in the tenant; customers and delegated admin permissions are untouched.
/// </summary>
[Collection(RelationshipsCollection.Name)]
public sealed class PartnershipRemovalTests(RelationshipsFixture fixture)
{
    private const string Contoso = RelationshipsFixture.Contoso;

    /// <summary>Every row of the customers schema, as one checksum (the platform tables and this tenant's).</summary>
    private const string CustomersChecksum = """
        SELECT md5(coalesce((SELECT string_agg(x, '|' ORDER BY x) FROM (
            SELECT 'c' || t::text AS x FROM customers.customers t
            UNION ALL SELECT 'g' || t::text FROM customers.delegated_admin_grants t
            UNION ALL SELECT 'a' || t::text FROM customers.agreements t
            UNION ALL SELECT 'ct' || t::text FROM customers.customer_tenants t
            UNION ALL SELECT 'q' || t::text FROM customers.customer_qualifications t
            UNION ALL SELECT 's' || t::text FROM customers.direct_subscriptions t) rows), ''))
        """;

    [Fact]
    public async Task R_REL_3_the_global_admin_removes_a_partnership_with_the_attestation_and_the_reseller_can_no_longer_act()
    {
        var (organisationId, partnerId, resellerAdmin) = await PartneredResellerAsync();
        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");
        var resellerId = await ResellerIdAsync(api, organisationId) ?? throw new InvalidOperationException("The new partnership is not listed.");
        var customerId = await CustomerApi.CreatedIdAsync(api, CustomerApi.Body(CustomerApi.NewDomain("rm"), "Reseller's Customer", resellerId));
        var contoso = await fixture.TenantAsync(Contoso);
        var before = await ChecksumAsync(contoso.Id);
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var list = await admin.GetAsync($"/{Contoso}/resellers?q={partnerId}");
        var partnershipId = System.Text.RegularExpressions.Regex.Match(list.Html, "data-partnership-id=\"([0-9a-f-]+)\"").Groups[1].Value;
        Assert.Contains("data-customer-count=\"1\"", list.Html, StringComparison.Ordinal);

        var confirm = await admin.GetAsync($"/{Contoso}/resellers/{partnershipId}/remove");
        var refused = await admin.PostFormAsync($"/{Contoso}/resellers/{partnershipId}/remove", $"/{Contoso}/resellers/{partnershipId}/remove", []);
        var removed = await admin.PostFormAsync($"/{Contoso}/resellers/{partnershipId}/remove", $"/{Contoso}/resellers/{partnershipId}/remove", Fields(("Attested", "true")));

        Assert.Contains("made in good faith, for a legitimate business purpose", TextOf(confirm.Html, "attestation-text"), StringComparison.Ordinal);
        Assert.Contains("generates no termination notice", TextOf(confirm.Html, "remove-no-notice"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Equal("Grace Global", TextOf(removed.Html, "removal-attested-by"));
        Assert.Contains("data-version=\"2026-11\"", removed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(partnerId, (await admin.GetAsync($"/{Contoso}/resellers")).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await resellerAdmin.GetAsync($"/{Contoso}/")).Status); // can no longer act here
        Assert.Equal(before, await ChecksumAsync(contoso.Id)); // no customer row, no permission changed
        using var customer = await api.GetAsync(new Uri($"/v1/customers/{customerId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, customer.StatusCode);
    }

    [Fact]
    public async Task R_REL_3_DELETE_answers_with_the_attestation_and_refuses_without_it()
    {
        var (organisationId, _, _) = await PartneredResellerAsync();
        using var api = await fixture.ApiAsync(Contoso, "GlobalAdmin");
        var id = await ResellerIdAsync(api, organisationId); // the reseller's tenant ID, Partner Center's id

        using var refused = await DeleteAsync(api, $"/v1/relationships/{id}");
        using var removed = await DeleteAsync(api, $"/v1/relationships/{id}?attested=true");
        using var again = await DeleteAsync(api, $"/v1/relationships/{id}?attested=true");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("attestation_required", ApiCalls.ErrorName(await refused.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var body = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2026-11", body.GetProperty("attestation").GetProperty("version").GetString());
        Assert.Contains("good faith", body.GetProperty("attestation").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(body.GetProperty("terminationNoticeGenerated").GetBoolean());
        Assert.Equal(1, body.GetProperty("membershipsEnded").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task R_PC_11_only_a_global_admin_removes_a_partnership()
    {
        var (organisationId, _, _) = await PartneredResellerAsync();
        using var admin = await fixture.ApiAsync(Contoso, "GlobalAdmin");
        var id = await PartnershipIdAsync(admin, organisationId);
        var resellerId = await ResellerIdAsync(admin, organisationId);
        using var sales = await fixture.ApiAsync(Contoso, "SalesAgent");
        using var salesPortal = await fixture.SignedInAsync("sales.agent@contoso.demo");

        using var response = await DeleteAsync(sales, $"/v1/relationships/{resellerId}?attested=true");
        var page = await salesPortal.GetAsync($"/{Contoso}/resellers/{id}/remove");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.NotNull(await PartnershipIdAsync(admin, organisationId));
    }

    [Fact]
    public async Task Another_tenant_cannot_remove_or_see_a_tenants_partnership()
    {
        var (organisationId, _, _) = await PartneredResellerAsync();
        using var contoso = await fixture.ApiAsync(Contoso, "GlobalAdmin");
        var id = await PartnershipIdAsync(contoso, organisationId);
        var resellerId = await ResellerIdAsync(contoso, organisationId);
        using var fabrikam = await fixture.ApiAsync(RelationshipsFixture.Fabrikam, "GlobalAdmin");
        using var fabrikamPortal = await fixture.SignedInAsync("multi@gccsaas.demo");

        using var response = await DeleteAsync(fabrikam, $"/v1/relationships/{resellerId}?attested=true");
        var page = await fabrikamPortal.GetAsync($"/{RelationshipsFixture.Fabrikam}/resellers/{id}/remove");
        using var list = await fabrikam.GetAsync(new Uri("/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Empty((await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
        Assert.NotNull(await PartnershipIdAsync(contoso, organisationId));
    }

    private async Task<(Guid OrganisationId, string PartnerId, PortalClient ResellerAdmin)> PartneredResellerAsync()
    {
        var (organisationId, partnerId) = await fixture.OnboardAsync();
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (path, _) = await sales.RequestAsync(PartnershipJourneys.NewEmail());
        var invitee = await fixture.RegisterThroughLinkAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, (await invitee.AcceptAsync(path, partnerId)).Status);
        return (organisationId, partnerId, invitee);
    }

    /// <summary>The partnership's own id (the portal's key) in the relationships list, or null.</summary>
    private static Task<Guid?> PartnershipIdAsync(HttpClient api, Guid organisationId) => ListedIdAsync(api, organisationId, "partnershipId");

    /// <summary>The reseller's <c>id</c> in the relationships list (its tenant ID, as in Partner Center), or null.</summary>
    private static Task<Guid?> ResellerIdAsync(HttpClient api, Guid organisationId) => ListedIdAsync(api, organisationId, "id");

    private static async Task<Guid?> ListedIdAsync(HttpClient api, Guid organisationId, string property)
    {
        using var response = await api.GetAsync(new Uri("/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf&size=500", UriKind.Relative));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        return json.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("partnerOrganisationId").GetGuid() == organisationId)
            .Select(i => (Guid?)i.GetProperty(property).GetGuid())
            .SingleOrDefault();
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient api, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(url, UriKind.Relative));
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        return await api.SendAsync(request);
    }

    private Task<string> ChecksumAsync(Guid tenantId) =>
        AppRoleSql.ScalarAsync<string>(fixture.Database.AppConnectionString, tenantId, CustomersChecksum);
}
