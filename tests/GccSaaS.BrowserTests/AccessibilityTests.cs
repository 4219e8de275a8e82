using GccSaaS.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 16: axe-core finds no serious or critical violation on any page a user reaches from the navigation, for each
/// kind of user of the demo (provider Global admin and Sales agent, reseller admin, platform admin, reviewer), in
/// English on a 1366 px screen and in German on a 390 px phone. The public pages (home, sign-in, a refused sign-in)
/// are checked too; the platform's job dashboard is Hangfire's own and is left out. Each journey's own tests check the pages behind the navigation's pages (forms, details).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccessibilityTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    public static TheoryData<string, string, int> Users => new()
    {
        { "global.admin@contoso.demo", "en-US", 1366 },
        { "global.admin@contoso.demo", "de-DE", 390 },
        { "sales.agent@contoso.demo", "en-US", 1366 },
        { "reseller.admin@adatum.demo", "en-US", 1366 },
        { "reseller.admin@adatum.demo", "de-DE", 390 },
        { "platform.admin@gccsaas.demo", "en-US", 1366 },
        { "reviewer@gccsaas.demo", "de-DE", 390 },
    };

    [Theory]
    [MemberData(nameof(Users))]
    public Task Every_page_of_the_navigation_is_accessible(string email, string locale, int width) => RunAsync(async page =>
    {
        await SignInAsync(page, email);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", locale[..2]);
        var links = await NavigationAsync(page);
        Assert.NotEmpty(links);

        var problems = new List<string>(await AccessibilityProblemsAsync(page));
        foreach (var link in links)
        {
            var response = await page.GotoAsync(link);
            Assert.True(response is { Ok: true }, $"{link} answered {response?.Status}");
            problems.AddRange(await AccessibilityProblemsAsync(page));
        }

        await ShotAsync(page, $"a11y-{email.Split('@')[0]}-{locale}-{width}");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }, locale, width: width);

    [Theory]
    [InlineData("en-US", 1366)]
    [InlineData("de-DE", 390)]
    public Task The_public_pages_and_a_refused_sign_in_are_accessible(string locale, int width) => RunAsync(async page =>
    {
        var problems = new List<string>();
        await page.GotoAsync("/");
        problems.AddRange(await AccessibilityProblemsAsync(page));
        await page.GotoAsync("/account/sign-in");
        problems.AddRange(await AccessibilityProblemsAsync(page));

        // A refused form: the messages beside their fields must be as accessible as the form.
        await page.Locator("#email").FillAsync("nobody@example.com");
        await page.Locator("#password").FillAsync("wrong-password");
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        problems.AddRange(await AccessibilityProblemsAsync(page));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }, locale, width: width);

    /// <summary>The check itself can fail: an image without a text alternative on the start page is reported (image-alt, critical).</summary>
    [Fact]
    public Task The_check_reports_a_critical_violation_when_a_page_has_one() => RunAsync(async page =>
    {
        await page.GotoAsync("/");
        Assert.Empty(await AccessibilityProblemsAsync(page));
        await page.EvaluateAsync("() => document.querySelector('main').appendChild(document.createElement('img')).setAttribute('src', '/favicon.svg')");
        var problems = await AccessibilityProblemsAsync(page);
        Assert.Contains(problems, p => p.Contains("image-alt (critical)", StringComparison.Ordinal));
    });

    /// <summary>Every distinct page the navigation offers this user, as local paths.</summary>
    private static async Task<IReadOnlyList<string>> NavigationAsync(IPage page)
    {
        var hrefs = await page.Locator("a[data-nav]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return hrefs
            .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal))
            .Where(h => !h.StartsWith("/platform/jobs", StringComparison.Ordinal)) // Hangfire's own dashboard, not the portal's pages
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
