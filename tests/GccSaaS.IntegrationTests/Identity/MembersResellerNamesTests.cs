using System.Net;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Relationships;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// The members page names each reseller user's reseller, and inviting or moving a reseller user means picking a
/// partnered reseller by name, never typing a directory id (issue 16, internal words on screen).
/// </summary>
[Collection(RelationshipsCollection.Name)]
public sealed partial class MembersResellerNamesTests(RelationshipsFixture fixture)
{
    [Fact]
    public async Task Reseller_users_are_shown_and_invited_by_their_resellers_name()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var page = WebUtility.HtmlDecode((await admin.GetAsync($"/{RelationshipsFixture.Contoso}/users")).Html);

        var cells = ResellerCell().Matches(page);
        Assert.NotEmpty(cells);
        Assert.All(cells, c => Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}", c.Groups["name"].Value)); // a name, never an id
        var cell = Assert.Single(cells.DistinctBy(c => c.Groups["id"].Value), c => c.Groups["name"].Value == "Adatum Reseller");
        Assert.Matches("<select id=\"invite-reseller-org\" name=\"InviteResellerOrganisationId\"[^>]*>\\s*<option value=\"\">None \\(the provider’s own staff\\)</option>", page);
        Assert.Matches($"<option value=\"{cell.Groups["id"].Value}\"[^>]*>Adatum[^<]* \\(\\d+\\)</option>", page);
        Assert.DoesNotContain("name=\"InviteResellerOrganisationId\" type=\"text\"", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("<td data-reseller-organisation=\"(?<id>[0-9a-f-]{36})\">(?<name>[^<]+)</td>")]
    private static partial Regex ResellerCell();
}
