using System.Net;
using System.Text.Json;
using static GccSaaS.IntegrationTests.Api.PartnerCenterContract.PartnerCenterShapes;

namespace GccSaaS.IntegrationTests.Api.PartnerCenterContract;

/// <summary>
/// Issue 13 contract: indirect resellers, reseller relationship requests and MPN profiles as PARTNER-CENTER.md §3 and
/// §4 document them (R-REL-2, R-REL-4, R-PC-7, R-PC-10).
/// </summary>
[Collection(PartnerCenterContractCollection.Name)]
public sealed class PartnersContractTests(PartnerCenterContractFixture fixture)
{
    [Fact]
    public async Task PC_3_1_the_indirect_resellers_are_partner_relationships_named_by_tenant_id_with_location()
    {
        using var api = await fixture.ProviderAsync();

        var (response, body) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var adatum = Assert.Single(AssertCollection(body), r => r.GetProperty("id").GetGuid() == PartnerCenterContractFixture.AdatumTenantId);
        Assert.False(string.IsNullOrEmpty(adatum.GetProperty("name").GetString()));
        Assert.Equal("is_indirect_cloud_solution_provider_of", adatum.GetProperty("relationshipType").GetString());
        Assert.Equal("Active", adatum.GetProperty("state").GetString());
        Assert.Equal(PartnerCenterContractFixture.AdatumPartnerId, adatum.GetProperty("mpnId").GetString());
        Assert.Equal("US", adatum.GetProperty("location").GetString());
        Assert.Equal("PartnerRelationship", adatum.GetProperty("attributes").GetProperty("objectType").GetString());
        Assert.DoesNotContain(AssertCollection(body), r => r.GetProperty("id").GetGuid() == PartnerCenterContractFixture.AlpineTenantId);
    }

    [Fact]
    public async Task PC_3_1_an_unknown_relationship_type_is_400_never_an_ignored_parameter()
    {
        using var api = await fixture.ProviderAsync();

        var (response, body) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/relationships?relationship_type=IsSomethingElse");

        AssertError(response, body, 400, 140014, "invalid_relationship_type");
    }

    [Fact]
    public async Task PC_3_2_the_relationship_request_is_a_url_with_its_object_type_and_the_same_on_every_get()
    {
        using var api = await fixture.ProviderAsync();

        var (first, link) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/customers/relationshiprequests");
        var (second, again) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/customers/relationshiprequests");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(Uri.TryCreate(link.GetProperty("url").GetString(), UriKind.Absolute, out _));
        Assert.Equal("RelationshipRequest", link.GetProperty("attributes").GetProperty("objectType").GetString());
        // docs/api.md PC table: the link leads to GccSaaS's portal and is single use; a GET is safe and answers the same one.
        Assert.Equal(link.GetProperty("url").GetString(), again.GetProperty("url").GetString());
    }

    [Fact]
    public async Task PC_4_mpn_profile_without_mpn_id_is_the_callers_own_and_with_one_the_resellers()
    {
        using var api = await fixture.ProviderAsync();

        var (own, mine) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/profiles/mpn");
        var (other, adatum) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, $"/v1/profiles/mpn?mpnId={PartnerCenterContractFixture.AdatumPartnerId}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(PartnerCenterContractFixture.ContosoPartnerId, mine.GetProperty("mpnId").GetString());
        Assert.Equal("MpnProfile", mine.GetProperty("profileType").GetString());
        Assert.False(string.IsNullOrEmpty(mine.GetProperty("partnerName").GetString()));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(PartnerCenterContractFixture.AdatumPartnerId, adatum.GetProperty("mpnId").GetString());
        Assert.Equal("MpnProfile", adatum.GetProperty("profileType").GetString());
    }

    [Fact]
    public async Task PC_4_an_unknown_mpn_id_is_partner_centers_documented_404_with_code_3000_and_empty_data()
    {
        using var api = await fixture.ProviderAsync();

        var (response, body) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/profiles/mpn?mpnId=9999999");

        // {"code":3000,"description":"Partner Organization with partner_id 9999999 could not be found","data":[],"source":"PartnerFD"}
        AssertError(response, body, 404, 3000, "unknown_partner_id");
        Assert.Empty(body.GetProperty("data").EnumerateArray());
        Assert.Contains("9999999", body.GetProperty("description").GetString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PC_6_3_a_refused_create_for_a_reseller_without_a_partnership_is_400_with_a_numeric_code_never_422()
    {
        using var api = await fixture.ProviderAsync();

        var (response, body) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, "/v1/customers",
            CustomerBody(NewDomain(), "Contract Unpartnered", PartnerCenterContractFixture.AlpineTenantId));

        AssertError(response, body, 400, 130005, "reseller_partnership_not_active");
        Assert.Equal(JsonValueKind.String, body.GetProperty("correlationId").ValueKind);
    }
}
