using System.Net;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Partners.Contracts;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>
/// Partnerships through the portal, end to end over real HTTP and PostgreSQL: request (R-REL-1), accept with
/// the reseller checks (R-PAR-3, R-PC-11, R-REL-2), the link's lifecycle (R-REL-7) and single use under a race.
/// </summary>
[Collection(RelationshipsCollection.Name)]
public sealed class PartnershipTests(RelationshipsFixture fixture)
{
    private const string Contoso = RelationshipsFixture.Contoso;

    [Fact]
    public async Task R_REL_1_a_sales_agent_requests_a_partnership_and_gets_an_editable_draft_with_a_personalised_link()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var email = PartnershipJourneys.NewEmail();

        var (path, page) = await sales.RequestAsync(email);

        Assert.Matches("^/invitations/partnership/contoso-distribution/[A-Za-z0-9_-]{43}$", path);
        var draft = TextOf(page.Html, "invitation-draft") ?? string.Empty;
        Assert.Contains(path, draft, StringComparison.Ordinal);
        Assert.Contains("Contoso Distribution", draft, StringComparison.Ordinal);
        Assert.Contains("mailto:" + Uri.EscapeDataString(email), page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"copy-draft\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_REL_1_the_draft_is_in_the_senders_language()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var page = await sales.PostFormAsync($"/{Contoso}/resellers?culture=de&ui-culture=de", $"/{Contoso}/resellers?handler=Request&culture=de&ui-culture=de",
            Fields(("InviteEmail", PartnershipJourneys.NewEmail())));

