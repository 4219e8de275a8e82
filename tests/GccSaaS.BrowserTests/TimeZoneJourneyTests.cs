using System.Globalization;
using GccSaaS.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 16 (one time format): every time in the portal is in the reader's zone, named — the browser's zone until the
/// user picks one in their preferences — and the exact instant stays in the <c>datetime</c> attribute.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TimeZoneJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium), IClassFixture<ChromiumFixture>
{
    private const string Contoso = "contoso-distribution";

    [Fact]
    public Task Times_follow_the_browsers_zone_until_the_user_picks_one() => RunAsync(async page =>
    {
        await SignInAsync(page, "sales.agent@contoso.demo");
        await page.GotoAsync($"/{Contoso}/resellers");
        var since = page.Locator("tbody time[datetime]").First;
        await Expect(since).ToContainTextAsync("America/Los_Angeles");
        var instant = DateTimeOffset.Parse(await since.GetAttributeAsync("datetime") ?? string.Empty, CultureInfo.InvariantCulture);
        var pacific = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        await Expect(since).ToHaveTextAsync(pacific.ToString("g", CultureInfo.GetCultureInfo("en-US")) + " America/Los_Angeles");

        await page.Locator("#account-preferences").ClickAsync();
        await Expect(page.Locator("#time-zone option[value='']")).ToContainTextAsync("America/Los_Angeles");
        await page.Locator("#time-zone").SelectOptionAsync("Europe/Berlin");
        await page.Locator("#save-preferences").ClickAsync();
        await Expect(page.Locator("#preferences-status")).ToBeVisibleAsync();
        await Expect(page.Locator("#time-zone")).ToHaveValueAsync("Europe/Berlin");
        Assert.Empty(await AccessibilityProblemsAsync(page));

        await page.GotoAsync($"/{Contoso}/resellers");
        var berlin = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        await Expect(page.Locator("tbody time[datetime]").First)
            .ToHaveTextAsync(berlin.ToString("g", CultureInfo.GetCultureInfo("en-US")) + " Europe/Berlin");

        // Back to the browser's zone, so the shared demo user is as it was.
        await page.Locator("#account-preferences").ClickAsync();
        await page.Locator("#time-zone").SelectOptionAsync(string.Empty);
        await page.Locator("#save-preferences").ClickAsync();
        await page.GotoAsync($"/{Contoso}/resellers");
        await Expect(page.Locator("tbody time[datetime]").First).ToContainTextAsync("America/Los_Angeles");
    }, timeZone: "America/Los_Angeles");
}
