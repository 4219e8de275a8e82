using System.Net;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Validation.Contracts;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Partners;

/// <summary>The organisation profile page /{tenant}/profile (en/de/fr/es) and its PartnerID "Verify" field.</summary>
[Collection(PartnersCollection.Name)]
public sealed class ProfilePageTests(PartnersFixture fixture)
{
    [Fact]
    public async Task The_profile_shows_Microsoft_ID_PartnerID_type_and_listing_status()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");

        var page = await admin.GetAsync("/contoso-distribution/profile");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Contoso Distribution", TextOf(page.Html, "profile-company-name"));
        Assert.Equal("2a3e5f10-0c1d-4b8e-9f21-6a7b8c9d0e01", TextOf(page.Html, "profile-microsoft-id"));
        Assert.Equal("4811230", TextOf(page.Html, "profile-partner-id"));
        Assert.Equal("Indirect provider", TextOf(page.Html, "profile-partner-type"));
        Assert.Contains("data-value=\"Listed\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-nav=\"profile\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_VAL_4_the_profile_shows_Government_community_cloud_once_approved_in_German_too()
    {
        var fabrikam = await fixture.TenantAsync(PartnersFixture.Fabrikam);
        var organisation = (await fixture.SendAsync(new GetTenantPartnerOrganisationQuery(fabrikam.Id)))!;
        await fixture.EnqueueAsync(fabrikam, new PartnerGccValidationApprovedNotification(fabrikam.Id, Guid.NewGuid(), organisation.Id, fixture.Clock.GetUtcNow()));
        await fixture.DispatchAsync(fabrikam);

        using var admin = await fixture.SignedInAsync("multi@gccsaas.demo");
        var english = await admin.GetAsync("/fabrikam-cloud/profile");
        var german = await admin.GetAsync("/fabrikam-cloud/profile?culture=de&ui-culture=de");

        Assert.Contains($"data-qualification=\"{PartnerQualifications.GovernmentCommunityCloud}\"", english.Html, StringComparison.Ordinal);
        Assert.Contains($"data-qualification=\"{PartnerQualifications.GovernmentCommunityCloud}\"", german.Html, StringComparison.Ordinal);
        Assert.Contains("Organisationsprofil", german.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5123400", "ok")]
    [InlineData("9999999", "unknown_partner_id")]
    [InlineData("5123410", "not_indirect_reseller")]
    [InlineData("5123420", "partner_agreement_not_signed")]
    [InlineData("5123430", "region_mismatch")]
    public async Task R_PAR_4_R_PC_7_the_Verify_field_names_the_reseller_or_the_reason(string mpnId, string code)
    {
        using var agent = await fixture.SignedInAsync("sales.agent@contoso.demo");

        var result = await agent.PostFormAsync("/contoso-distribution/profile", "/contoso-distribution/profile?handler=Verify", Fields(("MpnId", mpnId)));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains($"data-code=\"{code}\"", result.Html, StringComparison.Ordinal);
        if (code == "ok")
        {
            Assert.Contains("Adatum Reseller", TextOf(result.Html, "verify-result"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Reseller_users_do_not_get_the_providers_profile_page()
    {
        using var reseller = await fixture.SignedInAsync("reseller.admin@adatum.demo");

        var page = await reseller.GetAsync("/contoso-distribution/profile");

        Assert.NotEqual(HttpStatusCode.OK, page.Status);
    }
}
