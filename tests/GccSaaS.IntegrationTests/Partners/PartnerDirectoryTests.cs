using System.Net;
using System.Net.Http.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Validation.Contracts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GccSaaS.IntegrationTests.Partners;

/// <summary>The directory, the tenant ↔ organisation link, the organisation profile and R-VAL-4's qualification.</summary>
[Collection(PartnersCollection.Name)]
public sealed class PartnerDirectoryTests(PartnersFixture fixture)
{
    private static readonly Guid ContosoOrganisationId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-4811230a0001");

    [Fact]
    public async Task The_tenant_organisation_query_answers_the_linked_organisation_from_any_caller()
    {
        var contoso = await fixture.TenantAsync(PartnersFixture.Contoso);

        var organisation = await fixture.SendAsync(new GetTenantPartnerOrganisationQuery(contoso.Id));

        Assert.NotNull(organisation);
        Assert.Equal("Contoso Distribution", organisation.LegalName);
        Assert.Equal("4811230", organisation.PartnerId);
        Assert.Equal(PartnerType.IndirectProvider, organisation.Type);
        Assert.Equal(Guid.Parse("2a3e5f10-0c1d-4b8e-9f21-6a7b8c9d0e01"), organisation.CommercialTenantId);
        Assert.NotNull(organisation.AzureGccTenantId);
        Assert.True(organisation.CspEnrolled);
        Assert.True(organisation.OfficiallyListed);
    }

    [Fact]
    public async Task The_tenant_organisation_query_answers_null_for_an_unlinked_or_unknown_tenant()
    {
        var unlinked = await fixture.Services.CreateTenantAsync("unlinked");

        Assert.Null(await fixture.SendAsync(new GetTenantPartnerOrganisationQuery(unlinked.Id)));
        Assert.Null(await fixture.SendAsync(new GetTenantPartnerOrganisationQuery(Guid.NewGuid())));
    }

    [Fact]
    public async Task R_PAR_2_the_directory_carries_CSP_enrolment_for_validation()
    {
        var enrolled = await fixture.SendAsync(new GetPartnerOrganisationQuery(ContosoOrganisationId));
        var notEnrolled = await fixture.QueryAsync(db => db.PartnerOrganisations.SingleAsync(o => o.PartnerId == "5123440"));

        Assert.True(enrolled!.CspEnrolled);
        Assert.False(notEnrolled.CspEnrolled);
        Assert.Null(await fixture.SendAsync(new GetPartnerOrganisationQuery(Guid.NewGuid())));
    }

