using System.Text.RegularExpressions;
using GccSaaS.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>What anyone sees before signing in: the start page, the language switch, the status pages, the keyboard path.</summary>
[Collection(PortalCollection.Name)]
public sealed class PublicPagesTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    [Fact]
    public Task The_culture_picker_switches_the_start_page_to_German_and_then_to_Spanish() => RunAsync(async page =>
    {
        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("#about-heading")).ToHaveTextAsync("What GccSaaS does");
        await ShotAsync(page, "start-en");

        await ChooseLanguageAsync(page, "de");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.Locator("#about-heading")).ToHaveTextAsync("Was GccSaaS leistet");
        await Expect(page).ToHaveTitleAsync(new Regex("^Startseite", RegexOptions.None, TimeSpan.FromSeconds(1)));
        await Expect(page.Locator("#culture-apply")).ToHaveTextAsync("Sprache ändern");
        await ShotAsync(page, "start-de");

        await ChooseLanguageAsync(page, "es");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.Locator("#about-heading")).ToHaveTextAsync("Qué hace GccSaaS");

        // The choice outlives the page: a new visit, with an English browser, stays Spanish.
        await page.GotoAsync("/");
        await Expect(page.Locator("#culture-picker")).ToHaveValueAsync("es");
        await Expect(page.Locator("#about-heading")).ToHaveTextAsync("Qué hace GccSaaS");
    });

    [Fact]
    public Task The_browser_language_is_used_until_the_user_picks_one() => RunAsync(async page =>
    {
        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Locator("#about-heading")).ToHaveTextAsync("Ce que fait GccSaaS");
        await Expect(page.Locator(".skip-link")).ToHaveTextAsync("Aller au contenu");
    }, locale: "fr-FR");

    [Fact]
    public Task A_keyboard_user_skips_to_the_content_and_changes_the_language_without_a_mouse() => RunAsync(async page =>
    {
        await page.GotoAsync("/");

        // The first Tab stop is the skip link, visible once focused; Enter moves focus to the content.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator(".skip-link");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();

        // Tab from the top reaches the language select; arrows pick French; Tab + Enter applies it.
        await page.Locator(".brand").FocusAsync();
        await TabUntilFocusedAsync(page, "#culture-picker");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#culture-picker")).ToHaveValueAsync("fr");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#culture-apply")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
    });

    [Fact]
    public Task An_unknown_portal_address_answers_a_localised_not_found_page() => RunAsync(async page =>
    {
        var response = await page.GotoAsync("/no-such-workspace/settings");
        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.Locator("#status-heading")).ToHaveTextAsync("Nicht gefunden");
        await Expect(page.Locator("#tenant-name")).ToHaveCountAsync(0);
        await ShotAsync(page, "not-found-de");

        // Switching language on the status page comes back to the address asked for, not to /error/404.
        await ChooseLanguageAsync(page, "es");
        await Expect(page).ToHaveURLAsync(Address("no-such-workspace/settings"));
        await Expect(page.Locator("#status-heading")).ToHaveTextAsync("No encontrado");

        await page.Locator("#status-home").ClickAsync();
        await Expect(page).ToHaveURLAsync(Address(""));
    }, locale: "de-DE");

    [Fact]
    public Task On_a_phone_the_shell_fits_the_screen_without_sideways_scrolling() => RunAsync(async page =>
    {
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync("/");
        await Expect(page.Locator("#culture-picker")).ToBeVisibleAsync();
        await ShotAsync(page, "start-phone");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a 360px screen.");
    }, locale: "de-DE");

    private static async Task ChooseLanguageAsync(IPage page, string culture)
    {
        await page.Locator("#culture-picker").SelectOptionAsync(culture);
        await page.Locator("#culture-apply").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
    }

    private static async Task TabUntilFocusedAsync(IPage page, string selector, int maxStops = 20)
    {
        for (var i = 0; i < maxStops; i++)
        {
            if (await page.Locator(selector).EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"{selector} was not reached within {maxStops} Tab stops.");
    }
}
