using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>Inviting users: an e-mail draft with a link; the link is single-use, expires, can be withdrawn.</summary>
[Collection(IdentityCollection.Name)]
public sealed class InvitationTests(IdentityFixture fixture)
{
    [Fact]
    public async Task Inviting_shows_an_editable_email_draft_with_the_link_a_mailto_and_a_copy_button()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var email = IdentityJourneys.NewEmail("draft");

        var response = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=Invite",
            Fields(("InviteEmail", email), ("InviteRole", "AdminAgent"), ("InviteResellerOrganisationId", string.Empty)));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var link = TextOf(response.Html, "invitation-link")!;
        var draft = TextOf(response.Html, "invitation-draft")!;
        Assert.StartsWith("http://localhost/invitations/users/", link, StringComparison.Ordinal);
        Assert.Contains(link, draft, StringComparison.Ordinal);
        Assert.Contains("Contoso Distribution", draft, StringComparison.Ordinal);
        Assert.Contains("Admin agent", draft, StringComparison.Ordinal);
        Assert.Contains($"href=\"mailto:{Uri.EscapeDataString(email)}?subject=", response.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"copy-draft\"", response.Html, StringComparison.Ordinal);
        Assert.Contains("data-copy-target=\"#invitation-draft\"", response.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"done\"", response.Html, StringComparison.Ordinal);
        var listed = await admin.GetAsync("/contoso-distribution/users");
        Assert.Contains($"<td>{email}</td>", listed.Html[listed.Html.IndexOf("id=\"pending-invitations\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_draft_is_written_in_the_inviters_language()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR");

        var response = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=Invite",
            Fields(("InviteEmail", IdentityJourneys.NewEmail("fr")), ("InviteRole", "SalesAgent"), ("InviteResellerOrganisationId", string.Empty)));

        Assert.Contains("vous invite à rejoindre Contoso Distribution sur GccSaaS en tant que Agent commercial", TextOf(response.Html, "invitation-draft"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_user_registers_through_the_link_and_the_membership_exists()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var email = IdentityJourneys.NewEmail("new");
        var path = await admin.InviteAsync(IdentityFixture.Contoso, email, "ResellerAgent", Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01"));

        var page = await fixture.Portal().GetAsync(path);
        Assert.Equal("Pending", DataState(page.Html));
        Assert.Contains("id=\"register-and-accept\"", page.Html, StringComparison.Ordinal);
        using var newcomer = await fixture.RegisterAsync(path, "Nora Newcomer");

        var landing = await newcomer.GetAsync("/select-tenant");
        Assert.Equal("Nora Newcomer", TextOf(landing.Html, "user-name"));
        Assert.Contains("data-tenant=\"contoso-distribution\"", landing.Html, StringComparison.Ordinal);
        var userId = await fixture.UserIdAsync(email);
        var tenant = await fixture.TenantAsync(IdentityFixture.Contoso);
        var membership = await fixture.QueryAsync(db => db.Memberships.SingleAsync(m => m.TenantId == tenant.Id && m.UserId == userId));
        Assert.Equal("ResellerAgent", membership.Role);
        Assert.Equal(Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01"), membership.ResellerOrganisationId);
    }

    [Fact]
    public async Task An_invitation_works_once()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var path = await admin.InviteAsync(IdentityFixture.Contoso, IdentityJourneys.NewEmail("once"), "SalesAgent");
        (await fixture.RegisterAsync(path)).Dispose();

        using var second = fixture.Portal();
        var page = await second.GetAsync(path);
        var again = await second.PostFormAsync("/account/sign-in", path + "?handler=Register",
            Fields(("DisplayName", "Someone Else"), ("Password", IdentityJourneys.NewUserPassword), ("ConfirmPassword", IdentityJourneys.NewUserPassword)));

        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Equal("Used", DataState(page.Html));
        Assert.NotEqual(HttpStatusCode.Redirect, again.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/select-tenant")).Status);
    }

    [Fact]
    public async Task An_expired_invitation_is_refused()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var email = IdentityJourneys.NewEmail("late");
        var normalized = email.ToUpperInvariant();
        var path = await admin.InviteAsync(IdentityFixture.Contoso, email, "SalesAgent");
        fixture.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));

        using var late = fixture.Portal();
        var page = await late.GetAsync(path);
        var register = await late.PostFormAsync("/account/sign-in", path + "?handler=Register",
            Fields(("DisplayName", "Late Comer"), ("Password", IdentityJourneys.NewUserPassword), ("ConfirmPassword", IdentityJourneys.NewUserPassword)));

        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Equal("Expired", DataState(page.Html));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, register.Status);
        Assert.Equal(0, await fixture.QueryAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == normalized)));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_wrong_token_is_refused_without_saying_more(string token)
    {
        using var visitor = fixture.Portal();

        var page = await visitor.GetAsync($"/invitations/users/{token}");
        var register = await visitor.PostFormAsync("/account/sign-in", $"/invitations/users/{token}?handler=Register",
            Fields(("DisplayName", "Guesser"), ("Password", IdentityJourneys.NewUserPassword), ("ConfirmPassword", IdentityJourneys.NewUserPassword)));

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("NotFound", DataState(page.Html));
        Assert.Equal(HttpStatusCode.NotFound, register.Status);
    }

    [Fact]
    public async Task A_withdrawn_invitation_no_longer_works()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var email = IdentityJourneys.NewEmail("withdrawn");
        var normalized = email.ToUpperInvariant();
        var path = await admin.InviteAsync(IdentityFixture.Contoso, email, "SalesAgent");
        var invitationId = await fixture.QueryAsync(db => db.UserInvitations
            .Where(i => i.NormalizedEmail == normalized).Select(i => i.Id).SingleAsync());

        var revoke = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=RevokeInvitation",
            Fields(("invitationId", invitationId.ToString())));

        Assert.Equal(HttpStatusCode.Redirect, revoke.Status);
        var page = await fixture.Portal().GetAsync(path);
        Assert.Equal("Revoked", DataState(page.Html));
    }

    [Fact]
    public async Task Inviting_the_same_address_again_replaces_the_open_invitation()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var email = IdentityJourneys.NewEmail("again");
        var first = await admin.InviteAsync(IdentityFixture.Contoso, email, "SalesAgent");

        var second = await admin.InviteAsync(IdentityFixture.Contoso, email, "AdminAgent");

        Assert.Equal("Revoked", DataState((await fixture.Portal().GetAsync(first)).Html));
        Assert.Equal("Pending", DataState((await fixture.Portal().GetAsync(second)).Html));
    }

    [Fact]
    public async Task The_token_is_stored_only_as_its_hash()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var email = IdentityJourneys.NewEmail("hash");
        var normalized = email.ToUpperInvariant();
        var path = await admin.InviteAsync(IdentityFixture.Contoso, email, "SalesAgent");
        var token = path.Split('/')[^1];

        var stored = await fixture.QueryAsync(db => db.UserInvitations.SingleAsync(i => i.NormalizedEmail == normalized));

        Assert.Equal(43, token.Length);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), stored.TokenHash);
    }

    [Fact]
    public async Task An_existing_user_signs_in_through_the_link_and_accepts()
    {
        using var admin = await fixture.SignedInAsync("multi@gccsaas.demo");
        var path = await admin.InviteAsync(IdentityFixture.Fabrikam, "admin.agent@contoso.demo", "AdminAgent");
        using var invitee = fixture.Portal();
        var page = await invitee.GetAsync(path);
        Assert.Contains("id=\"sign-in-to-accept\"", page.Html, StringComparison.Ordinal);

        var signIn = await invitee.SignInAsync("admin.agent@contoso.demo", returnUrl: path);
        Assert.Equal(path, signIn.Location);
        var accept = await invitee.PostFormAsync(path, path + "?handler=Accept", []);

        Assert.Equal(HttpStatusCode.Redirect, accept.Status);
        Assert.Equal("/fabrikam-cloud/", accept.Location);
        var switcher = await invitee.GetAsync("/select-tenant");
        Assert.Contains("data-tenant=\"fabrikam-cloud\"", switcher.Html, StringComparison.Ordinal);
        Assert.Contains("data-tenant=\"contoso-distribution\"", switcher.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await invitee.GetAsync("/fabrikam-cloud/users")).Status);
    }

    [Fact]
    public async Task Someone_signed_in_with_another_address_cannot_accept()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var email = IdentityJourneys.NewEmail("other");
        var path = await admin.InviteAsync(IdentityFixture.Contoso, email, "GlobalAdmin");
        using var intruder = await fixture.SignedInAsync("reseller.agent@adatum.demo");

        var page = await intruder.GetAsync(path);
        var accept = await intruder.PostFormAsync(path, path + "?handler=Accept", []);

        Assert.Contains("id=\"invitation-other-account\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, accept.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await intruder.GetAsync("/contoso-distribution/users")).Status);
        Assert.Equal("Pending", DataState((await fixture.Portal().GetAsync(path)).Html));
    }

    [Fact]
    public async Task A_reseller_role_needs_its_organisation_and_a_provider_role_refuses_one()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");

        var reseller = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=Invite",
            Fields(("InviteEmail", IdentityJourneys.NewEmail("r")), ("InviteRole", "ResellerAdmin"), ("InviteResellerOrganisationId", string.Empty)));
        var provider = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=Invite",
            Fields(("InviteEmail", IdentityJourneys.NewEmail("p")), ("InviteRole", "SalesAgent"), ("InviteResellerOrganisationId", Guid.NewGuid().ToString())));
        var garbage = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=Invite",
            Fields(("InviteEmail", IdentityJourneys.NewEmail("g")), ("InviteRole", "ResellerAdmin"), ("InviteResellerOrganisationId", "adatum")));

        Assert.Equal(HttpStatusCode.BadRequest, reseller.Status);
        Assert.Contains("Reseller roles need the reseller organisation", TextOf(reseller.Html, "form-errors"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, provider.Status);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        Assert.Null(TextOf(garbage.Html, "invitation-link"));
    }

    [Fact]
    public async Task Inviting_a_member_again_is_refused()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");

        var response = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=Invite",
            Fields(("InviteEmail", "Sales.Agent@contoso.demo"), ("InviteRole", "AdminAgent"), ("InviteResellerOrganisationId", string.Empty)));

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
    }

    [Fact]
    public async Task Registering_with_a_weak_password_is_refused_with_the_rules_in_the_users_language()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var path = await admin.InviteAsync(IdentityFixture.Contoso, IdentityJourneys.NewEmail("weak"), "SalesAgent");
        using var newcomer = fixture.Portal();
        newcomer.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var response = await newcomer.PostFormAsync(path, path + "?handler=Register",
            Fields(("DisplayName", "Weak"), ("Password", "short"), ("ConfirmPassword", "short")));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("La contraseña necesita al menos 12 caracteres.", TextOf(response.Html, "form-errors"), StringComparison.Ordinal);
        Assert.Equal("Pending", DataState((await fixture.Portal().GetAsync(path)).Html));
    }

    private static string? DataState(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "id=\"invitation-state\" data-state=\"([A-Za-z]+)\"").Groups[1].Value is { Length: > 0 } state ? state : null;
}
