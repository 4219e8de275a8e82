using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Relationships;
using GccSaaS.IntegrationTests.Validation;

namespace GccSaaS.IntegrationTests.Shell;

/// <summary>
/// Irreversible actions ask first (issue 16): removing a member, withdrawing an invitation, revoking an API key and
/// deciding a GCC validation each sit behind a question that names the object and the consequence, in the user's
/// language; the real submit button is inside it, described by it, and a destructive one looks destructive.
/// </summary>
[Collection(RelationshipsCollection.Name)]
public sealed partial class ConfirmationTests(RelationshipsFixture fixture)
{
    [Fact]
    public async Task Removing_a_member_asks_first_naming_the_member_in_the_users_language()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");

        var page = await admin.GetAsync($"/{RelationshipsFixture.Contoso}/users");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var html = WebUtility.HtmlDecode(page.Html);
        var removals = RemoveButton().Matches(html);
        Assert.NotEmpty(removals);
        Assert.All(removals, m =>
        {
            Assert.StartsWith(" aus diesem Arbeitsbereich entfernen? Der Zugriff endet sofort.", m.Groups["rest"].Value, StringComparison.Ordinal);
            Assert.Equal(m.Groups["id"].Value, m.Groups["described"].Value);
        });
        Assert.Contains("<summary class=\"button danger\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deciding_a_validation_asks_first_and_deny_looks_destructive()
    {
        using var api = await fixture.ApiAsync(RelationshipsFixture.Contoso);
        using var created = await api.PostAsJsonAsync("/v1/validationcases/customer", new
        {
            legalName = "Confirm County",
            domain = $"c{Guid.NewGuid():N}"[..12] + ".onmicrosoft.com",
            address = "1 Confirm Rd",
            contactName = "Confirm Contact",
            contactEmail = "contact@confirm.example",
            contactPhone = "+1 555 0105",
            eligibilityCategory = "UsStateGovernment",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var caseId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(caseId, "StartReview", 0)).Status);

        var page = WebUtility.HtmlDecode((await reviewer.GetAsync($"/platform/review-desk/{caseId}")).Html);

        Assert.Matches("<details class=\"confirm\"><summary class=\"button\">Approve</summary><div class=\"confirm-panel\"><p id=\"(confirm-[^\"]+)\">Approve this GCC validation\\? [^<]+</p>\\s*<button type=\"submit\" id=\"approve\" aria-describedby=\"\\1\">Yes, approve</button>", page);
        Assert.Matches("<summary class=\"button danger\">Deny</summary><div class=\"confirm-panel\"><p id=\"confirm-[^\"]+\">Deny this GCC validation\\? ", page);
    }

    // The question (its id and its text after the member's name) and the button that it describes.
    [GeneratedRegex("<p id=\"(?<id>confirm-[^\"]+)\">[^<]*?(?<rest> aus diesem[^<]*)</p>\\s*<button type=\"submit\" class=\"danger\" data-remove-member=\"[^\"]+\" aria-describedby=\"(?<described>[^\"]+)\"")]
    private static partial Regex RemoveButton();
}
