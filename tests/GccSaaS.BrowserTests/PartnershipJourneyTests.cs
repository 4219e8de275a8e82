using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GccSaaS.BrowserTests.Infrastructure;
using GccSaaS.BuildingBlocks.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 5's journey: a Sales agent requests a partnership and copies the draft (R-REL-1) → the reseller admin
/// opens the link, registers and accepts for Alpine Ski Reseller (R-REL-2, R-PAR-3; Alpine, not Proseware, whose demo reseller user other journeys sign in as: removal ends every membership of the organisation) → the reseller shows in the
/// list → the Global admin removes it with the attestation (R-REL-3) → it is gone, its customers are still there.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PartnershipJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium), IClassFixture<ChromiumFixture>
{
    private const string Contoso = "contoso-distribution";
    private const string AlpinePartnerId = "5123460";
    /// <summary>Alpine Ski Reseller's commercial tenant ID: its id on /v1, as in Partner Center.</summary>
    private static readonly Guid AlpineTenantId = Guid.Parse("a2b6d798-8495-4306-b1a9-4c5d6e7f8009");

    [Fact]
    public Task A_partnership_is_requested_accepted_listed_and_removed_with_its_customers_kept() => RunAsync(async page =>
    {
        var resellerEmail = $"admin-{Guid.NewGuid():N}"[..14] + "@alpineski.example";

        // The Sales agent requests a partnership and copies the draft.
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await SignInAsync(page, "sales.agent@contoso.demo", DemoPassword);
        await page.Locator("a[data-nav='resellers']").ClickAsync();
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/resellers"));
        await page.Locator("#request-partnership").ClickAsync();
        await page.Locator("#invite-email").FillAsync(resellerEmail);
        await page.Locator("#create-request").ClickAsync();
        var link = await page.Locator("#invitation-link").TextContentAsync() ?? string.Empty;
        Assert.Matches("/invitations/partnership/contoso-distribution/", link);
        await Expect(page.Locator("#invitation-draft")).ToContainTextAsync(link);
        await Expect(page.Locator("#open-in-email")).ToHaveAttributeAsync("href", new Regex("^mailto:", RegexOptions.None, TimeSpan.FromSeconds(1)));
        await page.Locator("#copy-draft").ClickAsync();
        Assert.Contains(link, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"), StringComparison.Ordinal);
        await page.Locator("#done").ClickAsync();
        await Expect(page.Locator("#status-message")).ToBeVisibleAsync();
        await page.Locator("#sign-out").ClickAsync();

        // The reseller admin opens the link, registers for the invited address and accepts.
        await page.GotoAsync(link);
        await Expect(page.Locator("#authorises")).ToContainTextAsync("can add customers on your behalf");
        await page.Locator("#display-name").FillAsync("Avery Alpine");
        await page.Locator("#password").FillAsync("Alpine-Password-2026!");
        await page.Locator("#confirm-password").FillAsync("Alpine-Password-2026!");
        await page.Locator("#register").ClickAsync();
        await page.Locator("#partner-id").FillAsync(AlpinePartnerId);
        await page.Locator("#authorize-provider").CheckAsync();
        await page.Locator("#accept-partnership").ClickAsync();
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/"));
        await Expect(page.Locator("#status")).ToContainTextAsync("Partnership accepted: Alpine Ski Reseller is now an indirect reseller of");
        await Expect(page.Locator("a[data-nav='indirect-providers']")).ToBeVisibleAsync();
        await page.Locator("#sign-out").ClickAsync();

        // The Global admin sees the reseller, gives it a customer (through the API), then removes the partnership.
        await SignInAsync(page, "global.admin@contoso.demo", DemoPassword);
        var key = await CreateApiKeyAsync(page);
        using var api = Portal.CreateHttpClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var customerId = await CreateCustomerAsync(api, AlpineTenantId);

        await page.GotoAsync($"/{Contoso}/resellers");
        var row = page.Locator("#resellers tr", new() { HasText = "Alpine Ski Reseller" });
        await Expect(row).ToContainTextAsync(AlpinePartnerId);
        await Expect(row.Locator("[data-customer-count]")).ToHaveTextAsync("1");
        await row.Locator("a.remove-partnership").ClickAsync();
        await Expect(page.Locator("#attestation-text")).ToContainTextAsync("good faith");
        await Expect(page.Locator("#remove-no-notice")).ToContainTextAsync("no termination notice");
        await page.Locator("#attested").CheckAsync();
        await page.Locator("#confirm-remove").ClickAsync();
        await Expect(page.Locator("#removal-attestation")).ToHaveAttributeAsync("data-version", "2026-11");
        await ShotAsync(page, "partnership-removed");

        await page.Locator("#back-to-resellers").ClickAsync();
        await Expect(page.Locator("#resellers tr", new() { HasText = "Alpine Ski Reseller" })).ToHaveCountAsync(0);
        using var customer = await api.GetAsync(new Uri($"/v1/customers/{customerId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, customer.StatusCode);
        Assert.Contains(AlpineTenantId.ToString(), await customer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    });

    private static async Task<string> CreateApiKeyAsync(IPage page)
    {
        await page.GotoAsync($"/{Contoso}/settings/api-keys");
        await page.Locator("#api-key-name").FillAsync("journey-" + Guid.NewGuid().ToString("N")[..6]);
        await page.Locator("#api-key-role").SelectOptionAsync(GccSaaSRoles.SalesAgent);
        await page.Locator("#create-api-key").ClickAsync();
        return (await page.Locator("#api-key-secret").TextContentAsync())?.Trim() ?? string.Empty;
    }

    private static async Task<Guid> CreateCustomerAsync(HttpClient api, Guid reseller)
    {
        var domain = $"pw{Guid.NewGuid():N}"[..20] + ".onmicrosoft.com";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/customers", UriKind.Relative))
        {
            Content = JsonContent.Create(new
            {
                companyProfile = new { domain },
                billingProfile = new
                {
                    email = "it@county.example", culture = "en-US", language = "en", companyName = "Alpine's County",
                    defaultAddress = new
                    {
                        addressLine1 = "1 Main Street", city = "Springfield", state = "OR", postalCode = "97403", country = "US",
                        firstName = "Casey", lastName = "Clerk", phoneNumber = "+1 541 555 0101",
                    },
                },
                associatedPartnerId = reseller,
            }),
        };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        using var response = await api.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return json.GetProperty("id").GetGuid();
    }
}
