using System.Net;
using Microsoft.EntityFrameworkCore;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class SignInTests(IdentityFixture fixture)
{
    [Theory]
    [InlineData("global.admin@contoso.demo", "/contoso-distribution/")]
    [InlineData("reseller.agent@adatum.demo", "/contoso-distribution/")]
    [InlineData("multi@gccsaas.demo", "/select-tenant")]
    [InlineData("platform.admin@gccsaas.demo", "/platform/tenants")]
    public async Task Signing_in_lands_in_the_only_tenant_the_tenant_switch_or_the_platform(string email, string landing)
    {
        using var portal = fixture.Portal();

        var response = await portal.SignInAsync(email);

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.Equal(landing, response.Location);
    }

    [Fact]
    public async Task Signing_in_returns_to_the_local_page_asked_for_but_never_to_another_site()
    {
        using var portal = fixture.Portal();
        Assert.Equal("/contoso-distribution/users", (await portal.SignInAsync("global.admin@contoso.demo", returnUrl: "/contoso-distribution/users")).Location);

        using var other = fixture.Portal();
        Assert.Equal("/contoso-distribution/", (await other.SignInAsync("global.admin@contoso.demo", returnUrl: "https://evil.example/")).Location);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_localised_refusal()
    {
        using var portal = fixture.Portal();

        var wrongPassword = await portal.SignInAsync("sales.agent@contoso.demo", "Not-The-Password-1!");
        var unknown = await portal.SignInAsync("nobody@nowhere.example", "Not-The-Password-1!");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.Status);
        Assert.Equal("The e-mail address or the password is not correct.", TextOf(wrongPassword.Html, "sign-in-error"));
        Assert.Equal(TextOf(wrongPassword.Html, "sign-in-error"), TextOf(unknown.Html, "sign-in-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.GetAsync("/select-tenant")).Status);
    }

    [Fact]
    public async Task The_refusal_is_in_the_language_the_browser_asks_for()
    {
        using var portal = fixture.Portal();
        portal.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        var response = await portal.SignInAsync("sales.agent@contoso.demo", "Not-The-Password-1!");

        Assert.Equal("E-Mail-Adresse oder Kennwort ist nicht korrekt.", TextOf(response.Html, "sign-in-error"));
    }

    [Fact]
    public async Task Four_failures_then_the_right_password_signs_in_and_clears_the_count()
    {
        var (email, userId, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        member.Dispose();
        using var portal = fixture.Portal();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await portal.SignInAsync(email, "Wrong-Password-99!");
        }

        var right = await portal.SignInAsync(email, IdentityJourneys.NewUserPassword);

        Assert.Equal(HttpStatusCode.Redirect, right.Status);
        // Identity's own lockout is off (issue 18): nothing is counted or locked on the account itself.
        Assert.Equal(0, await fixture.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.AccessFailedCount).SingleAsync()));
        Assert.Null(await fixture.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task Signing_out_is_a_form_post_from_the_user_menu_and_ends_the_session()
    {
        using var portal = await fixture.SignedInAsync("admin.agent@contoso.demo");
        var page = await portal.GetAsync("/select-tenant");
        Assert.Equal("Alex Agent", TextOf(page.Html, "user-name"));
        Assert.Contains("id=\"sign-out\"", page.Html, StringComparison.Ordinal);

        var signOut = await portal.PostWithTokenAsync("/account/sign-out", AntiforgeryToken(page.Html)!, []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.Status);
        var after = await portal.GetAsync("/select-tenant");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/account/sign-in?returnUrl=%2Fselect-tenant", after.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        using var portal = await fixture.SignedInAsync("admin.agent@contoso.demo");

        using var response = await portal.Http.PostAsync(new Uri("/account/sign-out", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/select-tenant")).Status);
    }
}
