using System.Net;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>Issue 16 (one time format): the user's own time zone, a profile setting that the portal's times follow.</summary>
[Collection(IdentityCollection.Name)]
public sealed class PreferencesTests(IdentityFixture fixture)
{
    [Fact]
    public async Task A_chosen_time_zone_names_every_time_the_user_sees_and_stays_after_signing_in_again()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "AdminAgent");
        using (member)
        {
            var saved = await member.PostFormAsync("/account/preferences", "/account/preferences", Fields(("TimeZone", "Asia/Tokyo")));
            Assert.Equal(HttpStatusCode.Redirect, saved.Status);

            var page = await member.GetAsync("/account/preferences");
            Assert.Contains("<option value=\"Asia/Tokyo\" selected=\"selected\">", page.Html, StringComparison.Ordinal);
            Assert.Contains("Asia/Tokyo", TextOf(page.Html, "time-zone-hint"), StringComparison.Ordinal);
            Assert.NotNull(TextOf(page.Html, "preferences-status"));
        }

        using var again = fixture.Portal();
        await again.SignInAsync(email, IdentityJourneys.NewUserPassword);
        var after = await again.GetAsync("/account/preferences");
        Assert.Contains("Asia/Tokyo", TextOf(after.Html, "time-zone-hint"), StringComparison.Ordinal);

        // Following the browser again: no zone of the user's own, so UTC here (this client sends no browser zone).
        await again.PostFormAsync("/account/preferences", "/account/preferences", Fields(("TimeZone", string.Empty)));
        var browser = await again.GetAsync("/account/preferences");
        Assert.Contains("<option value=\"\" selected=\"selected\">", browser.Html, StringComparison.Ordinal);
        Assert.EndsWith("UTC.", TextOf(browser.Html, "time-zone-hint"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("<script>alert(1)</script>")]
    public async Task A_zone_that_is_not_on_the_list_is_refused_beside_nothing_saved(string zone)
    {
        var (_, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        using (member)
        {
            var refused = await member.PostFormAsync("/account/preferences", "/account/preferences", Fields(("TimeZone", zone)));

            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
            Assert.Contains("Choose a time zone from the list.", refused.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert(1)</script>", refused.Html, StringComparison.Ordinal);
            var page = await member.GetAsync("/account/preferences");
            Assert.Contains("<option value=\"\" selected=\"selected\">", page.Html, StringComparison.Ordinal);
        }
    }
}
