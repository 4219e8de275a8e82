using GccSaaS.BuildingBlocks.Hosting;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Identity.Features.DemoSeed;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.IntegrationTests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class DemoSeedTests(IdentityFixture fixture)
{
    public static TheoryData<string> DemoUsers() => [.. DemoAccounts.Users.Select(u => u.Email)];

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task Every_demo_user_signs_in_with_the_demo_password(string email)
    {
        using var portal = fixture.Portal();

        var response = await portal.SignInAsync(email, PortalClient.DemoPassword);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.Status);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var before = await CountsAsync();

        await fixture.Services.SeedDemoAsync(); // every module's step again

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task The_seed_gives_each_demo_tenant_its_roles_and_the_reseller_users_their_organisation()
    {
        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);
        var fabrikam = await fixture.TenantAsync(IdentityFixture.Fabrikam);

        var roles = await fixture.QueryAsync(db => db.Memberships
            .Where(m => m.TenantId == contoso.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, m.Role, m.ResellerOrganisationId })
            .ToListAsync());

        Assert.Equal("Contoso Distribution", contoso.Name);
        Assert.Equal("Fabrikam Cloud", fabrikam.Name);
        Assert.Contains(roles, r => r.Email == "global.admin@contoso.demo" && r.Role == "GlobalAdmin");
        Assert.Contains(roles, r => r.Email == "admin.agent@contoso.demo" && r.Role == "AdminAgent");
        Assert.Contains(roles, r => r.Email == "sales.agent@contoso.demo" && r.Role == "SalesAgent");
        Assert.Contains(roles, r => r.Email == "multi@gccsaas.demo" && r.Role == "SalesAgent");
        Assert.Contains(roles, r => r.Email == "reseller.admin@adatum.demo" && r.Role == "ResellerAdmin" && r.ResellerOrganisationId == DemoSeedContext.AdatumResellerId);
        Assert.Contains(roles, r => r.Email == "reseller.agent@adatum.demo" && r.Role == "ResellerAgent" && r.ResellerOrganisationId == DemoSeedContext.AdatumResellerId);
        Assert.Equal(Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01"), DemoSeedContext.AdatumResellerId);
    }

    [Fact]
    public void The_printed_block_names_every_demo_sign_in_and_the_password()
    {
        var block = DemoAccounts.SignInsBlock();

        Assert.Contains("GccSaaS-Demo-2026!", block, StringComparison.Ordinal);
        Assert.All(DemoAccounts.Users, u => Assert.Contains(u.Email, block, StringComparison.Ordinal));
    }

    private Task<(int Users, int Memberships, int Roles, int UserRoles)> CountsAsync() =>
        fixture.QueryAsync(async db => (
            await db.Users.CountAsync(),
            await db.Memberships.CountAsync(),
            await db.Roles.CountAsync(),
            await db.UserRoles.CountAsync()));
}
