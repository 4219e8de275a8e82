using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Hosting;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Validation.Contracts;

namespace GccSaaS.IntegrationTests.Partners;

/// <summary>The Partners figures on the tenant dashboard and the platform home (R-VAL-4, R-PAR-5).</summary>
[Collection(PartnersCollection.Name)]
public sealed partial class DashboardFiguresTests(PartnersFixture fixture)
{
    [Fact]
    public async Task The_provider_dashboard_shows_its_GCC_qualification_and_open_listing_requests_and_the_platform_home_the_queue()
    {
        using var provider = await fixture.NewProviderAsync();
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var dashboard = $"/{provider.Tenant.Identifier}";
        var before = await provider.Admin.GetAsync(dashboard);
        var queueBefore = FigureOf((await platform.GetAsync("/platform")).Html, "partners.platform-listing-requests-open");

        using var api = ApiClient.Create(fixture.Factory, provider.GlobalAdminKey);
        (await api.PostAsJsonAsync(new Uri("/v1/profiles/listingrequests", UriKind.Relative), new { kind = "List", text = "Please list us." })).Dispose();
        var approved = new PartnerGccValidationApprovedNotification(provider.Tenant.Id, Guid.NewGuid(), provider.OrganisationId, fixture.Clock.GetUtcNow());
        await fixture.EnqueueAsync(provider.Tenant, approved);
        await fixture.DispatchAsync(provider.Tenant);
        var after = await provider.Admin.GetAsync(dashboard);
        var german = await provider.Admin.GetAsync(dashboard + "?culture=de&ui-culture=de");
        var queueAfter = FigureOf((await platform.GetAsync("/platform")).Html, "partners.platform-listing-requests-open");
        var reviewerHome = await (await fixture.SignedInAsync("reviewer@gccsaas.demo")).GetAsync("/platform");

        Assert.Equal(0, FigureOf(before.Html, "partners.gcc-qualified"));
        Assert.Equal(0, FigureOf(before.Html, "partners.listing-requests-open"));
        Assert.Equal(1, FigureOf(after.Html, "partners.gcc-qualified"));
        Assert.Equal(1, FigureOf(after.Html, "partners.listing-requests-open"));
        Assert.Contains("GCC qualification approved", after.Html, StringComparison.Ordinal);
        Assert.Contains("GCC-Qualifikation genehmigt", german.Html, StringComparison.Ordinal);
        Assert.Equal(queueBefore + 1, queueAfter);
        Assert.DoesNotContain("partners.platform-listing-requests-open", reviewerHome.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workspace_not_linked_to_a_directory_organisation_shows_no_partners_figures()
    {
        using var provider = await fixture.NewProviderAsync();
        using var platformApi = await fixture.PlatformApiAsync();
        var linked = await provider.Admin.GetAsync($"/{provider.Tenant.Identifier}");

        (await platformApi.PatchAsJsonAsync(new Uri($"/v1/platform/partners/{provider.OrganisationId}", UriKind.Relative), new { workspaceTenant = "" })).Dispose();
        var unlinked = await provider.Admin.GetAsync($"/{provider.Tenant.Identifier}");

        Assert.Contains("data-figure=\"partners.gcc-qualified\"", linked.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-figure=\"partners.", unlinked.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"figures-unavailable\"", unlinked.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reseller_user_counts_its_own_organisations_members_not_the_providers()
    {
        var contoso = await fixture.TenantAsync(PartnersFixture.Contoso);
        var all = await AppRoleSql.ScalarAsync<long>(fixture.Database.OwnerConnectionString, contoso.Id,
            "SELECT count(*) FROM identity.memberships WHERE tenant_id = @t", ("t", contoso.Id));
        var adatums = await AppRoleSql.ScalarAsync<long>(fixture.Database.OwnerConnectionString, contoso.Id,
            "SELECT count(*) FROM identity.memberships WHERE tenant_id = @t AND reseller_organisation_id = @r", ("t", contoso.Id), ("r", DemoSeedContext.AdatumResellerId));
        using var reseller = await fixture.SignedInAsync("reseller.admin@adatum.demo");
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");

        var resellers = await reseller.GetAsync($"/{PartnersFixture.Contoso}/");
        var providers = await admin.GetAsync($"/{PartnersFixture.Contoso}/");

        Assert.True(adatums > 0 && adatums < all, $"{adatums} of {all}");
        Assert.Equal(adatums, FigureOf(resellers.Html, "members"));
        Assert.Contains("Your organisation&#x27;s members", resellers.Html, StringComparison.Ordinal);
        Assert.Equal(all, FigureOf(providers.Html, "members"));
    }

    private static long FigureOf(string html, string key)
    {
        var match = FigurePattern().Match(html[html.IndexOf($"data-figure=\"{key}\"", StringComparison.Ordinal)..]);
        Assert.True(match.Success, $"No figure {key}.");
        return long.Parse(match.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("""class="stat-value">([0-9.,]+)<""")]
    private static partial Regex FigurePattern();
}
