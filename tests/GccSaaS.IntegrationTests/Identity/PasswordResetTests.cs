using System.Net;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// Issue 18, password reset: "Forgot password?" answers every address alike (status, redirect, and no sooner than the
/// set time), is throttled per address and per source, and mails a known user a single-use link valid 30 minutes,
/// straight through SMTP (a real server on loopback), never through the outbox. The link's token is kept only as a hash
/// and shows up in no log line, no audit entry and no page after its use; the reset ends the user's other sessions.
/// Over real HTTP (Kestrel) against the seeded platform's PostgreSQL database.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed partial class PasswordResetTests(IdentityFixture fixture)
{
    private const string PublicBase = "https://portal.gccsaas.test/";
    private const string NewPassword = "Reset-Password-2026!";

    [Fact]
    public async Task An_unknown_and_a_known_address_get_the_same_answer_and_only_the_known_one_gets_a_mail_with_a_link()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        member.Dispose();
        var unknown = IdentityJourneys.NewEmail("nobody");
        await using var host = new ResetHost(fixture);
        using var portal = host.Portal();

        var known = await portal.ForgotAsync(email);
        var stranger = await portal.ForgotAsync(unknown);
        var sentPage = await portal.GetAsync(known.Location ?? "/account/forgot-password");

        Assert.Equal(HttpStatusCode.Redirect, known.Status);
        Assert.Equal(known.Status, stranger.Status);
        Assert.Equal(known.Location, stranger.Location);
        Assert.Equal(known.Html, stranger.Html);
        Assert.Equal("If an account exists for this address, we have sent it a link to choose a new password. Please check your inbox.", TextOf(sentPage.Html, "reset-sent"));
        var mail = await host.MailToAsync(email);
        Assert.Single(host.Smtp.Received, m => m.Recipients.Contains(email, StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain(host.Smtp.Received, m => m.Recipients.Contains(unknown, StringComparer.OrdinalIgnoreCase));
        Assert.Equal("Choose a new GccSaaS password", mail.Subject);
        Assert.Equal("en", mail.Language);
        Assert.Matches(ResetLink(), mail.Body);
        Assert.Contains("30 minutes", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_takes_about_as_long_for_an_unknown_address_as_for_a_known_one()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        member.Dispose();
        await using var host = new ResetHost(fixture, answerTime: "00:00:01");
        using var portal = host.Portal();
        await portal.ForgotAsync(IdentityJourneys.NewEmail("warm")); // the first request of a fresh host is slow for its own reasons
        var antiforgery = AntiforgeryToken((await portal.GetAsync("/account/forgot-password")).Html) ?? string.Empty;

        var strangers = new List<double>();
        var knowns = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            strangers.Add(await TimedPostAsync(portal, antiforgery, IdentityJourneys.NewEmail("nobody")));
            knowns.Add(await TimedPostAsync(portal, antiforgery, email));
        }

        // Both wait for the set second; the mail leaves after the answer, so it adds nothing to it.
        var timings = $"unknown {string.Join(", ", strangers.Select(t => t.ToString("0")))} ms; known {string.Join(", ", knowns.Select(t => t.ToString("0")))} ms";
        Assert.True(strangers.Concat(knowns).All(t => t >= 950), timings);
        Assert.True(Math.Abs(Median(knowns) - Median(strangers)) < 500, timings);
        await host.MailToAsync(email); // sent after the answer
    }

    [Fact]
    public async Task The_link_resets_the_password_once_ends_other_sessions_and_its_token_is_in_no_log_audit_entry_or_page()
    {
        var (email, userId, other) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        using var _ = other;
        await using var host = new ResetHost(fixture);
        using var portal = host.Portal();
        await portal.ForgotAsync(email);
        var (path, token) = LinkOf(await host.MailToAsync(email));

        var form = await portal.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("__RequestVerificationToken", Regex.Match(form.Html, "<form[^>]*action=\"/account/reset-password\".*?</form>", RegexOptions.Singleline).Value, StringComparison.Ordinal);
        Assert.Equal("no-referrer", (await RawHeaderAsync(host, path, "Referrer-Policy")));
        // The link's own form (its antiforgery token included) while the link is open.
        var mismatch = await portal.ResetAsync(token, NewPassword, "Something-Else-2026!", page: path);
        var tooShort = await portal.ResetAsync(token, "short", "short", page: path);
        var reset = await portal.ResetAsync(token, NewPassword, NewPassword, page: path);
        var signInPage = await portal.GetAsync(reset.Location ?? "/account/sign-in");
        var again = await portal.ResetAsync(token, "Another-Password-2026!", "Another-Password-2026!");
        var linkAgain = await portal.GetAsync(path);

        Assert.Equal((HttpStatusCode)422, mismatch.Status);
        Assert.Equal("The two passwords do not match.", TextOf(mismatch.Html, "confirm-password-error"));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.Status);
        Assert.NotNull(TextOf(tooShort.Html, "new-password-error"));
        Assert.Equal(HttpStatusCode.Redirect, reset.Status);
        Assert.Equal("/account/sign-in?reset=done", reset.Location);
        Assert.Equal("Your new password is saved. You are signed out everywhere; please sign in with the new password.", TextOf(signInPage.Html, "password-reset-done"));

        // Single use: the post and the link itself are refused, with a way to ask again, and show the token nowhere.
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.StartsWith("This link to choose a new password is not valid any more", TextOf(again.Html, "reset-link-invalid"), StringComparison.Ordinal);
        Assert.Equal("/account/forgot-password", Regex.Match(again.Html, "id=\"ask-again\" href=\"([^\"]+)\"").Groups[1].Value);
        Assert.Equal(HttpStatusCode.Redirect, linkAgain.Status);
        Assert.Equal("/account/reset-password", linkAgain.Location);
        var landing = await portal.GetAsync("/account/reset-password");
        Assert.NotNull(TextOf(landing.Html, "reset-link-invalid"));
        Assert.DoesNotContain(token, again.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(token, landing.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(token, signInPage.Html, StringComparison.Ordinal);

        // The new password works, the old one not; the session that was open before has ended.
        using var fresh = host.Portal();
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.SignInAsync(email, IdentityJourneys.NewUserPassword)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync(email, NewPassword)).Status);
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        var ended = await other.GetAsync("/contoso-distribution/");
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.StartsWith("/account/sign-in", ended.Location, StringComparison.Ordinal);

        // Stored only as a hash; audited by name with the token redacted; in no log line of either host.
        var stored = await fixture.QueryAsync(db => db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM identity.password_reset_tokens WHERE user_id = {userId} AND used_at IS NOT NULL").SingleAsync());
        Assert.Equal(1, stored);
        var audit = await fixture.QueryAsync(db => db.Database.SqlQuery<string>(
            $"SELECT action || ' ' || details AS \"Value\" FROM identity.platform_audit_entries WHERE action LIKE '%PasswordReset%' ORDER BY id").ToListAsync());
        Assert.Contains(audit, a => a.StartsWith("RequestPasswordResetCommand", StringComparison.Ordinal) && a.Contains(userId.ToString(), StringComparison.Ordinal));
        Assert.Contains(audit, a => a.StartsWith("SendPasswordResetMailCommand", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.StartsWith("CompletePasswordResetCommand", StringComparison.Ordinal));
        Assert.All(audit, a => Assert.DoesNotContain(token, a, StringComparison.Ordinal));
        Assert.All(audit, a => Assert.DoesNotContain(NewPassword, a, StringComparison.Ordinal));
        Assert.NotEmpty(host.Logs.Lines);
        Assert.Empty(host.Logs.Containing(token));
        Assert.Empty(fixture.Logs.Containing(token));
        Assert.Empty(host.Logs.Containing(NewPassword));
    }

    [Fact]
    public async Task A_link_older_than_30_minutes_is_refused_with_a_way_to_ask_again()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        member.Dispose();
        await using var host = new ResetHost(fixture);
        using var portal = host.Portal();
        await portal.ForgotAsync(email);
        var (path, token) = LinkOf(await host.MailToAsync(email));

        fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        var link = await portal.GetAsync(path);
        var post = await portal.ResetAsync(token, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, link.Status);
        Assert.Equal("/account/reset-password", link.Location);
        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.StartsWith("This link to choose a new password is not valid any more", TextOf(post.Html, "reset-link-invalid"), StringComparison.Ordinal);
        using var fresh = host.Portal();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync(email, IdentityJourneys.NewUserPassword)).Status);
    }

    [Fact]
    public async Task Asking_again_and_again_for_one_address_waits_like_a_guess_the_same_for_an_unknown_address()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        member.Dispose();
        var unknown = IdentityJourneys.NewEmail("nobody");
        await using var host = new ResetHost(fixture);
        using var portal = host.Portal();
        using var elsewhere = host.Portal("198.18.255.254");

        var known = new List<HttpStatusCode>();
        var strangers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            known.Add((await portal.ForgotAsync(email)).Status);
            strangers.Add((await portal.ForgotAsync(unknown)).Status);
        }

        var knownWaits = await elsewhere.ForgotAsync(email); // per address: from any source
        var strangerWaits = await portal.ForgotAsync(unknown);

        Assert.All(known.Concat(strangers), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal((HttpStatusCode)429, knownWaits.Status);
        Assert.Equal((HttpStatusCode)429, strangerWaits.Status);
        Assert.Equal("Too many attempts. Please wait 30 seconds and try again.", TextOf(knownWaits.Html, "forgot-password-error"));
        Assert.Equal(TextOf(knownWaits.Html, "forgot-password-error"), TextOf(strangerWaits.Html, "forgot-password-error"));
        await host.MailToAsync(email, count: 5);
        Assert.Equal(5, host.Smtp.Received.Count(m => m.Recipients.Contains(email, StringComparer.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task One_source_asking_for_many_addresses_waits_too()
    {
        await using var host = new ResetHost(fixture, sourceFreeFailures: "4");
        using var portal = host.Portal();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await portal.ForgotAsync(IdentityJourneys.NewEmail("probe"))).Status);
        }

        var refused = await portal.ForgotAsync(IdentityJourneys.NewEmail("probe"));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal((HttpStatusCode)429, refused.Status);
        Assert.NotNull(refused.Html);
    }

    [Fact]
    public async Task The_sign_in_page_links_to_forgot_password_in_every_language()
    {
        await using var host = new ResetHost(fixture);
        foreach (var (culture, text) in new[] { ("en", "Forgot password?"), ("de", "Kennwort vergessen?"), ("fr", "Mot de passe oublié ?"), ("es", "¿Olvidó la contraseña?") })
        {
            using var portal = host.Portal();
            portal.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
            var page = await portal.GetAsync("/account/sign-in");
            Assert.Equal(text, TextOf(page.Html, "forgot-password"));
        }
    }

    private static async Task<double> TimedPostAsync(PortalClient portal, string antiforgery, string email)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await portal.PostWithTokenAsync("/account/forgot-password", antiforgery, Fields(("Email", email)));
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        return elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static (string Path, string Token) LinkOf(ReceivedMail mail)
    {
        var match = ResetLink().Match(mail.Body);
        Assert.True(match.Success, "The mail carries no reset link: " + mail.Body);
        return ("/account/reset-password?token=" + match.Groups["token"].Value, Uri.UnescapeDataString(match.Groups["token"].Value));
    }

    private static async Task<string?> RawHeaderAsync(ResetHost host, string path, string header)
    {
        using var raw = host.Factory.CreateHttpClient(handleCookies: false);
        raw.DefaultRequestHeaders.Add(TestSourceAddress.Header, host.Source);
        using var response = await raw.GetAsync(new Uri(path, UriKind.Relative));
        return response.Headers.TryGetValues(header, out var values) ? string.Join(",", values) : null;
    }

    [GeneratedRegex(@"https://portal\.gccsaas\.test/account/reset-password\?token=(?<token>[A-Za-z0-9_%-]+)")]
    private static partial Regex ResetLink();

    /// <summary>
    /// A second host on the fixture's database and clock that mails through a real SMTP server on loopback, served over
    /// Kestrel, recording its logs; each host's clients come from one source address of their own, so the guess
    /// throttle's per-source budget of one test does not reach into another's.
    /// </summary>
    private sealed class ResetHost : IAsyncDisposable
    {
        public ResetHost(IdentityFixture fixture, string answerTime = "00:00:00.2", string? sourceFreeFailures = null)
        {
            var settings = new Dictionary<string, string?>(Smtp.Settings(from: "GccSaaS <portal@gccsaas.test>"))
            {
                ["Portal:PublicBaseUrl"] = PublicBase,
                ["Identity:PasswordResetAnswerTime"] = answerTime,
            };
            if (sourceFreeFailures is not null)
            {
                settings["SignInThrottle:SourceFreeFailures"] = sourceFreeFailures;
            }

            Factory = new GccSaaSFactory(
                fixture.Database,
                services =>
                {
                    services.AddSingleton<TimeProvider>(fixture.Clock);
                    services.AddSingleton<ILoggerProvider>(Logs);
                },
                settings);
            Factory.StartKestrel();
        }

        public LoopbackSmtpServer Smtp { get; } = new();

        public LogRecorder Logs { get; } = new();

        public GccSaaSFactory Factory { get; }

        public string Source { get; } = $"198.18.{Random.Shared.Next(0, 254)}.{Random.Shared.Next(1, 254)}";

        /// <summary>The last mail to <paramref name="email"/> once <paramref name="count"/> have arrived (they leave after the answer).</summary>
        public async Task<ReceivedMail> MailToAsync(string email, int count = 1)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                var mails = Smtp.Received.Where(m => m.Recipients.Contains(email, StringComparer.OrdinalIgnoreCase)).ToList();
                if (mails.Count >= count)
                {
                    return mails[^1];
                }

                Assert.True(DateTime.UtcNow < deadline, $"{mails.Count} of {count} mails to {email} arrived in 20 seconds.");
                await Task.Delay(50);
            }
        }

        public PortalClient Portal(string? source = null)
        {
            var portal = new PortalClient(Factory);
            portal.Http.DefaultRequestHeaders.Add(TestSourceAddress.Header, source ?? Source);
            return portal;
        }

        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            await Smtp.DisposeAsync();
        }
    }
}

/// <summary>The forgot-password and reset-password forms as a browser posts them.</summary>
internal static class PasswordResetForms
{
    public static Task<PortalResponse> ForgotAsync(this PortalClient portal, string email) =>
        portal.PostFormAsync("/account/forgot-password", "/account/forgot-password", Fields(("Email", email)));

    /// <summary>Posts the reset form; <paramref name="page"/> is where the antiforgery token comes from (the link itself while it is open).</summary>
    public static Task<PortalResponse> ResetAsync(this PortalClient portal, string token, string password, string confirmation, string page = "/account/forgot-password") =>
        portal.PostFormAsync(page, "/account/reset-password",
            Fields(("Token", token), ("NewPassword", password), ("ConfirmPassword", confirmation)));
}
