using System.Net;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.IntegrationTests.Partners;

/// <summary>R-PAR-4, R-PC-7: verifying a PartnerID names the reseller, or gives the precise reason it cannot be used.</summary>
[Collection(PartnersCollection.Name)]
public sealed class PartnerIdVerificationTests(PartnersFixture fixture)
{
    [Fact]
    public async Task R_PAR_4_verifying_the_PartnerID_of_an_onboarded_indirect_reseller_answers_its_name()
    {
        var contoso = await fixture.TenantAsync(PartnersFixture.Contoso);

        var verification = await fixture.SendAsync(new VerifyPartnerIdQuery(contoso.Id, " 5123400 "));

        Assert.True(verification.IsUsable);
        Assert.Null(verification.Code);
        Assert.Equal("Adatum Reseller", verification.LegalName);
        Assert.Equal(Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01"), verification.PartnerOrganisationId);
    }

    [Fact]
    public async Task R_PAR_4_GET_v1_profiles_mpn_answers_the_resellers_name_in_the_Partner_Center_shape()
    {
        using var api = await fixture.ApiAsync(PartnersFixture.Contoso);

        using var response = await api.GetAsync(new Uri("/v1/profiles/mpn?mpnId=5123400", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await PartnersFixture.JsonAsync(response);
        Assert.Equal("Adatum Reseller", body.GetProperty("partnerName").GetString());
        Assert.Equal("5123400", body.GetProperty("mpnId").GetString());
        Assert.Equal("MpnProfile", body.GetProperty("attributes").GetProperty("objectType").GetString());
    }

    [Theory]
    [InlineData("9999999", "unknown_partner_id")]
    [InlineData("5123410", "not_indirect_reseller")]
    [InlineData("4811240", "not_indirect_reseller")]
    [InlineData("5123420", "partner_agreement_not_signed")]
    [InlineData("5123430", "region_mismatch")]
    public async Task R_PC_7_the_contract_query_gives_each_refusal_its_own_code(string partnerId, string code)
    {
        var contoso = await fixture.TenantAsync(PartnersFixture.Contoso);

        var verification = await fixture.SendAsync(new VerifyPartnerIdQuery(contoso.Id, partnerId));

        Assert.False(verification.IsUsable);
        Assert.Equal(code, verification.Code);
    }

    [Fact]
    public async Task R_PC_7_an_unknown_PartnerID_is_404_unknown_partner_id()
    {
        await AssertRefusedAsync("9999999", HttpStatusCode.NotFound, "unknown_partner_id");
    }

    [Fact]
    public async Task R_PC_7_a_direct_reseller_or_a_provider_is_400_not_indirect_reseller()
    {
        await AssertRefusedAsync("5123410", HttpStatusCode.BadRequest, "not_indirect_reseller");
        await AssertRefusedAsync("4811230", HttpStatusCode.BadRequest, "not_indirect_reseller");
    }

    [Fact]
    public async Task R_PC_7_a_reseller_without_the_partner_agreement_is_400_partner_agreement_not_signed()
    {
        await AssertRefusedAsync("5123420", HttpStatusCode.BadRequest, "partner_agreement_not_signed");
    }

    [Fact]
    public async Task R_PC_7_a_reseller_in_another_region_than_the_provider_is_400_region_mismatch()
    {
        await AssertRefusedAsync("5123430", HttpStatusCode.BadRequest, "region_mismatch");
    }

    [Fact]
    public async Task Without_mpnId_the_callers_own_mpn_profile_is_answered_as_in_partner_center()
    {
        using var api = await fixture.ApiAsync(PartnersFixture.Contoso);

        using var response = await api.GetAsync(new Uri("/v1/profiles/mpn", UriKind.Relative));
        var json = await PartnersFixture.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Contoso Distribution", json.GetProperty("partnerName").GetString());
        Assert.Equal("4811230", json.GetProperty("mpnId").GetString());
        Assert.Equal("MpnProfile", json.GetProperty("profileType").GetString());
    }

    [Fact]
    public async Task Verifying_an_empty_PartnerID_is_400_invalid_input()
    {
        using var api = await fixture.ApiAsync(PartnersFixture.Contoso);

        using var response = await api.GetAsync(new Uri("/v1/profiles/mpn?mpnId=", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_input", ApiCalls.ErrorName(await PartnersFixture.JsonAsync(response)));
    }

    [Fact]
    public async Task Verifying_needs_an_API_key()
    {
        using var api = Infrastructure.ApiClient.Create(fixture.Factory, null);

        using var response = await api.GetAsync(new Uri("/v1/profiles/mpn?mpnId=5123400", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task AssertRefusedAsync(string mpnId, HttpStatusCode status, string code)
    {
        using var api = await fixture.ApiAsync(PartnersFixture.Contoso);

        using var response = await api.GetAsync(new Uri($"/v1/profiles/mpn?mpnId={mpnId}", UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await PartnersFixture.JsonAsync(response);
        Assert.Equal(code, ApiCalls.ErrorName(problem));
        Assert.Contains(mpnId, problem.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
