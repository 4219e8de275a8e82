using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Features.ReviewDesk;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Validation;

/// <summary>The review desk: Validation reviewers only, the queue by due date with keyset paging, concurrent reviewers.</summary>
[Collection(ValidationCollection.Name)]
public sealed class ReviewDeskTests(ValidationFixture fixture)
{
    [Theory]
    [InlineData("global.admin@contoso.demo")]
    [InlineData("sales.agent@contoso.demo")]
    [InlineData("reseller.admin@adatum.demo")]
    [InlineData("platform.admin@gccsaas.demo")]
    public async Task The_review_desk_is_for_Validation_reviewers_only(string email)
    {
        using var user = await fixture.SignedInAsync(email);
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "GlobalAdmin");
        var someCase = await SubmitAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/platform/review-desk")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync($"/platform/review-desk/{someCase}")).Status);
        using var list = await api.GetAsync(new Uri("/v1/platform/validationcases", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        using var approve = await api.PostAsJsonAsync($"/v1/platform/validationcases/{someCase}/approve", new { });
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
    }

    [Fact]
    public async Task Two_reviewers_acting_on_one_case_at_once_one_wins_and_the_other_gets_409()
    {
        using var first = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        using var second = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        var id = await SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await first.ActAsync(id, "StartReview", 0)).Status);

        // Both loaded the page at version 1; one approves while the other denies.
        var firstPage = await first.GetAsync($"/platform/review-desk/{id}");
        var secondPage = await second.GetAsync($"/platform/review-desk/{id}");
        var results = await Task.WhenAll(
            first.PostWithTokenAsync($"/platform/review-desk/{id}?handler=Approve", AntiforgeryToken(firstPage.Html)!, Fields(("Version", "1"))),
            second.PostWithTokenAsync($"/platform/review-desk/{id}?handler=Deny", AntiforgeryToken(secondPage.Html)!, Fields(("Version", "1"), ("Message", "Not eligible."))));

        Assert.Single(results, r => r.Status == HttpStatusCode.Redirect);
        var loser = Assert.Single(results, r => r.Status == HttpStatusCode.Conflict);
        Assert.False(string.IsNullOrWhiteSpace(TextOf(loser.Html, "form-errors")));
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "SalesAgent");
        var own = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/validationcases/{id}", UriKind.Relative));
        Assert.Contains(own.GetProperty("state").GetString(), new[] { "Approved", "Denied" });
        Assert.Equal(3, own.GetProperty("history").GetArrayLength()); // submit, start review, one decision
    }

    [Fact]
    public async Task R_VAL_3_the_queue_is_ordered_by_due_date_pages_by_keyset_and_filters_kind_and_state()
    {
        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync();
        }

        await using var scope = fixture.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        // The queue is the desk's read across tenants, asked as a Validation reviewer (ADR 0021 checks the role).
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Role, GccSaaSRoles.ValidationReviewer)], "test")),
        };
        var seen = new List<GccSaaS.Modules.Validation.Features.Cases.ValidationCaseSummary>();
        ReviewQueueCursor? after = null;
        while (true)
        {
            var page = await mediator.Send(new ListReviewQueueQuery(ValidationCaseKind.Customer, null, after, 3));
            seen.AddRange(page.Take(2));
            if (page.Count <= 2)
            {
                break;
            }

            after = ListReviewQueueHandler.CursorOf(page[1]);
        }

        Assert.True(seen.Count >= 3);
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count()); // no row twice, none skipped between pages
        Assert.All(seen, s => Assert.Equal("Customer", s.Kind));
        Assert.All(seen, s => Assert.NotEqual("Approved", s.State));
        var keys = seen.Select(ListReviewQueueHandler.CursorOf).ToList();
        Assert.Equal(keys.OrderBy(k => k.Due).ThenBy(k => k.Id).ToList(), keys);

        var approved = await mediator.Send(new ListReviewQueueQuery(null, ValidationCaseState.Approved, null, 50));
        Assert.All(approved, s => Assert.Equal("Approved", s.State));

        using var reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        var filtered = await reviewer.GetAsync("/platform/review-desk?Kind=Customer&State=Submitted");
        Assert.Equal(HttpStatusCode.OK, filtered.Status);
        Assert.DoesNotContain("data-state=\"InReview\"", filtered.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"desk-banner\"", filtered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_desk_speaks_German_French_and_Spanish()
    {
        using var reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        var id = await SubmitAsync();
        foreach (var (culture, title, start) in new[] { ("de", "Prüfschalter", "Prüfung beginnen"), ("fr", "Bureau d'examen", "Commencer l'examen"), ("es", "Mesa de revisión", "Iniciar la revisión") })
        {
            var desk = await reviewer.GetAsync($"/platform/review-desk?culture={culture}");
            Assert.Equal(title, TextOf(desk.Html, "desk-title"));
            var page = await reviewer.GetAsync($"/platform/review-desk/{id}?culture={culture}");
            Assert.Equal(start, TextOf(page.Html, "start-review"));
        }
    }

    [Fact]
    public async Task The_platform_home_shows_a_reviewer_the_open_and_overdue_cases_and_the_platform_admin_not()
    {
        await SubmitAsync();
        using var reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        using var admin = await fixture.SignedInAsync("platform.admin@gccsaas.demo");

        var home = await reviewer.GetAsync("/platform");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("data-figure=\"review-desk.open\"", home.Html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"review-desk.overdue\"", home.Html, StringComparison.Ordinal);
        var desk = await reviewer.GetAsync("/platform/review-desk");
        var open = System.Text.RegularExpressions.Regex.Match(desk.Html, "data-open=\"(\\d+)\"", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;
        Assert.True(int.Parse(open, System.Globalization.CultureInfo.InvariantCulture) >= 1);

        var adminHome = await admin.GetAsync("/platform");
        Assert.DoesNotContain("review-desk.open", adminHome.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_VAL_7_the_providers_global_admins_hear_of_an_information_request_and_of_the_decision()
    {
        var id = await SubmitAsync(); // through the API: no submitting user to tell
        using var reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(id, "StartReview", 0)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(id, "RequestInformation", 1, "Send the charter of " + id.ToString("N")[..8] + ".")).Status);

        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var centre = await admin.GetAsync($"/{IdentityFixture.Contoso}/notifications");
        Assert.Contains("Send the charter of " + id.ToString("N")[..8] + ".", centre.Html, StringComparison.Ordinal);

        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "SalesAgent");
        using (var answered = await api.PostAsJsonAsync($"/v1/validationcases/{id}/answer", new { answer = "Attached." }))
        {
            Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(id, "Approve", 3)).Status);
        var decided = await admin.GetAsync($"/{IdentityFixture.Contoso}/notifications");
        Assert.Contains($"/{IdentityFixture.Contoso}/validation/{id}", decided.Html, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(decided.Html, $"/{IdentityFixture.Contoso}/validation/{id}\""));
    }

    private Task<Guid> SubmitAsync() => fixture.SubmitCustomerCaseAsync("SalesAgent", "UsStateGovernment");
}
