using System.Net;
using System.Resources;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Identity.Resources;
using MediatR;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>The identity area's seams and platform-wide properties.</summary>
[Collection(IdentityCollection.Name)]
public sealed class IdentityPlatformTests(IdentityFixture fixture)
{
    [Fact]
    public async Task The_tenant_directory_lists_only_the_tenants_own_members_and_filters_by_role()
    {
        var fabrikam = await fixture.TenantAsync(IdentityFixture.Fabrikam);
        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);
        await using var scope = fixture.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var tenants = scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>();

        // Asked in the tenant's own scope, as the notification centre asks: memberships are under row-level security.
        IReadOnlyList<TenantMemberDto> fabrikamMembers, contosoResellers;
        using (tenants.BeginScope(fabrikam))
        {
            fabrikamMembers = await mediator.Send(new ListTenantMembersQuery(fabrikam.Id));
        }

        using (tenants.BeginScope(contoso))
        {
            contosoResellers = await mediator.Send(new ListTenantMembersQuery(contoso.Id, GccSaaSRoles.ResellerAdmin));
        }

        Assert.Contains(fabrikamMembers, m => m.Email == "multi@gccsaas.demo" && m.Role == GccSaaSRoles.GlobalAdmin);
        Assert.DoesNotContain(fabrikamMembers, m => m.Email == "global.admin@contoso.demo");
        Assert.Contains(contosoResellers, m => m.Email == "reseller.admin@adatum.demo");
        Assert.All(contosoResellers, m => Assert.Equal(GccSaaSRoles.ResellerAdmin, m.Role));
    }

    [Fact]
    public async Task A_second_host_on_the_same_database_accepts_the_first_hosts_sign_in()
    {
        await using var secondHost = new GccSaaSFactory(fixture.Database, services => services.AddSingleton<TimeProvider>(fixture.Clock));
        var browser = new CookieContainer();
        using var onFirst = new PortalClient(fixture.Factory.CreateDefaultClient(new CookieContainerHandler(browser)));
        using var onSecond = new PortalClient(secondHost.CreateDefaultClient(new CookieContainerHandler(browser)));

        var signIn = await onFirst.SignInAsync("global.admin@contoso.demo");
        var page = await onSecond.GetAsync("/contoso-distribution/users");

        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Grace Global", PortalClient.TextOf(page.Html, "user-name"));
        // Not a shared folder on one machine: the key ring is in the database every host reads.
        foreach (var host in new[] { fixture.Factory.Services, secondHost.Services })
        {
            var repository = host.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;
            Assert.Equal("DatabaseXmlRepository", repository?.GetType().Name);
        }

        Assert.True(await fixture.QueryAsync(db => db.DataProtectionKeys.AnyAsync()));
    }

    [Fact]
    public async Task A_command_that_fails_after_an_identity_write_leaves_no_trace()
    {
        // Registering creates the account, then the membership; when the second step is refused (the
        // tenant was suspended meanwhile), the account must not remain: both run in one transaction.
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var identifier = "suspended-" + Guid.NewGuid().ToString("N")[..8];
        var email = IdentityJourneys.NewEmail("atomic");
        var created = await platform.PostFormAsync("/platform/tenants", "/platform/tenants?handler=Create",
            PortalClient.Fields(("Identifier", identifier), ("Name", "Soon suspended"), ("AdminEmail", email)));
        var path = IdentityJourneys.PathOfLink(created.Html);
        await using (var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var suspend = new NpgsqlCommand("UPDATE platform.tenants SET status = 'Suspended' WHERE identifier = @id", connection);
            suspend.Parameters.AddWithValue("id", identifier);
            Assert.Equal(1, await suspend.ExecuteNonQueryAsync());
        }

        using var newcomer = fixture.Portal();
        var response = await newcomer.PostFormAsync(path, path + "?handler=Register", PortalClient.Fields(
            ("DisplayName", "Never Stored"), ("Password", IdentityJourneys.NewUserPassword), ("ConfirmPassword", IdentityJourneys.NewUserPassword)));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        var normalized = email.ToUpperInvariant();
        Assert.False(await fixture.QueryAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == normalized)));
        Assert.False(await fixture.QueryAsync(db => db.UserInvitations.AnyAsync(i => i.NormalizedEmail == normalized && i.AcceptedAt != null)));
    }

    [Fact]
    public void Every_identity_text_exists_in_german_french_and_spanish()
    {
        var resources = new ResourceManager("GccSaaS.Modules.Identity.Resources.IdentityResource", typeof(IdentityResource).Assembly);
        var neutral = resources.GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var keys = neutral.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToList();
        Assert.True(keys.Count > 100, $"only {keys.Count} texts found");

        foreach (var culture in new[] { "de", "fr", "es" })
        {
            var set = resources.GetResourceSet(new System.Globalization.CultureInfo(culture), createIfNotExists: true, tryParents: false);
            Assert.NotNull(set);
            var missing = keys.Where(k => string.IsNullOrWhiteSpace(set.GetString(k))).ToList();
            Assert.True(missing.Count == 0, $"{culture} lacks: {string.Join(", ", missing)}");
        }
    }
}
