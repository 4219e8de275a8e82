using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>
/// The contract queries Customers asks before associating a reseller with a customer (R-PC-4), over the demo
/// seed: Adatum Reseller is contoso-distribution's active indirect reseller (R-REL-2), and nobody else's.
/// </summary>
[Collection(RelationshipsCollection.Name)]
public sealed class PartnershipContractsTests(RelationshipsFixture fixture)
{
    [Fact]
    public async Task R_REL_2_the_demo_seed_gives_contoso_an_active_partnership_with_adatum()
    {
        var contoso = await fixture.TenantAsync(RelationshipsFixture.Contoso);

        var partnership = await fixture.SendAsync(contoso, new GetPartnershipQuery(contoso.Id, RelationshipsFixture.AdatumId));

        Assert.NotNull(partnership);
        Assert.Equal(PartnershipStatus.Active, partnership.Status);
        Assert.Equal("Adatum Reseller", partnership.ResellerName);
        Assert.Equal("5123400", partnership.PartnerId);
        Assert.Equal(contoso.Id, partnership.TenantId);
    }

    [Fact]
    public async Task R_PC_4_a_reseller_never_partnered_has_no_partnership()
    {
        var contoso = await fixture.TenantAsync(RelationshipsFixture.Contoso);

        Assert.Null(await fixture.SendAsync(contoso, new GetPartnershipQuery(contoso.Id, RelationshipsFixture.AlpineId)));
    }

    [Fact]
    public async Task Another_tenant_does_not_see_contosos_partnership()
    {
        var fabrikam = await fixture.TenantAsync(RelationshipsFixture.Fabrikam);

        Assert.Null(await fixture.SendAsync(fabrikam, new GetPartnershipQuery(fabrikam.Id, RelationshipsFixture.AdatumId)));
        Assert.Empty(await fixture.SendAsync(fabrikam, new SearchActivePartnershipsQuery(fabrikam.Id, null, 50)));
    }

    [Fact]
    public async Task A_query_naming_another_tenant_than_its_scope_is_refused()
    {
        var contoso = await fixture.TenantAsync(RelationshipsFixture.Contoso);
        var fabrikam = await fixture.TenantAsync(RelationshipsFixture.Fabrikam);

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.SendAsync(fabrikam, new GetPartnershipQuery(contoso.Id, RelationshipsFixture.AdatumId)));
    }

    [Theory]
    [InlineData("adat")]
    [InlineData("ADATUM")]
    [InlineData("51234")]
    [InlineData(null)]
    public async Task Searching_active_partnerships_finds_by_name_or_partner_id(string? search)
    {
        var contoso = await fixture.TenantAsync(RelationshipsFixture.Contoso);

        var found = await fixture.SendAsync(contoso, new SearchActivePartnershipsQuery(contoso.Id, search, 10));

        Assert.Contains(found, p => p.ResellerOrganisationId == RelationshipsFixture.AdatumId);
        Assert.All(found, p => Assert.Equal(PartnershipStatus.Active, p.Status));
    }

    [Fact]
    public async Task A_search_is_bounded_and_treats_wildcards_literally()
    {
        var contoso = await fixture.TenantAsync(RelationshipsFixture.Contoso);

        Assert.Empty(await fixture.SendAsync(contoso, new SearchActivePartnershipsQuery(contoso.Id, "%", 10)));
        Assert.Single(await fixture.SendAsync(contoso, new SearchActivePartnershipsQuery(contoso.Id, null, 1)));
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        var contoso = await fixture.TenantAsync(RelationshipsFixture.Contoso);

        Assert.Equal(0, await fixture.SendAsync(contoso, new SeedDemoRelationshipsCommand(contoso.Id, [RelationshipsFixture.AdatumId], Guid.NewGuid(), "Someone")));
    }
}
