using System.Net;
using GccSaaS.Modules.Partners.Contracts;
using Microsoft.EntityFrameworkCore;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Partners;

/// <summary>/platform/partners: the platform admin maintains the directory; tenants never see it.</summary>
[Collection(PartnersCollection.Name)]
public sealed class DirectoryPagesTests(PartnersFixture fixture)
{
    private const string Page = "/platform/partners";

    [Fact]
    public async Task The_platform_admin_lists_and_searches_the_directory()
    {
        using var admin = await fixture.SignedInAsync("platform.admin@gccsaas.demo");

        var all = await admin.GetAsync(Page);
        var search = await admin.GetAsync(Page + "?q=northwind");
        var byPartnerId = await admin.GetAsync(Page + "?q=5123430");

        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Contains("data-partner-id=\"4811230\"", all.Html, StringComparison.Ordinal);
        Assert.Contains("data-partner-id=\"5123400\"", all.Html, StringComparison.Ordinal);
        Assert.Contains("data-partner-id=\"5123420\"", search.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-partner-id=\"4811230\"", search.Html, StringComparison.Ordinal);
        Assert.Contains("data-partner-id=\"5123430\"", byPartnerId.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-partner-id=\"5123400\"", byPartnerId.Html, StringComparison.Ordinal);
        Assert.Contains("data-nav=\"partners\"", all.Html, StringComparison.Ordinal);

        // Keyset paging: the page after the Adatum id starts after it.
        var afterAdatum = await admin.GetAsync(Page + "?afterId=6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01");
        Assert.Equal(HttpStatusCode.OK, afterAdatum.Status);
        Assert.DoesNotContain("data-partner-id=\"5123400\"", afterAdatum.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-partner-id=\"4811230\"", afterAdatum.Html, StringComparison.Ordinal); // 0c7a… sorts before 6f1e…
    }

    [Fact]
    public async Task The_platform_admin_creates_and_edits_an_organisation_and_PartnerIDs_stay_unique()
    {
        using var admin = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var partnerId = Random.Shared.Next(7000000, 7999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var commercial = Guid.NewGuid();

        var created = await admin.PostFormAsync(Page, Page + "?handler=Save", Fields(
            ("Form.LegalName", "Proseware Resale"), ("Form.PartnerId", partnerId), ("Form.Type", "IndirectReseller"),
            ("Form.CspEnrolled", "true"), ("Form.PartnerAgreementSigned", "true"), ("Form.CountryCode", "us"), ("Form.CspRegion", "US"),
            ("Form.CommercialTenantId", commercial.ToString())));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Null(TextOf(created.Html, "form-errors"));
        var organisation = await fixture.QueryAsync(db => db.PartnerOrganisations.SingleAsync(o => o.PartnerId == partnerId));
        Assert.Equal("US", organisation.CountryCode);
        var contoso = await fixture.TenantAsync(PartnersFixture.Contoso);
        Assert.True((await fixture.SendAsync(new VerifyPartnerIdQuery(contoso.Id, partnerId))).IsUsable);

        var edited = await admin.PostFormAsync(Page + "?edit=" + organisation.Id, Page + "?handler=Save", Fields(
            ("Form.Id", organisation.Id.ToString()), ("Form.LegalName", "Proseware Resale LLC"), ("Form.PartnerId", partnerId), ("Form.Type", "IndirectReseller"),
            ("Form.CspEnrolled", "true"), ("Form.PartnerAgreementSigned", "false"), ("Form.CountryCode", "US"), ("Form.CspRegion", "US"),
            ("Form.CommercialTenantId", commercial.ToString())));
        Assert.Null(TextOf(edited.Html, "form-errors"));
        Assert.Equal("partner_agreement_not_signed", (await fixture.SendAsync(new VerifyPartnerIdQuery(contoso.Id, partnerId))).Code);

        var duplicate = await admin.PostFormAsync(Page, Page + "?handler=Save", Fields(
            ("Form.LegalName", "Copycat"), ("Form.PartnerId", partnerId), ("Form.Type", "IndirectReseller"),
            ("Form.CountryCode", "US"), ("Form.CspRegion", "US"), ("Form.CommercialTenantId", Guid.NewGuid().ToString())));
        Assert.Equal("partner_id_taken", TextOf(duplicate.Html, "form-errors"));
    }

    [Fact]
    public async Task Only_indirect_providers_can_be_officially_listed()
    {
        using var admin = await fixture.SignedInAsync("platform.admin@gccsaas.demo");

        var refused = await admin.PostFormAsync(Page, Page + "?handler=Save", Fields(
            ("Form.LegalName", "Listed Reseller"), ("Form.PartnerId", "7123456"), ("Form.Type", "IndirectReseller"), ("Form.OfficiallyListed", "true"),
            ("Form.CountryCode", "US"), ("Form.CspRegion", "US"), ("Form.CommercialTenantId", Guid.NewGuid().ToString())));

        Assert.NotNull(TextOf(refused.Html, "form-errors"));
        Assert.False(await fixture.QueryAsync(db => db.PartnerOrganisations.AnyAsync(o => o.PartnerId == "7123456")));
    }

    [Theory]
    [InlineData("global.admin@contoso.demo")]
    [InlineData("reviewer@gccsaas.demo")]
    [InlineData("reseller.admin@adatum.demo")]
    public async Task Directory_maintenance_is_refused_for_everyone_but_the_platform_admin(string email)
    {
        using var user = await fixture.SignedInAsync(email);

        var page = await user.GetAsync(Page);

        Assert.Contains(page.Status, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Redirect });
        Assert.DoesNotContain("partner-directory", page.Html, StringComparison.Ordinal);
    }
}
