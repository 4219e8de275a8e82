using System.Net;
using System.Text.RegularExpressions;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>R-REL-7: per-tenant invitation settings, the pending actions page, the dashboard figure and the navigation.</summary>
[Collection(RelationshipsCollection.Name)]
public sealed class InvitationSettingsAndPendingActionsTests(RelationshipsFixture fixture)
{
    private const string Fabrikam = RelationshipsFixture.Fabrikam;

    [Fact]
    public async Task R_REL_7_the_global_admin_sets_the_invitation_lifetime_and_new_invitations_use_it()
    {
        using var admin = await fixture.SignedInAsync("multi@gccsaas.demo"); // Global admin of fabrikam-cloud
        var page = $"/{Fabrikam}/settings/invitations";

        var defaults = await admin.GetAsync(page);
        var refused = await admin.PostFormAsync(page, page, Fields(("LifetimeDays", "10"), ("Reminders", "12")));
        var saved = await admin.PostFormAsync(page, page, Fields(("LifetimeDays", "10"), ("Reminders", "3, 1")));
        var (_, draft) = await admin.RequestAsync(PartnershipJourneys.NewEmail(), Fabrikam);

        Assert.Contains("value=\"30\"", defaults.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"7, 1\"", defaults.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("Invitations live 1 to 90 days", TextOf(refused.Html, "form-errors"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        // The draft is for someone whose zone is unknown: the portal's one format, in UTC, named (issue 16).
        var written = Regex.Match(System.Net.WebUtility.HtmlDecode(draft.Html), @"expires on (\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}\W?[AP]M) UTC").Groups[1].Value;
        var expires = DateTimeOffset.Parse(written.Replace('\u202F', ' ') + " +00:00", System.Globalization.CultureInfo.GetCultureInfo("en-US"));
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(10).UtcDateTime, expires.UtcDateTime, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task R_REL_7_only_a_global_admin_changes_the_settings()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");

        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync($"/{RelationshipsFixture.Contoso}/settings/invitations")).Status);
    }

    [Fact]
    public async Task R_REL_7_pending_actions_lists_open_invitations_oldest_first_and_the_dashboard_counts_them()
    {
        using var admin = await fixture.SignedInAsync("multi@gccsaas.demo");
        var first = PartnershipJourneys.NewEmail();
        var second = PartnershipJourneys.NewEmail();
        await admin.RequestAsync(first, Fabrikam);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await admin.RequestAsync(second, Fabrikam);

        var pending = await admin.GetAsync($"/{Fabrikam}/pending-actions");
        var dashboard = await admin.GetAsync($"/{Fabrikam}/");

        Assert.Equal(HttpStatusCode.OK, pending.Status);
        Assert.True(pending.Html.IndexOf(first, StringComparison.Ordinal) < pending.Html.IndexOf(second, StringComparison.Ordinal), "oldest first");
        Assert.DoesNotContain("data-status=\"Accepted\"", pending.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{Fabrikam}/pending-actions\"", dashboard.Html, StringComparison.Ordinal);
        Assert.Contains("Pending invitations", dashboard.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_navigation_links_the_relationship_pages_by_role()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        using var reseller = await fixture.SignedInAsync("reseller.admin@adatum.demo");

        var adminHome = await admin.GetAsync($"/{RelationshipsFixture.Contoso}/");
        var resellerHome = await reseller.GetAsync($"/{RelationshipsFixture.Contoso}/");

        Assert.Contains($"href=\"/{RelationshipsFixture.Contoso}/resellers\"", adminHome.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{RelationshipsFixture.Contoso}/settings/invitations\"", adminHome.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{RelationshipsFixture.Contoso}/indirect-providers\"", resellerHome.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/{RelationshipsFixture.Contoso}/resellers\"", resellerHome.Html, StringComparison.Ordinal);
    }
}
