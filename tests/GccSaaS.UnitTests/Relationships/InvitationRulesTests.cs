using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.Modules.Relationships.Domain;

namespace GccSaaS.UnitTests.Relationships;

public sealed class InvitationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    private sealed class Texts : IRelationshipTexts
    {
        public string Get(string key, params object[] arguments) => key;
    }

    [Fact]
    public void R_REL_7_a_pending_invitation_past_its_expiry_is_expired_without_the_job()
    {
        Assert.Equal(InvitationStatus.Expired, InvitationRules.EffectiveStatus(InvitationStatus.Pending, Now, Now));
        Assert.Equal(InvitationStatus.Pending, InvitationRules.EffectiveStatus(InvitationStatus.Pending, Now.AddSeconds(1), Now));
        Assert.Equal(InvitationStatus.Accepted, InvitationRules.EffectiveStatus(InvitationStatus.Accepted, Now.AddDays(-1), Now));
    }

    [Theory]
    [InlineData("Pending", -1, "invitation_expired")]
    [InlineData("Accepted", 1, "invitation_used")]
    [InlineData("Revoked", 1, "invitation_revoked")]
    [InlineData("Expired", 1, "invitation_expired")]
    public void R_REL_7_expired_used_and_revoked_links_are_refused_each_with_its_own_code(string status, int days, string code)
    {
        var error = Assert.Throws<DomainRuleException>(() => InvitationRules.EnsureAcceptable(Enum.Parse<InvitationStatus>(status), Now.AddDays(days), Now, new Texts()));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void R_REL_1_a_draft_must_keep_the_personalised_link()
    {
        const string link = "https://gccsaas.example/invitations/partnership/contoso/abc";

        InvitationRules.EnsureDraftKeepsLink("Dear reseller, " + link + " thanks", link, new Texts());
        var error = Assert.Throws<DomainRuleException>(() => InvitationRules.EnsureDraftKeepsLink("Dear reseller, thanks", link, new Texts()));

        Assert.Equal("invitation_link_missing", error.Code);
    }

    [Fact]
    public void The_accepting_account_must_have_the_invited_address_whatever_its_case()
    {
        InvitationRules.EnsureInvitee("Admin@Proseware.example", "admin@proseware.EXAMPLE", new Texts());
        var error = Assert.Throws<DomainRuleException>(() => InvitationRules.EnsureInvitee("admin@proseware.example", "other@proseware.example", new Texts()));

        Assert.Equal(DomainErrorKind.Forbidden, error.Kind);
    }

    [Theory]
    [InlineData(30, new[] { 7, 1 }, true)]
    [InlineData(10, new int[0], true)]
    [InlineData(0, new[] { 1 }, false)]
    [InlineData(91, new[] { 7 }, false)]
    [InlineData(10, new[] { 10 }, false)]
    [InlineData(30, new[] { 7, 7 }, false)]
    [InlineData(30, new[] { 9, 7, 3, 1 }, false)]
    public void R_REL_7_invitation_settings_have_bounds(int lifetime, int[] reminders, bool valid)
    {
        Assert.Equal(valid, new InvitationPolicy(lifetime, reminders).IsValid);
        Assert.True(InvitationPolicy.Default.IsValid);
    }

    [Fact]
    public void Tokens_are_256_bit_url_safe_and_stored_as_sha256()
    {
        var token = LinkTokens.NewToken();

        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.NotEqual(token, LinkTokens.NewToken());
        Assert.Equal(32, LinkTokens.Hash(token).Length);
    }
}
