using System.Net;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>A user with several memberships signs in once and switches tenant; the role follows the tenant in the URL.</summary>
[Collection(IdentityCollection.Name)]
public sealed class TenantSwitchTests(IdentityFixture fixture)
{
    [Fact]
    public async Task A_multi_tenant_user_picks_a_tenant_and_holds_that_tenants_role_there()
    {
        using var multi = fixture.Portal();
        var signIn = await multi.SignInAsync("multi@gccsaas.demo");
        Assert.Equal("/select-tenant", signIn.Location);

        var switcher = await multi.GetAsync("/select-tenant");

        Assert.Contains("<a data-tenant=\"contoso-distribution\" href=\"/contoso-distribution/\">Contoso Distribution</a>", switcher.Html, StringComparison.Ordinal);
        Assert.Contains("<a data-tenant=\"fabrikam-cloud\" href=\"/fabrikam-cloud/\">Fabrikam Cloud</a>", switcher.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await multi.GetAsync("/fabrikam-cloud/users")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await multi.GetAsync("/contoso-distribution/users")).Status);
    }

    [Fact]
    public async Task The_user_menu_offers_the_switch_only_to_users_with_several_memberships()
    {
        using var multi = await fixture.SignedInAsync("multi@gccsaas.demo");
        using var single = await fixture.SignedInAsync("sales.agent@contoso.demo");

        var multiPage = await multi.GetAsync("/select-tenant");
        var singlePage = await single.GetAsync("/select-tenant");

        Assert.Equal("Morgan Multi", TextOf(multiPage.Html, "user-name"));
        Assert.Contains("<a id=\"switch-tenant\" href=\"/select-tenant\">", multiPage.Html, StringComparison.Ordinal);
        Assert.Equal("Sam Sales", TextOf(singlePage.Html, "user-name"));
        Assert.DoesNotContain("id=\"switch-tenant\"", singlePage.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_admin_without_memberships_sees_the_way_to_the_platform()
    {
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");

        var page = await platform.GetAsync("/select-tenant");

        Assert.NotNull(TextOf(page.Html, "no-memberships"));
        Assert.Contains("id=\"platform-link\" href=\"/platform/tenants\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_is_in_the_users_language()
    {
        using var multi = await fixture.SignedInAsync("multi@gccsaas.demo");
        multi.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");

        var page = await multi.GetAsync("/select-tenant");

        Assert.Contains("<h1>Arbeitsbereich wählen</h1>", page.Html, StringComparison.Ordinal);
        Assert.Contains("Arbeitsbereich wechseln", TextOf(page.Html, "switch-tenant"), StringComparison.Ordinal);
        Assert.Contains("Globaler Administrator", page.Html, StringComparison.Ordinal);
    }
}