    [Fact]
    public async Task GET_v1_profiles_organization_answers_the_tenants_own_organisation()
    {
        using var contoso = await fixture.ApiAsync(PartnersFixture.Contoso);
        using var fabrikam = await fixture.ApiAsync(PartnersFixture.Fabrikam, "GlobalAdmin");

        using var a = await contoso.GetAsync(new Uri("/v1/profiles/organization", UriKind.Relative));
        using var b = await fabrikam.GetAsync(new Uri("/v1/profiles/organization", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        var profile = await PartnersFixture.JsonAsync(a);
        Assert.Equal("Contoso Distribution", profile.GetProperty("companyName").GetString());
        Assert.Equal("2a3e5f10-0c1d-4b8e-9f21-6a7b8c9d0e01", profile.GetProperty("microsoftId").GetString());
        Assert.Equal("4811230", profile.GetProperty("partnerId").GetString());
        Assert.Equal("IndirectProvider", profile.GetProperty("partnerType").GetString());
        Assert.Equal("Listed", profile.GetProperty("listingStatus").GetString());
        Assert.Equal("OrganizationProfile", profile.GetProperty("attributes").GetProperty("objectType").GetString());
        Assert.Equal((await fixture.TenantAsync(PartnersFixture.Contoso)).Id, profile.GetProperty("tenantId").GetGuid());

        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        var other = await PartnersFixture.JsonAsync(b);
        Assert.Equal("Fabrikam Cloud", other.GetProperty("companyName").GetString());
        Assert.Equal("NotListed", other.GetProperty("listingStatus").GetString());
    }

    [Fact]
    public async Task R_VAL_4_an_approved_partner_validation_adds_Government_community_cloud_once_through_the_outbox()
    {
        var tenant = await fixture.Services.CreateTenantAsync("gcc");
        using var platform = await fixture.PlatformApiAsync();
        using var create = await platform.PostAsJsonAsync(new Uri("/v1/platform/partners", UriKind.Relative), new
        {
            legalName = "Graphic Design Institute",
            partnerId = Random.Shared.Next(8000000, 8999999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            partnerType = "IndirectProvider",
            cspEnrolled = true,
            partnerAgreementSigned = true,
            countryCode = "US",
            cspRegion = "US",
            commercialTenantId = Guid.NewGuid().ToString(),
            workspaceTenant = tenant.Identifier,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, create.StatusCode);
        var organisationId = (await create.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var organisation = (await fixture.SendAsync(new GetTenantPartnerOrganisationQuery(tenant.Id)))!;
        Assert.Equal(organisationId, organisation.Id);
        Assert.DoesNotContain(PartnerQualifications.GovernmentCommunityCloud, organisation.Qualifications);

        var approved = new PartnerGccValidationApprovedNotification(tenant.Id, Guid.NewGuid(), organisation.Id, fixture.Clock.GetUtcNow());
        await fixture.EnqueueAsync(tenant, approved);
        await fixture.DispatchAsync(tenant);
        await fixture.EnqueueAsync(tenant, approved with { CaseId = Guid.NewGuid() }); // a second approval changes nothing
        await fixture.DispatchAsync(tenant);

        var after = (await fixture.SendAsync(new GetTenantPartnerOrganisationQuery(tenant.Id)))!;
        Assert.Equal(1, after.Qualifications.Count(q => q == PartnerQualifications.GovernmentCommunityCloud));
        Assert.True(after.HasQualification(PartnerQualifications.GovernmentCommunityCloud));
    }

    [Fact]
    public async Task The_demo_seed_is_idempotent()
    {
        var contoso = await fixture.TenantAsync(PartnersFixture.Contoso);
        var fabrikam = await fixture.TenantAsync(PartnersFixture.Fabrikam);
        var before = await fixture.QueryAsync(db => db.PartnerOrganisations.CountAsync());

        var added = await fixture.SendAsync(new SeedDemoPartnerDirectoryCommand(new Dictionary<string, Guid>
        {
            [PartnersFixture.Contoso] = contoso.Id,
            [PartnersFixture.Fabrikam] = fabrikam.Id,
        }));

        Assert.Equal(0, added);
        Assert.Equal(before, await fixture.QueryAsync(db => db.PartnerOrganisations.CountAsync()));
        Assert.True(before >= 7);
    }

    [Fact]
    public async Task The_directory_is_platform_level_and_tenant_B_reads_only_its_own_organisation()
    {
        var contoso = await fixture.TenantAsync(PartnersFixture.Contoso);
        var fabrikam = await fixture.TenantAsync(PartnersFixture.Fabrikam);

        // Platform level: no tenant column, no row-level security (ADR 0009) ...
        Assert.Equal(0L, await ScalarAsync(null, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'partners' AND table_name = 'partner_organisations' AND column_name = 'tenant_id'", null));
        Assert.Equal(0L, await ScalarAsync(null, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'partners' AND c.relname = 'partner_organisations' AND c.relrowsecurity", null));

        // ... so every tenant-serving read filters by the tenant explicitly: each sees its own organisation only.
        var a = await fixture.SendAsync(new GetTenantPartnerOrganisationQuery(contoso.Id));
        var b = await fixture.SendAsync(new GetTenantPartnerOrganisationQuery(fabrikam.Id));
        Assert.NotEqual(a!.Id, b!.Id);
        Assert.Equal("Fabrikam Cloud", b.LegalName);
    }

    [Fact]
    public async Task A_tenant_is_at_most_one_organisation()
    {
        var contoso = await fixture.TenantAsync(PartnersFixture.Contoso);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(
            null,
            "WITH u AS (UPDATE partners.partner_organisations SET workspace_tenant_id = @id WHERE partner_id = '5123410' RETURNING 1) SELECT count(*) FROM u",
            contoso.Id));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    private async Task<long> ScalarAsync(Guid? tenant, string sql, Guid? id)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant) + sql, connection);
        command.Parameters.AddWithValue("id", (object?)id ?? DBNull.Value);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
