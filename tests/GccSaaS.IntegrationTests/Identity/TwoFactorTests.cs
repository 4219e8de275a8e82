using System.Net;
using GccSaaS.IntegrationTests.Infrastructure;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>Optional TOTP two-factor sign-in, set up with an authenticator key and one code.</summary>
[Collection(IdentityCollection.Name)]
public sealed class TwoFactorTests(IdentityFixture fixture)
{
    [Fact]
    public async Task With_two_factor_on_signing_in_needs_the_authenticator_code()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "AdminAgent");
        string key;
        using (member)
        {
            key = await SetUpAsync(member);
            var enabled = await member.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Enable",
                Fields(("Code", IdentityJourneys.TotpCode(key, DateTimeOffset.UtcNow))));
            Assert.Equal(HttpStatusCode.OK, enabled.Status);
            Assert.Equal(10, TextOf(enabled.Html, "recovery-codes")!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Contains("data-enabled=\"true\"", enabled.Html, StringComparison.Ordinal);
            // Turning it on keeps the current session signed in.
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/select-tenant")).Status);
        }

        using var portal = fixture.Portal();
        var password = await portal.SignInAsync(email, IdentityJourneys.NewUserPassword);
        Assert.Equal(HttpStatusCode.Redirect, password.Status);
        Assert.StartsWith("/account/sign-in/two-factor", password.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.GetAsync("/select-tenant")).Status);

        var wrong = await portal.PostFormAsync(password.Location!, "/account/sign-in/two-factor", Fields(("Code", "000000")));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.NotNull(TextOf(wrong.Html, "two-factor-error"));

        var right = await portal.PostFormAsync(password.Location!, "/account/sign-in/two-factor",
            Fields(("Code", IdentityJourneys.TotpCode(key, DateTimeOffset.UtcNow))));
        Assert.Equal(HttpStatusCode.Redirect, right.Status);
        Assert.Equal("/contoso-distribution/", right.Location);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/select-tenant")).Status);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        string recovery;
        using (member)
        {
            var key = await SetUpAsync(member);
            var enabled = await member.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Enable",
                Fields(("Code", IdentityJourneys.TotpCode(key, DateTimeOffset.UtcNow))));
            recovery = TextOf(enabled.Html, "recovery-codes")!.Split('\n')[0];
        }

        using var first = fixture.Portal();
        var step = await first.SignInAsync(email, IdentityJourneys.NewUserPassword);
        var used = await first.PostFormAsync(step.Location!, "/account/sign-in/two-factor?handler=Recovery", Fields(("RecoveryCode", recovery)));
        Assert.Equal(HttpStatusCode.Redirect, used.Status);

        using var second = fixture.Portal();
        step = await second.SignInAsync(email, IdentityJourneys.NewUserPassword);
        var reused = await second.PostFormAsync(step.Location!, "/account/sign-in/two-factor?handler=Recovery", Fields(("RecoveryCode", recovery)));
        Assert.Equal(HttpStatusCode.Unauthorized, reused.Status);
    }

    [Fact]
    public async Task A_wrong_code_does_not_turn_two_factor_on()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        using (member)
        {
            await SetUpAsync(member);

            var refused = await member.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Enable", Fields(("Code", "123456")));

            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
            Assert.Contains("data-enabled=\"false\"", refused.Html, StringComparison.Ordinal);
        }

        using var portal = fixture.Portal();
        Assert.Equal("/contoso-distribution/", (await portal.SignInAsync(email, IdentityJourneys.NewUserPassword)).Location);
    }

    [Fact]
    public async Task Turning_two_factor_off_returns_to_password_sign_in()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        using (member)
        {
            var key = await SetUpAsync(member);
            await member.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Enable",
                Fields(("Code", IdentityJourneys.TotpCode(key, DateTimeOffset.UtcNow))));

            var off = await member.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Disable", []);

            Assert.Equal(HttpStatusCode.Redirect, off.Status);
            Assert.Contains("id=\"set-up-authenticator\"", (await member.GetAsync("/account/two-factor")).Html, StringComparison.Ordinal);
        }

        using var portal = fixture.Portal();
        Assert.Equal("/contoso-distribution/", (await portal.SignInAsync(email, IdentityJourneys.NewUserPassword)).Location);
    }

    [Fact]
    public async Task The_second_step_without_a_password_step_goes_back_to_sign_in()
    {
        using var portal = fixture.Portal();

        var response = await portal.GetAsync("/account/sign-in/two-factor");

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.StartsWith("/account/sign-in", response.Location, StringComparison.Ordinal);
    }

    /// <summary>Sets up the authenticator on the account page; returns the shared key the page shows.</summary>
    private static async Task<string> SetUpAsync(PortalClient member)
    {
        var page = await member.GetAsync("/account/two-factor");
        Assert.Contains("data-enabled=\"false\"", page.Html, StringComparison.Ordinal);
        var setUp = await member.PostFormAsync("/account/two-factor", "/account/two-factor?handler=SetUp", []);
        Assert.Equal(HttpStatusCode.Redirect, setUp.Status);
        var withKey = await member.GetAsync("/account/two-factor");
        return TextOf(withKey.Html, "authenticator-key") ?? throw new InvalidOperationException("No authenticator key shown.");
    }
}
