using System.Globalization;
using GccSaaS.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 16 (one time format): every time in the portal is in the reader's zone, named — the browser's zone until the
/// user picks one in their preferences — and the exact instant stays in the <c>datetime</c> attribute. In English and
/// German at 1366 px and 390 px, each time in the language's own format; each run starts from no zone picked.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TimeZoneJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    private const string Contoso = "contoso-distribution";

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task Times_follow_the_browsers_zone_until_the_user_picks_one(string locale, int width) => RunAsync(async page =>
    {
        await SignInAsync(page, "sales.agent@contoso.demo");
        await ChooseZoneAsync(page, string.Empty); // as the demo seed has it, whatever an earlier run left
        await page.GotoAsync($"/{Contoso}/resellers");
        var since = page.Locator("tbody time[datetime]").First;
        await Expect(since).ToContainTextAsync("America/Los_Angeles");
        var instant = DateTimeOffset.Parse(await since.GetAttributeAsync("datetime") ?? string.Empty, CultureInfo.InvariantCulture);
        var pacific = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        await Expect(since).ToHaveTextAsync(pacific.ToString("g", Culture) + " America/Los_Angeles");

        await page.Locator("#account-preferences").ClickAsync();
        await Expect(page.Locator("#time-zone option[value='']")).ToContainTextAsync("America/Los_Angeles");
        await AxeAsync(page);
        await page.Locator("#time-zone").SelectOptionAsync("Europe/Berlin");
        await page.Locator("#save-preferences").ClickAsync();
        await Expect(page.Locator("#preferences-status")).ToBeVisibleAsync();
        await Expect(page.Locator("#time-zone")).ToHaveValueAsync("Europe/Berlin");
        await AxeAsync(page);

        await page.GotoAsync($"/{Contoso}/resellers");
        var berlin = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        await Expect(page.Locator("tbody time[datetime]").First)
            .ToHaveTextAsync(berlin.ToString("g", Culture) + " Europe/Berlin");

        // Back to the browser's zone, so the shared demo user is as it was.
        await ChooseZoneAsync(page, string.Empty);
        await page.GotoAsync($"/{Contoso}/resellers");
        await Expect(page.Locator("tbody time[datetime]").First).ToContainTextAsync("America/Los_Angeles");
    }, locale, width: width, timeZone: "America/Los_Angeles");

    private static async Task ChooseZoneAsync(Microsoft.Playwright.IPage page, string zone)
    {
        await page.GotoAsync("/account/preferences");
        await page.Locator("#time-zone").SelectOptionAsync(zone);
        await page.Locator("#save-preferences").ClickAsync();
        await Expect(page.Locator("#preferences-status")).ToBeVisibleAsync();
    }
}
