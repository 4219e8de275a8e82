using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static GccSaaS.IntegrationTests.Validation.PartnerValidationSubmissionTests;

namespace GccSaaS.IntegrationTests.Validation;

/// <summary><c>/v1/platform/validationcases</c> with platform API keys: the review desk's API (Validation reviewers only).</summary>
[Collection(ValidationCollection.Name)]
public sealed class PlatformValidationApiTests(ValidationFixture fixture)
{
    [Fact]
    public async Task A_reviewer_works_a_case_through_the_API_with_refusal_codes_and_versions()
    {
        using var reviewer = await fixture.PlatformApiAsync();
        var id = await SubmitAsync();

        var one = await reviewer.GetFromJsonAsync<JsonElement>(new Uri($"/v1/platform/validationcases/{id}", UriKind.Relative));
        Assert.Equal("Submitted", one.GetProperty("state").GetString());
        using (var missing = await reviewer.GetAsync(new Uri($"/v1/platform/validationcases/{Guid.NewGuid()}", UriKind.Relative)))
        {
            await AssertRefusedAsync(missing, HttpStatusCode.NotFound, "validation_case_not_found");
        }

        using (var early = await reviewer.PostAsJsonAsync($"/v1/platform/validationcases/{id}/approve", new { version = 0 }))
        {
            await AssertRefusedAsync(early, HttpStatusCode.Conflict, "validation_case_invalid_transition");
        }

        using (var start = await reviewer.PostAsJsonAsync($"/v1/platform/validationcases/{id}/startreview", new { version = 0 }))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
            Assert.Equal("InReview", (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        }

        using (var noMessage = await reviewer.PostAsJsonAsync($"/v1/platform/validationcases/{id}/requestinformation", new { version = 1 }))
        {
            await AssertRefusedAsync(noMessage, HttpStatusCode.BadRequest, "information_request_message_required");
        }

        using (var noReason = await reviewer.PostAsJsonAsync($"/v1/platform/validationcases/{id}/deny", new { version = 1 }))
        {
            await AssertRefusedAsync(noReason, HttpStatusCode.BadRequest, "denial_reason_required");
        }

        using (var stale = await reviewer.PostAsJsonAsync($"/v1/platform/validationcases/{id}/deny", new { reason = "No.", version = 0 }))
        {
            await AssertRefusedAsync(stale, HttpStatusCode.Conflict, "validation_case_changed");
        }

        // Two reviewers at once: one wins, the other gets 409.
        var results = await Task.WhenAll(
            reviewer.PostAsJsonAsync($"/v1/platform/validationcases/{id}/approve", new { version = 1 }),
            reviewer.PostAsJsonAsync($"/v1/platform/validationcases/{id}/deny", new { reason = "Not eligible.", version = 1 }));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
        foreach (var r in results)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task The_queue_pages_with_continuation_tokens_in_due_date_order_and_is_refused_to_other_roles()
    {
        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync();
        }

        using var reviewer = await fixture.PlatformApiAsync();
        var seen = new List<(DateTimeOffset Due, Guid Id)>();
        var uri = new Uri("/v1/platform/validationcases?kind=Customer&size=2", UriKind.Relative);
        string? token = null;
        for (var page = 0; page < 50; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (token is not null)
            {
                request.Headers.Add("MS-ContinuationToken", token);
            }

            using var response = await reviewer.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => (
                i.GetProperty("dueAt").ValueKind == JsonValueKind.Null ? DateTimeOffset.MaxValue : i.GetProperty("dueAt").GetDateTimeOffset(),
                i.GetProperty("id").GetGuid())));
            if (!body.GetProperty("links").TryGetProperty("next", out var next))
            {
                break;
            }

            uri = new Uri(next.GetProperty("uri").GetString()!, UriKind.Relative);
            token = next.GetProperty("headers").EnumerateArray().Single(h => h.GetProperty("key").GetString() == "MS-ContinuationToken").GetProperty("value").GetString();
        }

        Assert.True(seen.Count >= 3);
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.OrderBy(s => s.Due).ThenBy(s => s.Id).ToList(), seen);

        using var admin = await fixture.PlatformApiAsync("platform.admin@gccsaas.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(new Uri("/v1/platform/validationcases", UriKind.Relative))).StatusCode);
        using (var badFilter = await reviewer.GetAsync(new Uri("/v1/platform/validationcases?state=Sleeping", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        }
    }

    private Task<Guid> SubmitAsync() => fixture.SubmitCustomerCaseAsync("AdminAgent", "FederallyFundedResearchCentre");
}
