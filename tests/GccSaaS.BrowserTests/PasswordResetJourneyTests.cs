using System.Text.RegularExpressions;
using GccSaaS.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 18's password reset journey: a user who forgot the password follows "Forgot password?" from the sign-in page,
/// asks for a link, opens it from the mail (a real SMTP server on loopback), chooses a new password and signs in with it.
/// The user is invited and registered first, so no demo user's password changes. In English and German at 1366 px and
/// 390 px (issue 16), axe on every page; each run has its own user.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class PasswordResetJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    private const string Contoso = "contoso-distribution";

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task A_user_who_forgot_the_password_gets_a_link_by_mail_chooses_a_new_password_and_signs_in_with_it(string locale, int width) => RunAsync(async page =>
    {
        var email = $"reset-{Guid.NewGuid():N}"[..14] + "@contoso.example";
        const string first = "First-Password-2026!";
        const string second = "Second-Password-2026!";

        // A new member of Contoso (invited by the Global admin, registered through the link).
        await SignInAsync(page, "global.admin@contoso.demo", DemoPassword);
        await page.GotoAsync($"/{Contoso}/users");
        await AxeAsync(page);
        await page.Locator("#invite-email").FillAsync(email);
        await page.Locator("#invite-role").SelectOptionAsync("SalesAgent");
        await page.Locator("#invite-user").ClickAsync();
        var invitation = (await page.Locator("#invitation-link").TextContentAsync() ?? string.Empty).Trim();
        await page.Locator("#sign-out").ClickAsync();
        await page.GotoAsync(invitation);
        await AxeAsync(page);
        await page.Locator("#display-name").FillAsync("Riley Reset");
        await page.Locator("#new-password").FillAsync(first);
        await page.Locator("#confirm-password").FillAsync(first);
        await page.Locator("#register-and-accept").ClickAsync();
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        await page.Locator("#sign-out").ClickAsync();

        // Forgot password? → the address → the same answer as for anyone.
        await page.GotoAsync("/account/sign-in");
        await page.Locator("#forgot-password").ClickAsync();
        await Expect(page).ToHaveURLAsync(Address("account/forgot-password"));
        await AxeAsync(page);
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#send-reset-link").ClickAsync();
        await Expect(page.Locator("#reset-sent")).ToContainTextAsync(Text("IdentityResource", "ForgotPasswordSent"));
        await AxeAsync(page);

        // The link from the mail → a new password, twice → the sign-in page confirms.
        var mail = Portal.Smtp.Received.Last(m => m.Recipients.Contains(email, StringComparer.OrdinalIgnoreCase));
        var link = ResetLink().Match(mail.Body).Value;
        Assert.False(string.IsNullOrEmpty(link), "The mail carries no reset link: " + mail.Body);
        await page.GotoAsync(link);
        await AxeAsync(page);
        await page.Locator("#new-password").FillAsync(second);
        await page.Locator("#confirm-password").FillAsync(second);
        await page.Locator("#reset-password").ClickAsync();
        await Expect(page.Locator("#password-reset-done")).ToContainTextAsync(Text("IdentityResource", "PasswordResetDone"));
        await AxeAsync(page);

        // The new password signs in; the link does not work twice.
        await SignInAsync(page, email, second);
        await Expect(page.Locator("#user-name")).ToContainTextAsync("Riley Reset");
        await page.Locator("#sign-out").ClickAsync();
        await page.GotoAsync(link);
        await Expect(page.Locator("#reset-link-invalid")).ToBeVisibleAsync();
        await Expect(page.Locator("#ask-again")).ToHaveAttributeAsync("href", "/account/forgot-password");
        await AxeAsync(page);
    }, locale, width: width);

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/account/reset-password\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex ResetLink();
}
