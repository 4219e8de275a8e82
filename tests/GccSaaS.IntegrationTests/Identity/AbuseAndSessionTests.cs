using System.Net;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// Issue 18, abuse: guessing is throttled per account and per source with doubling delays (no lockout, no account
/// oracle), and signing out, a password change or a removed membership ends the user's other sessions (security
/// stamp validation every 30 seconds on the platform's clock).
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class AbuseAndSessionTests(IdentityFixture fixture)
{
    private static readonly TimeSpan PastSessionCheck = TimeSpan.FromSeconds(31);

    [Fact]
    public async Task After_five_wrong_passwords_the_account_waits_30_seconds_then_60_and_an_unknown_address_gets_the_same_answers()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        member.Dispose();
        var unknown = IdentityJourneys.NewEmail("nobody");
        using var portal = fixture.Portal();

        var known = new List<PortalResponse>();
        var strangers = new List<PortalResponse>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            known.Add(await portal.SignInAsync(email, "Wrong-Password-99!"));
            strangers.Add(await portal.SignInAsync(unknown, "Wrong-Password-99!"));
        }

        var rightButWaiting = await portal.SignInAsync(email, IdentityJourneys.NewUserPassword);
        var strangerWaiting = await portal.SignInAsync(unknown, "Wrong-Password-99!");

        Assert.All(known.Concat(strangers), r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
        Assert.All(known.Zip(strangers), pair => Assert.Equal(TextOf(pair.First.Html, "sign-in-error"), TextOf(pair.Second.Html, "sign-in-error")));
        Assert.Equal((HttpStatusCode)429, rightButWaiting.Status);
        Assert.Equal((HttpStatusCode)429, strangerWaiting.Status);
        Assert.Equal("Too many attempts. Please wait 30 seconds and try again.", TextOf(rightButWaiting.Html, "sign-in-error"));
        Assert.Equal(TextOf(rightButWaiting.Html, "sign-in-error"), TextOf(strangerWaiting.Html, "sign-in-error"));
        Assert.DoesNotContain("locked", rightButWaiting.Html, StringComparison.OrdinalIgnoreCase);

        // The wait ends by itself; one more wrong guess doubles it; the right password clears the count.
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.SignInAsync(unknown, "Wrong-Password-99!")).Status);
        var doubled = await portal.SignInAsync(unknown, "Wrong-Password-99!");
        Assert.Equal((HttpStatusCode)429, doubled.Status);
        Assert.Equal("Too many attempts. Please wait 60 seconds and try again.", TextOf(doubled.Html, "sign-in-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.SignInAsync(email, IdentityJourneys.NewUserPassword)).Status);
    }

    [Fact]
    public async Task Password_spraying_from_one_source_is_throttled_across_accounts_while_other_sources_sign_in()
    {
        await using var host = new GccSaaSFactory(
            fixture.Database,
            services => services.AddSingleton<TimeProvider>(fixture.Clock),
            new Dictionary<string, string?> { ["SignInThrottle:SourceFreeFailures"] = "4" });
        using var sprayer = new PortalClient(host);
        sprayer.Http.DefaultRequestHeaders.Add(TestSourceAddress.Header, "203.0.113.7");
        using var colleague = new PortalClient(host);
        colleague.Http.DefaultRequestHeaders.Add(TestSourceAddress.Header, "203.0.113.8");

        var sprayed = new List<HttpStatusCode>();
        for (var account = 0; account < 4; account++)
        {
            sprayed.Add((await sprayer.SignInAsync(IdentityJourneys.NewEmail("spray"), "Summer2026!Summer")).Status);
        }

        var demoFromSprayer = await sprayer.SignInAsync("global.admin@contoso.demo");
        var demoFromColleague = await colleague.SignInAsync("global.admin@contoso.demo");

        Assert.All(sprayed, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal((HttpStatusCode)429, demoFromSprayer.Status);
        Assert.Equal("Too many attempts. Please wait 30 seconds and try again.", TextOf(demoFromSprayer.Html, "sign-in-error"));
        Assert.Equal(HttpStatusCode.Redirect, demoFromColleague.Status);
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_works_after_it()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        member.Dispose();
        using var raw = fixture.Factory.CreateHttpClient(handleCookies: false);
        var (antiforgery, auth) = await SignInRawAsync(raw, email, IdentityJourneys.NewUserPassword);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookiesAsync(raw, "/contoso-distribution/", auth)).Status);

        // The same session signs out (a form post with its antiforgery token)…
        var page = await GetWithCookiesAsync(raw, "/select-tenant", antiforgery + "; " + auth);
        using var signOut = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/sign-out", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryToken(page.Html) ?? string.Empty)]),
        };
        signOut.Headers.Add("Cookie", antiforgery + "; " + auth);
        using var signedOut = await raw.SendAsync(signOut);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // …and the copy taken before is refused once the stamp is next checked.
        fixture.Clock.Advance(PastSessionCheck);
        var replayed = await GetWithCookiesAsync(raw, "/contoso-distribution/", auth);
        Assert.Equal(HttpStatusCode.Redirect, replayed.Status);
        Assert.StartsWith("/account/sign-in", replayed.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password_and_ends_the_users_other_sessions()
    {
        var (email, _, other) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        using var _ = other;
        using var portal = await fixture.SignedInAsync(email, IdentityJourneys.NewUserPassword);
        const string newPassword = "Changed-Password-2026!";

        var wrongCurrent = await portal.PostFormAsync("/account/password", "/account/password",
            Fields(("CurrentPassword", "Not-The-Password-1!"), ("NewPassword", newPassword), ("ConfirmPassword", newPassword)));
        var changed = await portal.PostFormAsync("/account/password", "/account/password",
            Fields(("CurrentPassword", IdentityJourneys.NewUserPassword), ("NewPassword", newPassword), ("ConfirmPassword", newPassword)));

        Assert.Equal((HttpStatusCode)422, wrongCurrent.Status);
        Assert.Equal("The current password is not correct.", TextOf(wrongCurrent.Html, "current-password-error"));
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal("Your password is changed. You are signed out everywhere else.", TextOf((await portal.GetAsync(changed.Location ?? "/account/password")).Html, "password-changed"));
        fixture.Clock.Advance(PastSessionCheck);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/contoso-distribution/")).Status);
        var ended = await other.GetAsync("/contoso-distribution/");
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.StartsWith("/account/sign-in", ended.Location, StringComparison.Ordinal);
        using var fresh = fixture.Portal();
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.SignInAsync(email, IdentityJourneys.NewUserPassword)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync(email, newPassword)).Status);
    }

    [Fact]
    public async Task Removing_a_membership_ends_the_members_sessions()
    {
        var (_, userId, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        using var _ = member;
        using var admin = await fixture.SignedInAsync(IdentityJourneys.GlobalAdminOf(IdentityFixture.Contoso));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/select-tenant")).Status);

        var removed = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=Remove", Fields(("userId", userId.ToString())));
        fixture.Clock.Advance(PastSessionCheck);

        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        var after = await member.GetAsync("/select-tenant");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/account/sign-in", after.Location, StringComparison.Ordinal);
    }

    private static async Task<(string Antiforgery, string Auth)> SignInRawAsync(HttpClient raw, string email, string password)
    {
        using var page = await raw.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = AntiforgeryToken(await page.Content.ReadAsStringAsync()) ?? string.Empty;
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("Email", email), new("Password", password), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await raw.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("GccSaaS.Auth=", StringComparison.Ordinal));
        return (antiforgery, auth.Split(';')[0]);
    }

    private static async Task<PortalResponse> GetWithCookiesAsync(HttpClient raw, string path, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookies);
        using var response = await raw.SendAsync(request);
        return new PortalResponse(response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }
}