        Assert.Contains("indirektem Wiederverkäufer", TextOf(page.Html, "invitation-draft"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_REL_1_an_admin_agent_may_not_request_a_partnership()
    {
        using var agent = await fixture.SignedInAsync("admin.agent@contoso.demo");

        var response = await agent.PostFormAsync($"/{Contoso}/resellers", $"/{Contoso}/resellers?handler=Request", Fields(("InviteEmail", PartnershipJourneys.NewEmail())));

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
    }

    [Fact]
    public async Task R_REL_1_done_refuses_a_draft_whose_text_lost_the_link_and_accepts_one_that_kept_it()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (path, page) = await sales.RequestAsync(PartnershipJourneys.NewEmail());
        var link = TextOf(page.Html, "invitation-link")!;
        var id = System.Text.RegularExpressions.Regex.Match(page.Html, "name=\"DraftInvitationId\" value=\"([0-9a-f-]+)\"").Groups[1].Value;
        var token = AntiforgeryToken(page.Html)!;

        var refused = await sales.PostWithTokenAsync($"/{Contoso}/resellers?handler=Done", token,
            Fields(("DraftInvitationId", id), ("DraftLink", link), ("DraftText", "Hello, please accept our partnership.")));
        var kept = await sales.PostWithTokenAsync($"/{Contoso}/resellers?handler=Done", token,
            Fields(("DraftInvitationId", id), ("DraftLink", link), ("DraftText", "Hi! Our link: " + link + " Thanks.")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("must still contain the personalised link", TextOf(refused.Html, "form-errors"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, kept.Status);
        Assert.EndsWith(path, link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_REL_2_the_invitee_registers_accepts_and_the_reseller_appears_in_the_providers_list_with_its_admin_a_member()
    {
        var (organisationId, partnerId) = await fixture.OnboardAsync();
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (path, _) = await sales.RequestAsync(PartnershipJourneys.NewEmail());

        var landing = await new PortalClient(fixture.Factory).GetAsync(path);
        using var invitee = await fixture.RegisterThroughLinkAsync(path);
        var accepted = await invitee.AcceptAsync(path, partnerId);

        Assert.Equal(HttpStatusCode.OK, landing.Status);
        Assert.Contains("can add customers on your behalf", landing.Html, StringComparison.Ordinal); // what it authorises
        Assert.Equal(HttpStatusCode.Redirect, accepted.Status);
        Assert.Equal($"/{Contoso}/", accepted.Location);
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync($"/{Contoso}/")).Status); // now a Reseller admin here
        var list = await sales.GetAsync($"/{Contoso}/resellers?q={partnerId}");
        Assert.Contains($"data-reseller-id=\"{organisationId}\"", list.Html, StringComparison.Ordinal);
        Assert.Contains(partnerId, list.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await new PortalClient(fixture.Factory).GetAsync(path)).Status); // single use
    }

    [Fact]
    public async Task Registering_through_the_link_names_every_problem_at_once_beside_its_field_and_creates_no_account()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var email = PartnershipJourneys.NewEmail();
        var (path, _) = await sales.RequestAsync(email);

        var visitor = new PortalClient(fixture.Factory);
        var refused = await visitor.PostFormAsync(path, path + "?handler=Register",
            Fields(("DisplayName", " "), ("Password", "short"), ("ConfirmPassword", "other")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(TextOf(refused.Html, "display-name-error"));
        Assert.NotNull(TextOf(refused.Html, "password-error"));
        Assert.NotNull(TextOf(refused.Html, "confirm-password-error"));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(refused.Html, "aria-invalid=\"true\""));
        var again = await new PortalClient(fixture.Factory).GetAsync(path);
        Assert.Contains("id=\"register-form\"", again.Html, StringComparison.Ordinal); // still no account for the address
    }

    [Theory]
    [InlineData("unknown_partner_id", "No partner with this PartnerID is onboarded")]
    [InlineData("not_indirect_reseller", "This PartnerID is not an onboarded CSP indirect reseller account")]
    [InlineData("partner_agreement_not_signed", "This reseller has not signed the Microsoft Partner Agreement")]
    [InlineData("region_mismatch", "Partnerships are possible only within the same CSP region")]
    public async Task R_PAR_3_and_R_PC_11_a_reseller_that_may_not_partner_is_refused_with_its_own_message(string code, string message)
    {
        var partnerId = code switch
        {
            "unknown_partner_id" => "9" + Random.Shared.Next(100_000, 999_999),
            "not_indirect_reseller" => (await fixture.OnboardAsync(type: PartnerType.DirectReseller)).PartnerId,
            "partner_agreement_not_signed" => (await fixture.OnboardAsync(agreementSigned: false)).PartnerId,
            _ => (await fixture.OnboardAsync(region: "EU")).PartnerId,
        };
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (path, _) = await sales.RequestAsync(PartnershipJourneys.NewEmail());
        using var invitee = await fixture.RegisterThroughLinkAsync(path);

        var refused = await invitee.AcceptAsync(path, partnerId);
        var (_, good) = await fixture.OnboardAsync();
        var afterwards = await invitee.AcceptAsync(path, good);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains(message, TextOf(refused.Html, "form-errors"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.Status); // the refusal left the invitation pending
    }

    [Fact]
    public async Task R_REL_2_accepting_requires_authorising_the_provider()
    {
        var (_, partnerId) = await fixture.OnboardAsync();
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (path, _) = await sales.RequestAsync(PartnershipJourneys.NewEmail());
        using var invitee = await fixture.RegisterThroughLinkAsync(path);

        var response = await invitee.AcceptAsync(path, partnerId, authorize: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("authorise the indirect provider", TextOf(response.Html, "form-errors"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_PartnerID_is_asked_for_beside_its_field_and_the_authorisation_stays_ticked()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (path, _) = await sales.RequestAsync(PartnershipJourneys.NewEmail());
        using var invitee = await fixture.RegisterThroughLinkAsync(path);

        var response = await invitee.AcceptAsync(path, "  ");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("Give your organisation's PartnerID (MPN ID).", WebUtility.HtmlDecode(response.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("is onboarded", response.Html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", response.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"authorize-provider\"[^>]*checked", response.Html); // issue 16: the tick survives the refusal
    }

    [Fact]
    public async Task A_partnership_with_an_organisation_already_active_in_the_tenant_is_a_conflict()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (path, _) = await sales.RequestAsync(PartnershipJourneys.NewEmail());
        using var invitee = await fixture.RegisterThroughLinkAsync(path);

        var response = await invitee.AcceptAsync(path, "5123400"); // Adatum, the demo's active reseller

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Contains("Adatum Reseller is already an active indirect reseller", TextOf(response.Html, "form-errors"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_invited_address_can_accept()
    {
        var (_, partnerId) = await fixture.OnboardAsync();
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (path, _) = await sales.RequestAsync(PartnershipJourneys.NewEmail());
        using var someoneElse = await fixture.SignedInAsync("multi@gccsaas.demo");

        var page = await someoneElse.GetAsync(path);
        var response = await someoneElse.PostFormAsync(path, path + "?handler=Accept", Fields(("PartnerId", partnerId), ("AuthorizeProvider", "true")));

        Assert.Contains("id=\"signed-in-as-other\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"accept-form\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Contains("sent to another e-mail address", TextOf(response.Html, "form-errors"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_REL_7_an_expired_link_is_refused_even_before_the_expiry_job_ran()
    {
        var (_, partnerId) = await fixture.OnboardAsync();
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var email = PartnershipJourneys.NewEmail();
        var (path, _) = await sales.RequestAsync(email);
        (await fixture.RegisterThroughLinkAsync(path)).Dispose();

        fixture.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        using var invitee = await fixture.SignedInAsync(email, PartnershipJourneys.Password); // a month later: a new sign-in
        var page = await invitee.GetAsync(path);
        var response = await invitee.PostWithTokenAsync(path + "?handler=Accept", AntiforgeryToken(page.Html)!, Fields(("PartnerId", partnerId), ("AuthorizeProvider", "true")));

        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Equal("This invitation has expired. Ask the sender to send it again.", TextOf(page.Html, "invitation-state"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Contains("This invitation has expired", TextOf(response.Html, "form-errors"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_REL_7_a_revoked_link_is_refused_and_a_resent_invitation_kills_the_old_link()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (revokedPath, revokedPage1) = await sales.RequestAsync(PartnershipJourneys.NewEmail());
        var (oldPath, oldPage) = await sales.RequestAsync(PartnershipJourneys.NewEmail());
        var revokeId = PartnershipJourneys.DraftInvitationId(revokedPage1.Html);
        var resendId = PartnershipJourneys.DraftInvitationId(oldPage.Html);

        var revoked = await sales.PostFormAsync($"/{Contoso}/invitations", $"/{Contoso}/invitations?handler=Revoke&id={revokeId}", []);
        var resent = await sales.PostFormAsync($"/{Contoso}/invitations", $"/{Contoso}/invitations?handler=Resend&id={resendId}", []);
        var newPath = GccSaaS.IntegrationTests.Identity.IdentityJourneys.PathOfLink(resent.Html);

        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        var revokedPage = await new PortalClient(fixture.Factory).GetAsync(revokedPath);
        Assert.Equal(HttpStatusCode.Gone, revokedPage.Status);
        Assert.Equal("The sender has withdrawn this invitation.", TextOf(revokedPage.Html, "invitation-state"));
        Assert.NotEqual(oldPath, newPath);
        Assert.Equal(HttpStatusCode.NotFound, (await new PortalClient(fixture.Factory).GetAsync(oldPath)).Status);
        Assert.Equal(HttpStatusCode.OK, (await new PortalClient(fixture.Factory).GetAsync(newPath)).Status);
    }

    [Fact]
    public async Task R_REL_7_two_racing_acceptances_of_one_link_exactly_one_wins()
    {
        var (firstId, first) = await fixture.OnboardAsync();
        var (secondId, second) = await fixture.OnboardAsync();
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var email = PartnershipJourneys.NewEmail();
        var (path, _) = await sales.RequestAsync(email);
        using var a = await fixture.RegisterThroughLinkAsync(path);
        using var b = await fixture.SignedInAsync(email, PartnershipJourneys.Password);
        var tokenA = AntiforgeryToken((await a.GetAsync(path)).Html)!;
        var tokenB = AntiforgeryToken((await b.GetAsync(path)).Html)!;

        var responses = await Task.WhenAll(
            a.PostWithTokenAsync(path + "?handler=Accept", tokenA, Fields(("PartnerId", first), ("AuthorizeProvider", "true"))),
            b.PostWithTokenAsync(path + "?handler=Accept", tokenB, Fields(("PartnerId", second), ("AuthorizeProvider", "true"))));

        Assert.Single(responses, r => r.Status == HttpStatusCode.Redirect);
        var loser = Assert.Single(responses, r => r.Status != HttpStatusCode.Redirect);
        Assert.True(loser.Status is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Forbidden, $"{loser.Status}");
        // Searched by PartnerID: the list is paged, and other tests add partners to the same tenant.
        var firstListed = (await sales.GetAsync($"/{Contoso}/resellers?q={first}")).Html.Contains($"data-reseller-id=\"{firstId}\"", StringComparison.Ordinal);
        var secondListed = (await sales.GetAsync($"/{Contoso}/resellers?q={second}")).Html.Contains($"data-reseller-id=\"{secondId}\"", StringComparison.Ordinal);
        Assert.True(firstListed ^ secondListed, "exactly one of the two organisations became a partner");
    }

    [Fact]
    public async Task An_unknown_link_or_tenant_answers_404()
    {
        using var visitor = new PortalClient(fixture.Factory);

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/invitations/partnership/{Contoso}/{new string('a', 43)}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/invitations/partnership/no-such-tenant/{new string('a', 43)}")).Status);
    }

    [Fact]
    public async Task A_link_of_one_tenant_does_not_open_under_another_tenants_name()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (path, _) = await sales.RequestAsync(PartnershipJourneys.NewEmail());

        var response = await new PortalClient(fixture.Factory).GetAsync(path.Replace(Contoso, RelationshipsFixture.Fabrikam, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }
}
