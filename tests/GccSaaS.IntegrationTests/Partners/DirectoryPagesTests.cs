using System.Net;
using GccSaaS.IntegrationTests.Infrastructure;
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
        var onePartnerId = await admin.GetAsync(Page + "?q=5123430");

        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Contains("data-partner-id=\"4811230\"", all.Html, StringComparison.Ordinal);
        Assert.Contains("data-partner-id=\"5123400\"", all.Html, StringComparison.Ordinal);
        Assert.Contains("data-partner-id=\"5123420\"", search.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-partner-id=\"4811230\"", search.Html, StringComparison.Ordinal);
        Assert.Contains("data-partner-id=\"5123430\"", onePartnerId.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-partner-id=\"5123400\"", onePartnerId.Html, StringComparison.Ordinal);
        Assert.Contains("data-nav=\"partners\"", all.Html, StringComparison.Ordinal);

        // Sorted by name (the first page: Adatum before Contoso) or by PartnerID, either way; any other sort is refused.
        Assert.Contains("data-sort-key=\"name\" aria-sort=\"ascending\"", all.Html, StringComparison.Ordinal);
        Assert.True(all.Html.IndexOf("data-partner-id=\"5123400\"", StringComparison.Ordinal) < all.Html.IndexOf("data-partner-id=\"4811230\"", StringComparison.Ordinal));
        var byPartnerId = await admin.GetAsync(Page + "?q=reseller&sort=-partnerid&size=100");
        Assert.Contains("data-sort-key=\"partnerid\" aria-sort=\"descending\"", byPartnerId.Html, StringComparison.Ordinal);
        var seeded = new[] { "5123460", "5123450", "5123400" }.Select(p => byPartnerId.Html.IndexOf($"data-partner-id=\"{p}\"", StringComparison.Ordinal)).ToList();
        Assert.All(seeded, i => Assert.True(i > 0));
        Assert.Equal(seeded.Order(), seeded);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(Page + "?sort=type")).Status);
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
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Contains("data-error-code=\"partner_id_taken\"", duplicate.Html, StringComparison.Ordinal);
        Assert.Equal("Another organisation of the directory already has this PartnerID.", TextOf(duplicate.Html, "form-errors"));
    }

    [Fact]
    public async Task R_PAR_5_the_directory_page_cannot_change_the_officially_listed_flag()
    {
        using var admin = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var partnerId = Random.Shared.Next(7000000, 7999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var form = await admin.GetAsync(Page);
        var created = await admin.PostFormAsync(Page, Page + "?handler=Save", Fields(
            ("Form.LegalName", "Wide World Provider"), ("Form.PartnerId", partnerId), ("Form.Type", "IndirectProvider"), ("Form.OfficiallyListed", "true"),
            ("Form.CountryCode", "US"), ("Form.CspRegion", "US"), ("Form.CommercialTenantId", Guid.NewGuid().ToString())));

        Assert.DoesNotContain("OfficiallyListed", form.Html, StringComparison.Ordinal);
        Assert.Null(TextOf(created.Html, "form-errors"));
        Assert.False(await fixture.QueryAsync(db => db.PartnerOrganisations.Where(o => o.PartnerId == partnerId).Select(o => o.OfficiallyListed).SingleAsync()));
    }

    [Fact]
    public async Task A_commercial_tenant_id_that_is_no_guid_answers_400_beside_its_field_and_saves_nothing()
    {
        using var admin = await fixture.SignedInAsync("platform.admin@gccsaas.demo");

        var refused = await admin.PostFormAsync(Page, Page + "?handler=Save", Fields(
            ("Form.LegalName", "Never Saved"), ("Form.PartnerId", "7000002"), ("Form.Type", "IndirectReseller"),
            ("Form.CountryCode", "US"), ("Form.CspRegion", "US"), ("Form.CommercialTenantId", "not-a-guid")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Give the commercial tenant ID (Microsoft ID) as a GUID.", TextOf(refused.Html, "Form_CommercialTenantId-error"));
        Assert.Matches("<input[^>]*name=\"Form.CommercialTenantId\"[^>]*aria-invalid=\"true\"", refused.Html);
        Assert.False(await fixture.QueryAsync(db => db.PartnerOrganisations.AnyAsync(o => o.PartnerId == "7000002")));
    }

    [Fact]
    public async Task The_directory_page_explains_refusals_in_the_users_language()
    {
        using var admin = await fixture.SignedInAsync("platform.admin@gccsaas.demo");

        var refused = await admin.PostFormAsync(Page + "?culture=de&ui-culture=de", Page + "?handler=Save&culture=de&ui-culture=de", Fields(
            ("Form.LegalName", "Doppelt"), ("Form.PartnerId", "4811230"), ("Form.Type", "IndirectReseller"),
            ("Form.CountryCode", "US"), ("Form.CspRegion", "US"), ("Form.CommercialTenantId", Guid.NewGuid().ToString())));
        var badGuid = await admin.PostFormAsync(Page, Page + "?handler=Save", Fields(
            ("Form.LegalName", "Bad Guid"), ("Form.PartnerId", "7000001"), ("Form.Type", "IndirectReseller"),
            ("Form.CountryCode", "US"), ("Form.CspRegion", "US"), ("Form.CommercialTenantId", "not-a-guid")));

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("Eine andere Organisation des Verzeichnisses hat diese PartnerID bereits.", TextOf(refused.Html, "form-errors"));
        Assert.Equal(HttpStatusCode.BadRequest, badGuid.Status);
        Assert.Equal("Give the commercial tenant ID (Microsoft ID) as a GUID.", TextOf(badGuid.Html, "form-errors"));
    }

    [Fact]
    public async Task The_platform_admin_links_a_workspace_tenant_to_its_organisation_on_the_edit_page()
    {
        using var admin = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var tenant = await fixture.Services.CreateTenantAsync("pagelink");
        var partnerId = Random.Shared.Next(7000000, 7999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var commercial = Guid.NewGuid();
        await admin.PostFormAsync(Page, Page + "?handler=Save", Fields(
            ("Form.LegalName", "Lamna Provider"), ("Form.PartnerId", partnerId), ("Form.Type", "IndirectProvider"), ("Form.CspEnrolled", "true"),
            ("Form.PartnerAgreementSigned", "true"), ("Form.CountryCode", "US"), ("Form.CspRegion", "US"), ("Form.CommercialTenantId", commercial.ToString())));
        var id = await fixture.QueryAsync(db => db.PartnerOrganisations.Where(o => o.PartnerId == partnerId).Select(o => o.Id).SingleAsync());

        var linked = await admin.PostFormAsync(Page + "?edit=" + id, Page + "?handler=Save", Fields(
            ("Form.Id", id.ToString()), ("Form.LegalName", "Lamna Provider"), ("Form.PartnerId", partnerId), ("Form.Type", "IndirectProvider"), ("Form.CspEnrolled", "true"),
            ("Form.PartnerAgreementSigned", "true"), ("Form.CountryCode", "US"), ("Form.CspRegion", "US"), ("Form.CommercialTenantId", commercial.ToString()),
            ("Form.WorkspaceTenant", tenant.Identifier)));
        var editPage = await admin.GetAsync(Page + "?edit=" + id);

        Assert.Null(TextOf(linked.Html, "form-errors"));
        Assert.Equal("Lamna Provider", (await fixture.SendAsync(new GetTenantPartnerOrganisationQuery(tenant.Id)))!.LegalName);
        Assert.Contains($"value=\"{tenant.Identifier}\"", editPage.Html, StringComparison.Ordinal);
        Assert.Contains("data-listing-status=\"NotListed\"", editPage.Html, StringComparison.Ordinal);
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
