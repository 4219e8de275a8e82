using GccSaaS.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// The validation journey in a real browser (R-VAL-1, R-VAL-3, R-VAL-4, R-VAL-7): Fabrikam Cloud's Global admin
/// submits the partner GCC validation → the reviewer requests information → the provider answers → the reviewer
/// approves → Government_community_cloud shows on the organisation profile, in English and in German.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ValidationJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium), IClassFixture<ChromiumFixture>
{
    private const string Fabrikam = "fabrikam-cloud";
    private const string FabrikamGlobalAdmin = "multi@gccsaas.demo";
    private const string Reviewer = "reviewer@gccsaas.demo";

    [Fact]
    public Task R_VAL_4_a_provider_is_approved_for_GCC_after_an_information_request_and_sees_the_qualification_in_English_and_German() => RunAsync(async page =>
    {
        // The provider's Global admin applies.
        await SignInAsync(page, FabrikamGlobalAdmin);
        await page.GotoAsync($"/{Fabrikam}/validation");
        await page.Locator("#new-partner-validation").ClickAsync();
        await Expect(page.Locator("#partner-title")).ToHaveTextAsync("Partner GCC validation");
        await Expect(page.Locator("#validation-support a")).ToHaveTextAsync("usgcce@microsoft.com");
        await Expect(page.Locator("#CommercialTenantId")).ToHaveValueAsync("3b4f6021-1d2e-4c9f-8a32-7b8c9d0e1f02");
        await page.GetByLabel("State", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Local", new() { Exact = true }).CheckAsync();
        await page.Locator("#ContractVehicles").FillAsync("GSA Schedule 70");
        await page.Locator("#submit-partner-validation").ClickAsync();
        await Expect(page.Locator("#case-state")).ToHaveAttributeAsync("data-value", "Submitted");
        await Expect(page.Locator("#case-status")).ToBeVisibleAsync();
        var caseUrl = page.Url;
        var caseId = caseUrl[(caseUrl.LastIndexOf('/') + 1)..];
        await ShotAsync(page, "validation-submitted");
        await SignOutAsync(page);

        // The reviewer starts the review and asks for information.
        await SignInAsync(page, Reviewer);
        await page.GotoAsync("/platform/review-desk");
        await ShotAsync(page, "validation-review-desk");
        await page.Locator($"tr[data-case-id='{caseId}'] a").ClickAsync();
        await page.Locator("#start-review").ClickAsync();
        await Expect(page.Locator("#case-state")).ToHaveAttributeAsync("data-value", "InReview");
        await page.Locator("#request-message").FillAsync("Please send the GSA contract number.");
        await page.Locator("#request-information").ClickAsync();
        await Expect(page.Locator("#case-state")).ToHaveAttributeAsync("data-value", "InformationRequested");
        await Expect(page.Locator("#waiting-for-partner")).ToBeVisibleAsync();
        await ShotAsync(page, "validation-review-case");
        await SignOutAsync(page);

        // The provider answers; the case is back in review.
        await SignInAsync(page, FabrikamGlobalAdmin);
        await page.GotoAsync($"/{Fabrikam}/validation/{caseId}");
        await Expect(page.Locator("#information-request")).ToHaveTextAsync("Please send the GSA contract number.");
        await page.Locator("#Answer").FillAsync("GS-35F-0001X");
        await page.Locator("#answer-button").ClickAsync();
        await Expect(page.Locator("#case-state")).ToHaveAttributeAsync("data-value", "InReview");
        await SignOutAsync(page);

        // The reviewer approves.
        await SignInAsync(page, Reviewer);
        await page.GotoAsync($"/platform/review-desk/{caseId}");
        await page.Locator("details.confirm:has(#approve) > summary").ClickAsync(); // asks first
        await Expect(page.Locator("#approve")).ToBeVisibleAsync();
        await page.Locator("#approve").ClickAsync();
        await Expect(page.Locator("#case-state")).ToHaveAttributeAsync("data-value", "Approved");
        await SignOutAsync(page);

        // The qualification is on the organisation profile, in English and in German.
        await SignInAsync(page, FabrikamGlobalAdmin);
        await page.GotoAsync($"/{Fabrikam}/profile");
        await Expect(page.Locator("#profile-title")).ToHaveTextAsync("Organisation profile");
        await Expect(page.Locator("#profile-qualifications li[data-qualification='Government_community_cloud']")).ToBeVisibleAsync();
        await page.Locator("#culture-picker").SelectOptionAsync("de");
        await page.Locator("#culture-apply").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.Locator("#profile-title")).ToHaveTextAsync("Organisationsprofil");
        await Expect(page.Locator("#profile-qualifications li[data-qualification='Government_community_cloud']")).ToBeVisibleAsync();
        await ShotAsync(page, "validation-profile-de");

        // The case list in German shows the approval.
        await page.GotoAsync($"/{Fabrikam}/validation");
        await Expect(page.Locator("#validation-title")).ToHaveTextAsync("GCC-Validierung");
        await Expect(page.Locator($"tr[data-case-id='{caseId}']")).ToHaveAttributeAsync("data-state", "Approved");
        await Expect(page.Locator($"tr[data-case-id='{caseId}']")).ToContainTextAsync("Genehmigt");
    });

    private static async Task SignOutAsync(IPage page)
    {
        await page.Locator("#sign-out").ClickAsync();
        await Expect(page.Locator("#user-name")).ToHaveCountAsync(0);
    }
}
