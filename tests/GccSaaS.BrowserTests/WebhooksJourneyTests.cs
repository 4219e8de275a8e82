using System.Text.RegularExpressions;
using GccSaaS.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 17's journey, in English and German at 1366 px and 390 px (issue 16): the Global admin registers a webhook
/// endpoint for partnership acceptances (the secret is shown once) → a reseller of the run's own accepts a partnership
/// request → the endpoint's delivery log shows the delivery. Its own host and database (a collection of its own), and an
/// endpoint address and reseller per run, so each variant's log holds exactly its own acceptance.
/// </summary>
[Collection(WebhooksPortalCollection.Name)]
public sealed class WebhooksJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    private const string Contoso = "contoso-distribution";

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task Webhooks_an_endpoint_is_registered_a_partnership_is_accepted_and_the_delivery_is_in_the_log(string locale, int width) => RunAsync(async page =>
    {
        var (_, partnerId, _) = await ArrangeResellerAsync();
        var endpoint = $"http://127.0.0.1:9/hooks/{Guid.NewGuid():N}"[..40];

        // The Global admin registers an endpoint for partnership acceptances and sees its secret once.
        await SignInAsync(page, "global.admin@contoso.demo");
        await NavigateAsync(page, "webhooks");
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/webhooks"));
        await AxeAsync(page);
        await page.Locator("#webhook-url").FillAsync(endpoint);
        await page.Locator("#webhook-description").FillAsync("Billing");
        await page.Locator("input[data-event-type='partnership.accepted']").CheckAsync();
        await page.Locator("#register-webhook").ClickAsync();
        await Expect(page.Locator("#webhook-secret")).ToHaveTextAsync(new Regex("^whsec_", RegexOptions.None, TimeSpan.FromSeconds(1)));
        var row = page.Locator("#webhooks tr[data-status='Active']", new() { HasText = endpoint[7..] });
        await Expect(row).ToContainTextAsync(Text("WebhooksResource", "Event_partnership.accepted"));
        await AxeAsync(page);
        await ShotAsync(page, "webhooks-registered");

        // The Global admin requests a partnership; the reseller's admin registers and accepts it.
        await page.GotoAsync($"/{Contoso}/resellers");
        await page.Locator("#request-partnership").ClickAsync();
        await page.Locator("#invite-email").FillAsync($"admin-{Guid.NewGuid():N}"[..14] + "@alpineski.example");
        await page.Locator("#create-request").ClickAsync();
        var link = await page.Locator("#invitation-link").TextContentAsync() ?? string.Empty;
        await page.Locator("#sign-out").ClickAsync();
        await page.GotoAsync(link);
        await page.Locator("#display-name").FillAsync("Avery Alpine");
        await page.Locator("#password").FillAsync("Alpine-Password-2026!");
        await page.Locator("#confirm-password").FillAsync("Alpine-Password-2026!");
        await page.Locator("#register").ClickAsync();
        await page.Locator("#partner-id").FillAsync(partnerId);
        await page.Locator("#authorize-provider").CheckAsync();
        await page.Locator("#accept-partnership").ClickAsync();
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/"));
        await page.Locator("#sign-out").ClickAsync();

        // The endpoint's delivery log shows the partnership acceptance.
        await SignInAsync(page, "global.admin@contoso.demo");
        await page.GotoAsync($"/{Contoso}/webhooks");
        await page.Locator("#webhooks tr", new() { HasText = endpoint[7..] }).Locator("a[data-webhook-log]").ClickAsync();
        await Expect(page.Locator("#webhook-url")).ToHaveTextAsync(endpoint);
        var delivery = page.Locator("#webhook-deliveries tr[data-event-type='partnership.accepted']");
        await Expect(delivery).ToHaveCountAsync(1);
        await Expect(delivery).ToContainTextAsync(Text("WebhooksResource", "Event_partnership.accepted"));
        await Expect(delivery).ToContainTextAsync("msg_");
        await AxeAsync(page);
        await ShotAsync(page, "webhooks-delivery-log");
    }, locale, width: width);
}

/// <summary>A host and database of the webhooks journey's own.</summary>
[CollectionDefinition(Name)]
public sealed class WebhooksPortalCollection : ICollectionFixture<PortalFixture>, ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Portal host (webhooks)";
}
