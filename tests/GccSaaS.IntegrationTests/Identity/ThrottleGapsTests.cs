using System.Net;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// Issue 18, the throttles not proven elsewhere: the two-factor code form waits after 5 wrong codes for that user (also
/// for the right code, and from another source), and the portal's per-user request budget answers 429 with Retry-After
/// to that user only, from whichever source it comes.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class ThrottleGapsTests(IdentityFixture fixture)
{
    [Fact]
    public async Task After_five_wrong_two_factor_codes_the_user_waits_30_seconds_even_with_the_right_code_and_from_another_source()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        string key;
        using (member)
        {
            var setUp = await member.PostFormAsync("/account/two-factor", "/account/two-factor?handler=SetUp", []);
            Assert.Equal(HttpStatusCode.Redirect, setUp.Status);
            key = TextOf((await member.GetAsync("/account/two-factor")).Html, "authenticator-key") ?? throw new InvalidOperationException("No authenticator key shown.");
            var enabled = await member.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Enable",
                Fields(("Code", IdentityJourneys.TotpCode(key, DateTimeOffset.UtcNow))));
            Assert.Equal(HttpStatusCode.OK, enabled.Status);
        }

        using var portal = fixture.Portal();
        var step = await portal.SignInAsync(email, IdentityJourneys.NewUserPassword);
        Assert.StartsWith("/account/sign-in/two-factor", step.Location, StringComparison.Ordinal);
        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add((await portal.PostFormAsync(step.Location!, "/account/sign-in/two-factor", Fields(("Code", "000000")))).Status);
        }

        var rightButWaiting = await portal.PostFormAsync(step.Location!, "/account/sign-in/two-factor",
            Fields(("Code", IdentityJourneys.TotpCode(key, DateTimeOffset.UtcNow))));
        var recoveryWaiting = await portal.PostFormAsync(step.Location!, "/account/sign-in/two-factor?handler=Recovery", Fields(("RecoveryCode", "AAAA-BBBB")));

        Assert.All(wrong, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal((HttpStatusCode)429, rightButWaiting.Status);
        Assert.Equal("Too many attempts. Please wait 30 seconds and try again.", TextOf(rightButWaiting.Html, "two-factor-error"));
        Assert.Equal((HttpStatusCode)429, recoveryWaiting.Status);

        // The wait is the user's, wherever the next attempt comes from; it ends by itself.
        using var elsewhere = fixture.Portal();
        elsewhere.Http.DefaultRequestHeaders.Add(TestSourceAddress.Header, "203.0.113.99");
        var stepElsewhere = await elsewhere.SignInAsync(email, IdentityJourneys.NewUserPassword);
        var waitingElsewhere = await elsewhere.PostFormAsync(stepElsewhere.Location!, "/account/sign-in/two-factor",
            Fields(("Code", IdentityJourneys.TotpCode(key, DateTimeOffset.UtcNow))));
        Assert.Equal((HttpStatusCode)429, waitingElsewhere.Status);
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        var after = await portal.PostFormAsync(step.Location!, "/account/sign-in/two-factor",
            Fields(("Code", IdentityJourneys.TotpCode(key, DateTimeOffset.UtcNow))));
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
    }

    [Fact]
    public async Task A_signed_in_user_beyond_the_per_user_budget_gets_429_with_retry_after_from_any_source_while_another_user_goes_on()
    {
        var (email, _, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        member.Dispose();
        var (otherEmail, _, otherMember) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "SalesAgent");
        otherMember.Dispose();
        await using var host = new GccSaaSFactory(
            fixture.Database,
            services => services.AddSingleton<TimeProvider>(fixture.Clock),
            new Dictionary<string, string?> { ["RateLimiting:PortalPerUserPerMinute"] = "4" });
        using var busy = new PortalClient(host);
        Assert.Equal(HttpStatusCode.Redirect, (await busy.SignInAsync(email, IdentityJourneys.NewUserPassword)).Status);
        using var other = new PortalClient(host);
        Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync(otherEmail, IdentityJourneys.NewUserPassword)).Status);
        StayInOneWindow();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            busy.Http.DefaultRequestHeaders.Remove(TestSourceAddress.Header);
            busy.Http.DefaultRequestHeaders.Add(TestSourceAddress.Header, $"192.0.2.{10 + i}"); // a new source each time
            using var response = await busy.Http.GetAsync(new Uri("/select-tenant", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        using var refused = await busy.Http.GetAsync(new Uri("/select-tenant", UriKind.Relative));
        using var otherUser = await other.Http.GetAsync(new Uri("/select-tenant", UriKind.Relative));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("data-status=\"429\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);

        // The next window starts a new budget.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        using var later = await busy.Http.GetAsync(new Uri("/select-tenant", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    /// <summary>The fixed windows follow the fixture's clock: start well inside one, so a burst never spans two.</summary>
    private void StayInOneWindow()
    {
        var intoMinute = fixture.Clock.GetUtcNow().UtcTicks % TimeSpan.TicksPerMinute;
        fixture.Clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerMinute - intoMinute) + TimeSpan.FromSeconds(1));
    }
}
