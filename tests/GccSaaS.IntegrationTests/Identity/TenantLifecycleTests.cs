using System.Net;
using Microsoft.EntityFrameworkCore;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// A Platform admin creates a tenant with its first Global admin; that admin invites users, sets their
/// roles and removes them; a tenant always keeps a Global admin.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class TenantLifecycleTests(IdentityFixture fixture)
{
    [Fact]
    public async Task A_platform_admin_creates_a_tenant_whose_first_global_admin_joins_through_the_invitation()
    {
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var identifier = "northwind-" + Guid.NewGuid().ToString("N")[..8];
        var adminEmail = IdentityJourneys.NewEmail("first");

        var created = await platform.PostFormAsync("/platform/tenants", "/platform/tenants?handler=Create",
            Fields(("Identifier", identifier), ("Name", "Northwind Traders"), ("AdminEmail", adminEmail)));

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains($"data-created-tenant=\"{identifier}\"", created.Html, StringComparison.Ordinal);
        Assert.Contains("Global admin", TextOf(created.Html, "invitation-draft"), StringComparison.Ordinal);
        using var firstAdmin = await fixture.RegisterAsync(IdentityJourneys.PathOfLink(created.Html), "Fiona First");
        Assert.Equal(HttpStatusCode.OK, (await firstAdmin.GetAsync($"/{identifier}/users")).Status);
        Assert.Equal(HttpStatusCode.OK, (await firstAdmin.GetAsync($"/{identifier}/settings/api-keys")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await firstAdmin.GetAsync("/contoso-distribution/users")).Status);
        var listed = await platform.GetAsync($"/platform/tenants?q={identifier}");
        Assert.Contains($"data-tenant=\"{identifier}\"", listed.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contoso-distribution", HttpStatusCode.Conflict)]
    [InlineData("Not Valid!", HttpStatusCode.BadRequest)]
    [InlineData("select-tenant", HttpStatusCode.BadRequest)]
    public async Task A_taken_or_invalid_identifier_is_refused(string identifier, HttpStatusCode expected)
    {
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");

        var response = await platform.PostFormAsync("/platform/tenants", "/platform/tenants?handler=Create",
            Fields(("Identifier", identifier), ("Name", "Duplicate"), ("AdminEmail", IdentityJourneys.NewEmail("dup"))));

        Assert.Equal(expected, response.Status);
        Assert.NotNull(TextOf(response.Html, "form-errors"));
        Assert.Null(TextOf(response.Html, "invitation-link"));
    }

    [Fact]
    public async Task A_platform_admin_can_invite_another_global_admin_to_an_existing_tenant()
    {
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var fabrikam = await fixture.TenantAsync(IdentityFixture.Fabrikam);

        var response = await platform.PostFormAsync("/platform/tenants", "/platform/tenants?handler=InviteAdmin",
            Fields(("tenantId", fabrikam.Id.ToString()), ("email", IdentityJourneys.NewEmail("second"))));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        using var second = await fixture.RegisterAsync(IdentityJourneys.PathOfLink(response.Html));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/fabrikam-cloud/users")).Status);
    }

    [Fact]
    public async Task A_global_admin_changes_a_members_role_and_removes_them()
    {
        var (_, userId, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        member.Dispose();
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var tenant = await fixture.TenantAsync(IdentityFixture.Contoso);
        var adatum = Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01");

        var changed = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=ChangeRole",
            Fields(("userId", userId.ToString()), ("role", "ResellerAdmin"), ("resellerOrganisationId", adatum.ToString())));

        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        var page = await admin.GetAsync("/contoso-distribution/users");
        Assert.Equal("The role was changed.", TextOf(page.Html, "status-message"));
        Assert.Contains($"data-user-id=\"{userId}\" data-role=\"ResellerAdmin\"", page.Html, StringComparison.Ordinal);
        var membership = await fixture.QueryAsync(db => db.Memberships.SingleAsync(m => m.TenantId == tenant.Id && m.UserId == userId));
        Assert.Equal(adatum, membership.ResellerOrganisationId);

        var removed = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=Remove",
            Fields(("userId", userId.ToString())));

        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.False(await fixture.QueryAsync(db => db.Memberships.AnyAsync(m => m.TenantId == tenant.Id && m.UserId == userId)));
        Assert.True(await fixture.QueryAsync(db => db.Users.AnyAsync(u => u.Id == userId)), "removing a member keeps the account");
    }

    [Fact]
    public async Task The_last_global_admin_can_be_neither_demoted_nor_removed()
    {
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var identifier = "solo-" + Guid.NewGuid().ToString("N")[..8];
        var soloEmail = IdentityJourneys.NewEmail("solo");
        var created = await platform.PostFormAsync("/platform/tenants", "/platform/tenants?handler=Create",
            Fields(("Identifier", identifier), ("Name", "Solo"), ("AdminEmail", soloEmail)));
        using var solo = await fixture.RegisterAsync(IdentityJourneys.PathOfLink(created.Html));
        var soloId = await fixture.UserIdAsync(soloEmail);
        var page = $"/{identifier}/users";

        var demote = await solo.PostFormAsync(page, page + "?handler=ChangeRole",
            Fields(("userId", soloId.ToString()), ("role", "SalesAgent"), ("resellerOrganisationId", string.Empty)));
        var remove = await solo.PostFormAsync(page, page + "?handler=Remove", Fields(("userId", soloId.ToString())));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, demote.Status);
        Assert.Contains("at least one Global admin", TextOf(demote.Html, "form-errors"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, remove.Status);
        Assert.Equal(HttpStatusCode.OK, (await solo.GetAsync(page)).Status);
    }

    [Fact]
    public async Task Another_tenants_member_cannot_be_changed_from_this_tenant()
    {
        var (_, fabrikamOnly, member) = await fixture.CreateMemberAsync(IdentityFixture.Fabrikam, "SalesAgent");
        member.Dispose();
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var fabrikam = await fixture.TenantAsync(IdentityFixture.Fabrikam);

        var remove = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=Remove",
            Fields(("userId", fabrikamOnly.ToString())));
        var promote = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=ChangeRole",
            Fields(("userId", fabrikamOnly.ToString()), ("role", "GlobalAdmin"), ("resellerOrganisationId", string.Empty)));

        Assert.Equal(HttpStatusCode.NotFound, remove.Status);
        Assert.Equal(HttpStatusCode.NotFound, promote.Status);
        var membership = await fixture.QueryAsync(db => db.Memberships.SingleAsync(m => m.TenantId == fabrikam.Id && m.UserId == fabrikamOnly));
        Assert.Equal("SalesAgent", membership.Role);
    }
}
