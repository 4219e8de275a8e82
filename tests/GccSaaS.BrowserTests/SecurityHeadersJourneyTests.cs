using System.Text.RegularExpressions;
using GccSaaS.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 10: the portal's main pages carry the security headers (no-referrer where the URL holds a token), the
/// browser reports no Content-Security-Policy violation, and what needs script still works under the policy:
/// the language switch, the domain check while typing, the draft's mailto link and copy to clipboard (ADR 0016).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SecurityHeadersJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    private const string Contoso = "contoso-distribution";
    private const string Default = "strict-origin-when-cross-origin";

    /// <summary>Runs in every document before its own scripts (injected by the browser, so the CSP does not apply to it).</summary>
    private const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    [Fact]
    public Task The_main_pages_carry_the_headers_and_the_portal_works_under_its_CSP_without_a_violation() => RunAsync(async page =>
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("script error: " + error);
        await page.Context.AddInitScriptAsync(ViolationRecorder);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);

        // Sign-in page, then the dashboard.
        await HeadersAsync(await page.GotoAsync("/account/sign-in"), Default, noStore: false);
        await NoViolationsAsync(page, problems);
        await page.Locator("#email").FillAsync("sales.agent@contoso.demo");
        await page.Locator("#password").FillAsync(DemoPassword);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        await HeadersAsync(await page.GotoAsync($"/{Contoso}/"), Default, noStore: false);
        await NoViolationsAsync(page, problems);

        // The language switch (a form post and a redirect: form-action 'self').
        await page.Locator("#culture-picker").SelectOptionAsync("de");
        await page.Locator("#culture-apply").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await page.Locator("#culture-picker").SelectOptionAsync("en");
        await page.Locator("#culture-apply").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await NoViolationsAsync(page, problems);

        // Customers, then Add customer with its live domain check (site.js, a same-origin fetch).
        await HeadersAsync(await page.GotoAsync($"/{Contoso}/customers"), Default, noStore: false);
        await NoViolationsAsync(page, problems);
        await HeadersAsync(await page.GotoAsync($"/{Contoso}/customers/new"), Default, noStore: true);
        var domain = "cspcheck" + Guid.NewGuid().ToString("N")[..8];
        await page.Locator("#Form_Domain").FillAsync(domain);
        await Expect(page.Locator("#domain-status")).ToHaveTextAsync($"{domain}.onmicrosoft.com is available.");
        await Expect(page.Locator("#domain-status")).ToHaveAttributeAsync("data-state", "free");
        await NoViolationsAsync(page, problems);

        // A partnership request: the draft's mailto follows the edits, and copy puts the draft on the clipboard.
        await HeadersAsync(await page.GotoAsync($"/{Contoso}/resellers"), Default, noStore: true);
        await page.Locator("#request-partnership").ClickAsync();
        await page.Locator("#invite-email").FillAsync($"csp-{Guid.NewGuid():N}"[..12] + "@alpineski.example");
        await page.Locator("#create-request").ClickAsync();
        var link = (await page.Locator("#invitation-link").TextContentAsync() ?? string.Empty).Trim();
        Assert.StartsWith(BaseAddress + "invitations/partnership/", link, StringComparison.Ordinal);
        await page.Locator("#invitation-draft").FocusAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" PS");
        await Expect(page.Locator("#open-in-email")).ToHaveAttributeAsync("href", new Regex("%20PS$", RegexOptions.None, TimeSpan.FromSeconds(1)));
        await page.Locator("#copy-draft").ClickAsync();
        await Expect(page.Locator("#copy-draft")).ToHaveAttributeAsync("data-copied", "true");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Contains(link, copied, StringComparison.Ordinal);
        Assert.EndsWith(" PS", copied, StringComparison.Ordinal);
        await NoViolationsAsync(page, problems);

        await HeadersAsync(await page.GotoAsync($"/{Contoso}/invitations"), Default, noStore: true);
        await NoViolationsAsync(page, problems);
        await page.Locator("#sign-out").ClickAsync();
        await Expect(page.Locator("#user-name")).ToHaveCountAsync(0);

        // The link's page carries its token in the URL: no Referer leaves it, and nothing stores it.
        await HeadersAsync(await page.GotoAsync(link), "no-referrer", noStore: true);
        await Expect(page.Locator("#authorises")).ToBeVisibleAsync();
        await NoViolationsAsync(page, problems);

        // The recorder does hear refusals: an inline script the page did not bring is blocked and reported.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); }");
        await page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__ran === true"));
    });

    private static async Task HeadersAsync(IResponse? response, string referrerPolicy, bool noStore)
    {
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        var headers = await response.AllHeadersAsync();
        var csp = headers["content-security-policy"];
        Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal(referrerPolicy, headers["referrer-policy"]);
        Assert.Contains("camera=()", headers["permissions-policy"], StringComparison.Ordinal);
        if (noStore)
        {
            Assert.Contains("no-store", headers["cache-control"], StringComparison.Ordinal);
        }
    }

    /// <summary>Neither the document's securitypolicyviolation events nor the console report a refusal.</summary>
    private static async Task NoViolationsAsync(IPage page, List<string> problems)
    {
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        Assert.True(violations.Length == 0 && problems.Count == 0,
            $"{page.Url}: {string.Join("; ", violations.Concat(problems))}");
    }
}
