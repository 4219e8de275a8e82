using System.Net;
using System.Text.RegularExpressions;
using GccSaaS.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 5's journey, in English and German at 1366 px and 390 px (issue 16): a Sales agent requests a partnership and
/// copies the draft (R-REL-1) → the reseller admin opens the link, registers and accepts for a reseller of the run's own
/// (R-REL-2, R-PAR-3; a copy of Alpine Ski Reseller with a fresh PartnerID, so the variants never meet and no demo
/// reseller user loses its membership) → the reseller shows in the list → the Global admin removes it with the
/// attestation (R-REL-3) → it is gone, its customers are still there. axe checks every page on the way.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PartnershipJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    private const string Contoso = "contoso-distribution";
    private const string ContosoName = "Contoso Distribution";

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task A_partnership_is_requested_accepted_listed_and_removed_with_its_customers_kept(string locale, int width) => RunAsync(async page =>
    {
        var (reseller, partnerId, resellerTenantId) = await ArrangeResellerAsync();
        var resellerEmail = $"admin-{Guid.NewGuid():N}"[..14] + "@alpineski.example";

        // The Sales agent requests a partnership and copies the draft.
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await SignInAsync(page, "sales.agent@contoso.demo", DemoPassword);
        await AxeAsync(page);
        await NavigateAsync(page, "resellers");
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/resellers"));
        await AxeAsync(page);
        await page.Locator("#request-partnership").ClickAsync();
        await AxeAsync(page);
        await page.Locator("#invite-email").FillAsync(resellerEmail);
        await page.Locator("#create-request").ClickAsync();
        var link = await page.Locator("#invitation-link").TextContentAsync() ?? string.Empty;
        Assert.Matches("/invitations/partnership/contoso-distribution/", link);
        await Expect(page.Locator("#invitation-draft")).ToContainTextAsync(link);
        await Expect(page.Locator("#open-in-email")).ToHaveAttributeAsync("href", new Regex("^mailto:", RegexOptions.None, TimeSpan.FromSeconds(1)));
        await AxeAsync(page);
        await page.Locator("#copy-draft").ClickAsync();
        Assert.Contains(link, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"), StringComparison.Ordinal);
        await page.Locator("#done").ClickAsync();
        await Expect(page.Locator("#status-message")).ToBeVisibleAsync();
        await page.Locator("#sign-out").ClickAsync();

        // The reseller admin opens the link, registers for the invited address and accepts.
        await page.GotoAsync(link);
        await Expect(page.Locator("#authorises")).ToContainTextAsync(Text("RelationshipsResource", "Accept_Authorises_Customers", ContosoName));
        await AxeAsync(page);
        await page.Locator("#display-name").FillAsync("Avery Alpine");
        await page.Locator("#password").FillAsync("Alpine-Password-2026!");
        await page.Locator("#confirm-password").FillAsync("Alpine-Password-2026!");
        await page.Locator("#register").ClickAsync();
        await Expect(page.Locator("#partner-id")).ToBeVisibleAsync();
        await AxeAsync(page);
        await page.Locator("#partner-id").FillAsync(partnerId);
        await page.Locator("#authorize-provider").CheckAsync();
        await page.Locator("#accept-partnership").ClickAsync();
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/"));
        await Expect(page.Locator("#status")).ToHaveTextAsync(Text("RelationshipsResource", "Accept_Done", ContosoName, reseller));
        await Expect(page.Locator("#main-navigation a[data-nav='indirect-providers']")).ToHaveCountAsync(1);
        await AxeAsync(page);
        await page.Locator("#sign-out").ClickAsync();

        // The Global admin sees the reseller, which has a customer (added through the API), then removes the partnership.
        using var api = await ContosoApiAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var customerId = await CreateCustomerAsync(api, "Alpine's County " + suffix, "alpinecounty" + suffix, resellerTenantId);
        await SignInAsync(page, "global.admin@contoso.demo", DemoPassword);
        await NavigateAsync(page, "resellers");
        var row = page.Locator("#resellers tr", new() { HasText = reseller });
        await Expect(row).ToContainTextAsync(partnerId);
        await Expect(row.Locator("[data-customer-count]")).ToHaveTextAsync("1");
        await row.Locator("a.remove-partnership").ClickAsync();
        await Expect(page.Locator("#attestation-text")).ToHaveTextAsync(Text("RelationshipsResource", "Attestation_2026_11", reseller));
        await Expect(page.Locator("#remove-no-notice")).ToHaveTextAsync(Text("RelationshipsResource", "Remove_NoNotice"));
        await AxeAsync(page);
        await page.Locator("#attested").CheckAsync();
        await page.Locator("#confirm-remove").ClickAsync();
        await Expect(page.Locator("#removal-attestation")).ToHaveAttributeAsync("data-version", "2026-11");
        await AxeAsync(page);
        await ShotAsync(page, "partnership-removed");

        await page.Locator("#back-to-resellers").ClickAsync();
        await Expect(page.Locator("#resellers tr", new() { HasText = reseller })).ToHaveCountAsync(0);
        using var customer = await api.GetAsync(new Uri($"/v1/customers/{customerId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, customer.StatusCode);
        Assert.Contains(resellerTenantId.ToString(), await customer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }, locale, width: width);
}
