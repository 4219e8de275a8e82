using GccSaaS.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 16, "Done when": screenshots of the main pages for the README, taken from the real host with the demo seed
/// (build/run.sh's sign-ins). Runs only when <c>GCCSAAS_DOC_SHOTS=1</c> (otherwise it does nothing and passes), and then
/// writes docs/screenshots/{page}-{en|de}.png at 1366 px and the dashboard at 390 px (the window, not the whole page,
/// so that each file stays small):
/// <code>GCCSAAS_DOC_SHOTS=1 dotnet test tests/GccSaaS.BrowserTests --filter "FullyQualifiedName~DocumentationScreenshots"</code>
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class DocumentationScreenshotsTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    private const string Contoso = "contoso-distribution";

    private static bool Enabled => Environment.GetEnvironmentVariable("GCCSAAS_DOC_SHOTS") == "1";

    /// <summary>docs/screenshots of the repository (artifacts/browser is two levels below its root).</summary>
    private static string Folder => Path.GetFullPath(Path.Combine(ArtifactsDirectory, "..", "..", "docs", "screenshots"));

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("de-DE", "de")]
    public Task The_provider_pages_in_each_language_at_1366_px(string locale, string language) => Enabled
        ? RunAsync(
            async page =>
            {
                await SignInAsync(page, "global.admin@contoso.demo");
                await SaveAsync(page, $"/{Contoso}/", "#dashboard-heading", $"dashboard-{language}");
                await SaveAsync(page, $"/{Contoso}/customers", "#customers-title", $"customers-{language}");
                await page.Locator("#customers tbody tr a").First.ClickAsync();
                await SaveAsync(page, null, "#customer-title", $"customer-{language}");
                await SaveAsync(page, $"/{Contoso}/customers/new", "#add-title", $"add-customer-{language}");
                await SaveAsync(page, $"/{Contoso}/resellers", "#resellers-title", $"resellers-{language}");
                await SaveAsync(page, $"/{Contoso}/invitations", "h1", $"invitations-{language}");
                await SaveAsync(page, $"/{Contoso}/validation", "h1", $"validation-{language}");
                await SaveAsync(page, $"/{Contoso}/subscriptions", "h1", $"subscriptions-{language}");
                await SaveAsync(page, $"/{Contoso}/audit", "#audit-title", $"audit-log-{language}");
                await SaveAsync(page, $"/{Contoso}/notifications", "#notifications-title", $"notifications-{language}");
            },
            locale,
            width: Desktop)
        : Task.CompletedTask;

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("de-DE", "de")]
    public Task The_review_desk_in_each_language_at_1366_px(string locale, string language) => Enabled
        ? RunAsync(
            async page =>
            {
                await SignInAsync(page, "reviewer@gccsaas.demo");
                await SaveAsync(page, "/platform/review-desk", "#desk-title", $"review-desk-{language}");
            },
            locale,
            width: Desktop)
        : Task.CompletedTask;

    [Fact]
    public Task The_dashboard_and_customers_on_a_phone_at_390_px() => Enabled
        ? RunAsync(
            async page =>
            {
                await SignInAsync(page, "global.admin@contoso.demo");
                await SaveAsync(page, $"/{Contoso}/", "#dashboard-heading", "dashboard-en-390");
                await SaveAsync(page, $"/{Contoso}/customers", "#customers-title", "customers-en-390");
            },
            width: Phone)
        : Task.CompletedTask;

    private static async Task SaveAsync(IPage page, string? path, string ready, string name)
    {
        if (path is not null)
        {
            await page.GotoAsync(path);
        }

        await Expect(page.Locator(ready).First).ToBeVisibleAsync();
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = false });
        Assert.InRange(new FileInfo(file).Length, 1, 300 * 1024); // documentation, kept small
    }
}
