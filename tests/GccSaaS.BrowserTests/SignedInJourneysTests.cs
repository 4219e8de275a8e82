using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using GccSaaS.BrowserTests.Infrastructure;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Identity.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// The journeys through the portal with the demo seed (build/run.sh's sign-ins): a provider
/// Global admin signs in, switches language, a multi-tenant user switches tenant, and an API key is
/// created, shown once, used and revoked. Each in English and German at 1366 px and 390 px (issue 16), axe on every page.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SignedInJourneysTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    private const string Contoso = "contoso-distribution";
    private const string Fabrikam = "fabrikam-cloud";
    private const string GlobalAdmin = "global.admin@contoso.demo";
    private const string MultiTenantUser = "multi@gccsaas.demo";
    private const string SalesAgent = "sales.agent@contoso.demo";
    private const string PlatformAdmin = "platform.admin@gccsaas.demo";
    private const string ValidationReviewer = "reviewer@gccsaas.demo";

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task A_provider_Global_admin_signs_in_to_the_tenant_dashboard_and_signs_out(string locale, int width) => RunAsync(async page =>
    {
        await SignInAsync(page, GlobalAdmin);

        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/"));
        await Expect(page.Locator("#dashboard-heading")).ToHaveTextAsync(Text("SharedResource", "Dashboard"));
        await Expect(page.Locator("#tenant-name")).ToContainTextAsync("Contoso Distribution");
        await Expect(page.Locator("#user-name")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("a[data-nav='dashboard']")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.Locator("#main-navigation a[data-nav='users']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#main-navigation a[data-nav='api-keys']")).ToHaveCountAsync(1);
        await AxeAsync(page);

        // The member figure is the tenant's real member count.
        var members = await CountMembersAsync(Contoso);
        await Expect(page.Locator("[data-figure='members'] .stat-value")).ToHaveTextAsync(members.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ShotAsync(page, $"dashboard-{Culture.Name}-{width}");

        await page.Locator("#sign-out").ClickAsync();
        await Expect(page.Locator("#user-name")).ToHaveCountAsync(0);
        await AxeAsync(page);
        var response = await page.GotoAsync($"/{Contoso}/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in", RegexOptions.None, TimeSpan.FromSeconds(1)));
        Assert.NotNull(response);
    }, locale, width: width);

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task A_signed_in_user_switches_the_portal_to_the_other_language(string locale, int width) => RunAsync(async page =>
    {
        await SignInAsync(page, GlobalAdmin);
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", Culture.Name);

        // German for an English browser, English for a German one.
        var other = OtherCulture;
        await page.Locator("#culture-picker").SelectOptionAsync(other.Name);
        await page.Locator("#culture-apply").ClickAsync();

        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", other.Name);
        await Expect(page.Locator("#dashboard-heading")).ToHaveTextAsync(TextIn(other, "SharedResource", "Dashboard"));
        await Expect(page.Locator("#figures-heading")).ToHaveTextAsync(TextIn(other, "SharedResource", "KeyFigures"));
        await Expect(page.Locator("a[data-nav='users']")).ToHaveTextAsync(TextIn(other, "IdentityResource", "Nav_Users"));
        await Expect(page.Locator("a[data-nav='api-keys']")).ToHaveTextAsync(TextIn(other, "IdentityResource", "Nav_ApiKeys"));
        await Expect(page.Locator("#sign-out")).ToHaveTextAsync(TextIn(other, "IdentityResource", "SignOut"));
        await AxeAsync(page);
        await ShotAsync(page, $"dashboard-{other.Name}-{width}");

        // Other areas' pages follow the same choice.
        await NavigateAsync(page, "api-keys");
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/settings/api-keys"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", other.Name);
        await Expect(page.Locator("a[data-nav='api-keys']")).ToHaveAttributeAsync("aria-current", "page");
        await AxeAsync(page);
    }, locale, width: width);

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task A_user_with_memberships_in_two_tenants_switches_from_one_to_the_other(string locale, int width) => RunAsync(async page =>
    {
        await SignInAsync(page, MultiTenantUser);

        // Several memberships: the user chooses.
        await Expect(page).ToHaveURLAsync(Address("select-tenant"));
        await AxeAsync(page);
        await page.Locator($"a[data-tenant='{Contoso}']").ClickAsync();
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/"));
        await Expect(page.Locator("#tenant-name")).ToContainTextAsync("Contoso Distribution");
        // A Sales agent here: no user administration.
        await Expect(page.Locator("a[data-nav='users']")).ToHaveCountAsync(0);

        await page.Locator("#switch-tenant").ClickAsync();
        await Expect(page).ToHaveURLAsync(Address("select-tenant"));
        await page.Locator($"a[data-tenant='{Fabrikam}']").ClickAsync();

        await Expect(page).ToHaveURLAsync(Address($"{Fabrikam}/"));
        await Expect(page.Locator("#tenant-name")).ToContainTextAsync("Fabrikam Cloud");
        // The Global admin of this one: the role follows the tenant.
        await Expect(page.Locator("#main-navigation a[data-nav='users']")).ToHaveCountAsync(1);
        await AxeAsync(page);
        await ShotAsync(page, "dashboard-fabrikam");
    }, locale, width: width);

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task An_API_key_is_shown_once_works_and_gets_401_once_revoked(string locale, int width) => RunAsync(async page =>
    {
        var name = "Browser test " + Guid.NewGuid().ToString("N")[..8];
        await SignInAsync(page, GlobalAdmin);
        await NavigateAsync(page, "api-keys");
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/settings/api-keys"));
        await AxeAsync(page);

        await page.Locator("#api-key-name").FillAsync(name);
        await page.Locator("#api-key-role").SelectOptionAsync(GccSaaSRoles.SalesAgent);
        await page.Locator("#create-api-key").ClickAsync();

        var secret = page.Locator("#api-key-secret");
        await Expect(secret).ToBeVisibleAsync();
        var key = (await secret.InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrWhiteSpace(key));
        await AxeAsync(page);
        await ShotAsync(page, "api-key-created");

        // Shown once: the list page never shows it again.
        await page.GotoAsync($"/{Contoso}/settings/api-keys");
        await Expect(page.Locator("#api-key-secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
        var row = page.Locator("tr[data-api-key-id]", new() { HasText = name });
        await Expect(row).ToHaveCountAsync(1);

        // The live key works on /v1, for the tenant it belongs to.
        using var http = Portal.CreateHttpClient();
        using (var live = await GetProfileAsync(http, key))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            using var profile = JsonDocument.Parse(await live.Content.ReadAsStringAsync());
            Assert.Equal(Contoso, profile.RootElement.GetProperty("tenant").GetProperty("identifier").GetString());
        }

        await row.Locator("details.confirm > summary", new() { HasText = Text("IdentityResource", "Revoke") }).ClickAsync(); // asks first, naming the key
        await Expect(row.Locator("details.confirm[open] .confirm-panel")).ToContainTextAsync(Text("IdentityResource", "ConfirmRevokeApiKey", name));
        await AxeAsync(page);
        await row.Locator("button[data-revoke-key]").ClickAsync();
        await Expect(page.Locator("tr[data-api-key-id]", new() { HasText = name })).ToHaveAttributeAsync("data-status", "revoked");
        await Expect(page.Locator("tr[data-api-key-id]", new() { HasText = name }).Locator("button[data-revoke-key]")).ToHaveCountAsync(0);

        // Revoked keys stop working at once.
        using var revoked = await GetProfileAsync(http, key);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("application/problem+json", revoked.Content.Headers.ContentType?.MediaType);
    }, locale, width: width);

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task Refusals_show_localised_status_pages_that_never_reveal_another_tenant(string locale, int width) => RunAsync(async page =>
    {
        await SignInAsync(page, SalesAgent);
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/"));
        await Expect(page.Locator("a[data-nav='users']")).ToHaveCountAsync(0);

        // A member without the role: 403, in the user's language.
        var forbidden = await page.GotoAsync($"/{Contoso}/users");
        Assert.Equal(403, forbidden?.Status);
        await Expect(page.Locator("#status-heading")).ToHaveTextAsync(Text("SharedResource", "ForbiddenTitle"));
        await AxeAsync(page);
        await ShotAsync(page, $"forbidden-{Culture.Name}-{width}");

        // Another tenant's address: the same 404 as for a tenant that does not exist, naming neither.
        var other = await page.GotoAsync($"/{Fabrikam}/");
        Assert.Equal(404, other?.Status);
        await Expect(page.Locator("#status-heading")).ToHaveTextAsync(Text("SharedResource", "NotFoundTitle"));
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Fabrikam");
        await AxeAsync(page);
        await Expect(page.Locator("#tenant-name")).ToHaveCountAsync(0);
        var unknown = await page.GotoAsync("/no-such-provider/");
        Assert.Equal(404, unknown?.Status);
        await Expect(page.Locator("#status-heading")).ToHaveTextAsync(Text("SharedResource", "NotFoundTitle"));

        // The platform's pages are for platform roles.
        var platform = await page.GotoAsync("/platform");
        Assert.Equal(403, platform?.Status);
        await Expect(page.Locator("#status-heading")).ToHaveTextAsync(Text("SharedResource", "ForbiddenTitle"));
    }, locale, width: width);

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task Platform_users_get_the_platform_home_and_the_links_of_their_role(string locale, int width) => RunAsync(async page =>
    {
        await SignInAsync(page, ValidationReviewer);
        await Expect(page).ToHaveURLAsync(Address("platform"));
        await Expect(page.Locator("#platform-heading")).ToHaveTextAsync(Text("SharedResource", "Nav_PlatformHome"));
        await Expect(page.Locator("a[data-nav='platform']")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.Locator("a[data-nav='tenants']")).ToHaveCountAsync(0);
        var tenants = await CountActiveTenantsAsync();
        await Expect(page.Locator("[data-figure='active-tenants'] .stat-value")).ToHaveTextAsync(tenants.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AxeAsync(page);

        await page.Locator("#sign-out").ClickAsync();
        await SignInAsync(page, PlatformAdmin);
        await Expect(page).ToHaveURLAsync(Address("platform/tenants"));
        await Expect(page.Locator("a[data-nav='tenants']")).ToHaveAttributeAsync("aria-current", "page");
        await AxeAsync(page);
        await NavigateAsync(page, "platform");
        await Expect(page).ToHaveURLAsync(Address("platform"));
        await Expect(page.Locator("a[data-task='tenants']")).ToBeVisibleAsync();
        await AxeAsync(page);
        await ShotAsync(page, $"platform-home-{Culture.Name}-{width}");
    }, locale, width: width);

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task The_signed_in_shell_fits_the_screen_and_the_last_link_of_the_navigation_is_reachable(string locale, int width) => RunAsync(async page =>
    {
        await SignInAsync(page, GlobalAdmin);
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/"));
        await ShotAsync(page, $"dashboard-shell-{Culture.Name}-{width}");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a {width}px screen.");
        // The last link is reachable: the navigation brings it into view for the keyboard.
        var last = page.Locator("#main-navigation a").Last;
        await last.FocusAsync();
        await Expect(last).ToBeInViewportAsync();
    }, locale, width: width);

    private static async Task<HttpResponseMessage> GetProfileAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/profiles/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.SendAsync(request);
    }

    private async Task<int> CountActiveTenantsAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ITenantStore>().ListActiveAsync(null, 500)).Count;
    }

    private async Task<int> CountMembersAsync(string identifier)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdentifierAsync(identifier)
            ?? throw new InvalidOperationException($"The demo seed has no tenant {identifier}.");
        // Memberships are under row-level security (ADR 0021): count them inside the tenant, as the dashboard does.
        using var inTenant = scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        var members = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListTenantMembersQuery(tenant.Id));
        return members.Count;
    }
}
