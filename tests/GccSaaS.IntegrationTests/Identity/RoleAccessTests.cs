using System.Net;
using System.Text.RegularExpressions;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// Each role's allowed and refused pages of the identity area: refused inside the tenant is 403; a tenant
/// the user is not a member of answers 404, exactly like a tenant that does not exist.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed partial class RoleAccessTests(IdentityFixture fixture)
{
    private const string Platform = "platform.admin@gccsaas.demo";
    private const string Reviewer = "reviewer@gccsaas.demo";
    private const string GlobalAdmin = "global.admin@contoso.demo";
    private const string AdminAgent = "admin.agent@contoso.demo";
    private const string SalesAgent = "sales.agent@contoso.demo";
    private const string ResellerAdmin = "reseller.admin@adatum.demo";
    private const string ResellerAgent = "reseller.agent@adatum.demo";
    private const string Multi = "multi@gccsaas.demo";

    public static TheoryData<string, string, HttpStatusCode> Pages()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var page in new[] { "users", "settings/api-keys" })
        {
            // Inside contoso-distribution: Global admins only.
            data.Add(GlobalAdmin, $"/contoso-distribution/{page}", HttpStatusCode.OK);
            data.Add(AdminAgent, $"/contoso-distribution/{page}", HttpStatusCode.Forbidden);
            data.Add(SalesAgent, $"/contoso-distribution/{page}", HttpStatusCode.Forbidden);
            // A reseller admin holds its organisation's API keys (issue 18), not the tenant's users.
            data.Add(ResellerAdmin, $"/contoso-distribution/{page}", page == "users" ? HttpStatusCode.Forbidden : HttpStatusCode.OK);
            data.Add(ResellerAgent, $"/contoso-distribution/{page}", HttpStatusCode.Forbidden);
            data.Add(Multi, $"/contoso-distribution/{page}", HttpStatusCode.Forbidden);
            // Another tenant, or none: not found, whatever the role elsewhere.
            data.Add(Multi, $"/fabrikam-cloud/{page}", HttpStatusCode.OK);
            data.Add(GlobalAdmin, $"/fabrikam-cloud/{page}", HttpStatusCode.NotFound);
            data.Add(SalesAgent, $"/fabrikam-cloud/{page}", HttpStatusCode.NotFound);
            data.Add(Platform, $"/contoso-distribution/{page}", HttpStatusCode.NotFound);
            data.Add(Reviewer, $"/contoso-distribution/{page}", HttpStatusCode.NotFound);
            data.Add(GlobalAdmin, $"/no-such-tenant/{page}", HttpStatusCode.NotFound);
            data.Add(Platform, $"/no-such-tenant/{page}", HttpStatusCode.NotFound);
        }

        data.Add(Platform, "/platform/tenants", HttpStatusCode.OK);
        data.Add(Reviewer, "/platform/tenants", HttpStatusCode.Forbidden);
        data.Add(GlobalAdmin, "/platform/tenants", HttpStatusCode.Forbidden);
        data.Add(SalesAgent, "/platform/tenants", HttpStatusCode.Forbidden);
        data.Add(Platform, "/platform/jobs", HttpStatusCode.OK);
        data.Add(Reviewer, "/platform/jobs", HttpStatusCode.NotFound); // the Hangfire Dashboard hides itself
        data.Add(GlobalAdmin, "/platform/jobs", HttpStatusCode.NotFound);
        foreach (var user in new[] { Platform, Reviewer, GlobalAdmin, AdminAgent, SalesAgent, ResellerAdmin, ResellerAgent, Multi })
        {
            data.Add(user, "/select-tenant", HttpStatusCode.OK);
            data.Add(user, "/account/two-factor", HttpStatusCode.OK);
            data.Add(user, "/account/preferences", HttpStatusCode.OK);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_signed_in_user_gets_what_their_role_allows(string email, string url, HttpStatusCode expected)
    {
        using var portal = await fixture.SignedInAsync(email);

        var response = await portal.GetAsync(url);

        Assert.Equal(expected, response.Status);
    }

    [Theory]
    [InlineData(Platform, "/platform")]
    [InlineData(Reviewer, "/platform")]
    [InlineData(GlobalAdmin, "/contoso-distribution/")]
    [InlineData(AdminAgent, "/contoso-distribution/")]
    [InlineData(SalesAgent, "/contoso-distribution/")]
    [InlineData(ResellerAdmin, "/contoso-distribution/")]
    [InlineData(ResellerAgent, "/contoso-distribution/")]
    [InlineData(Multi, "/fabrikam-cloud/")]
    public async Task Every_link_of_a_users_navigation_opens_for_that_user(string email, string home)
    {
        // Issue 12: a page declares its own link, shown to the roles of the page's policy; no link leads to a refusal.
        using var portal = await fixture.SignedInAsync(email);
        var landing = await portal.GetAsync(home);
        Assert.Equal(HttpStatusCode.OK, landing.Status);
        var links = NavigationLink().Matches(landing.Html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        Assert.True(links.Count >= 3, $"{email} sees {links.Count} links");

        var refused = new List<string>();
        foreach (var link in links)
        {
            var page = await portal.GetAsync(link);
            if (page.Status != HttpStatusCode.OK)
            {
                refused.Add($"{link} answered {(int)page.Status}");
            }
        }

        Assert.Empty(refused);
    }

    [GeneratedRegex("""<a href="([^"]+)" data-nav=""")]
    private static partial Regex NavigationLink();

    [Theory]
    [InlineData("/contoso-distribution/users")]
    [InlineData("/contoso-distribution/settings/api-keys")]
    [InlineData("/no-such-tenant/users")]
    [InlineData("/platform/tenants")]
    [InlineData("/select-tenant")]
    [InlineData("/account/two-factor")]
    [InlineData("/account/preferences")]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_back(string url)
    {
        using var portal = fixture.Portal();

        var response = await portal.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.Equal($"/account/sign-in?returnUrl={Uri.EscapeDataString(url)}", response.Location);
    }

    public static TheoryData<string, string, HttpStatusCode> Actions() => new()
    {
        { SalesAgent, "/contoso-distribution/users?handler=Invite", HttpStatusCode.Forbidden },
        { AdminAgent, "/contoso-distribution/users?handler=Remove", HttpStatusCode.Forbidden },
        { ResellerAgent, "/contoso-distribution/settings/api-keys?handler=Create", HttpStatusCode.Forbidden },
        { ResellerAdmin, "/contoso-distribution/settings/api-keys?handler=Create", HttpStatusCode.BadRequest }, // a provider role: refused
        { GlobalAdmin, "/fabrikam-cloud/users?handler=Invite", HttpStatusCode.NotFound },
        { GlobalAdmin, "/fabrikam-cloud/settings/api-keys?handler=Create", HttpStatusCode.NotFound },
        { Platform, "/contoso-distribution/users?handler=Invite", HttpStatusCode.NotFound },
        { GlobalAdmin, "/platform/tenants?handler=Create", HttpStatusCode.Forbidden },
        { Reviewer, "/platform/tenants?handler=Create", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task A_form_post_beyond_the_role_is_refused_before_anything_changes(string email, string url, HttpStatusCode expected)
    {
        using var portal = await fixture.SignedInAsync(email);
        var invitationsBefore = await fixture.QueryAsync(db => Task.FromResult(db.UserInvitations.Count()));
        var keysBefore = await fixture.QueryAsync(db => Task.FromResult(db.ApiKeys.Count()));
        var token = AntiforgeryToken((await portal.GetAsync("/select-tenant")).Html)!;

        var response = await portal.PostWithTokenAsync(url, token, Fields(
            ("InviteEmail", IdentityJourneys.NewEmail("refused")), ("InviteRole", "GlobalAdmin"), ("Name", "refused"), ("Role", "GlobalAdmin"),
            ("Identifier", "refused-tenant"), ("AdminEmail", "refused@test.example"), ("userId", Guid.NewGuid().ToString())));

        Assert.Equal(expected, response.Status);
        Assert.Equal(invitationsBefore, await fixture.QueryAsync(db => Task.FromResult(db.UserInvitations.Count())));
        Assert.Equal(keysBefore, await fixture.QueryAsync(db => Task.FromResult(db.ApiKeys.Count())));
    }

    [Fact]
    public async Task A_promotion_takes_effect_on_the_next_request_and_a_removal_answers_404_at_once()
    {
        var (_, userId, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        using (member)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/contoso-distribution/users")).Status);
            using var admin = await fixture.SignedInAsync(GlobalAdmin);

            var promoted = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=ChangeRole",
                Fields(("userId", userId.ToString()), ("role", "GlobalAdmin"), ("resellerOrganisationId", string.Empty)));
            Assert.Equal(HttpStatusCode.Redirect, promoted.Status);
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/contoso-distribution/users")).Status);

            var removed = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=Remove",
                Fields(("userId", userId.ToString())));
            Assert.Equal(HttpStatusCode.Redirect, removed.Status);
            Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/contoso-distribution/users")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/contoso-distribution/settings/api-keys")).Status);
        }
    }
}
