using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Api.Harness;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>
/// Every /v1 error is problem details with a type naming it, Partner Center's numeric code, description, data,
/// source and correlation id (R-PC-10, issue 13), never
/// an HTML page or an empty body, whatever the client accepts.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ProblemDetailsTests(ApiFixture fixture)
{
    public static TheoryData<string> Accepts => ["application/json", "text/html", "*/*", ""];

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task A_malformed_body_answers_400_invalid_json(string accept)
    {
        using var client = await ClientAsync(accept);
        using var content = new StringContent("{ \"name\": ", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(ApiHarness.Widgets, content);

        await response.AssertProblemAsync(400, "invalid_json");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task An_unauthenticated_call_answers_401_unauthorized(string accept)
    {
        using var client = await ClientAsync(accept);

        using var response = await client.GetAsync("/v1/test-harness/status/401");

        await response.AssertProblemAsync(401, "unauthorized");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task A_forbidden_call_answers_403_forbidden(string accept)
    {
        using var client = await ClientAsync(accept);

        using var response = await client.GetAsync("/v1/test-harness/status/403");

        await response.AssertProblemAsync(403, "forbidden");
    }

    [Theory]
    [InlineData("/v1/nothing-here", "text/html")]
    [InlineData("/v1/nothing-here", "application/json")]
    [InlineData("/v1", "text/html")]
    [InlineData("/V1/Nothing/Here", "")]
    public async Task An_unknown_api_path_answers_404_not_found(string path, string accept)
    {
        using var client = await ClientAsync(accept);

        using var response = await client.GetAsync(path);

        await response.AssertProblemAsync(404, "not_found");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task A_method_the_resource_does_not_accept_answers_405(string accept)
    {
        using var client = await ClientAsync(accept);

        using var response = await client.PutAsync(ApiHarness.Widgets, new StringContent("{}", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(405, "method_not_allowed");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task A_body_that_is_not_json_answers_415(string accept)
    {
        using var client = await ClientAsync(accept);

        using var response = await client.PostAsync(ApiHarness.Widgets, new StringContent("name=x", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(415, "unsupported_media_type");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task An_unexpected_failure_answers_500_internal_error_without_its_details(string accept)
    {
        using var client = await ClientAsync(accept);

        using var response = await client.GetAsync("/v1/test-harness/crash");

        var problem = await response.AssertProblemAsync(500, "internal_error");
        Assert.DoesNotContain("secret detail", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validation_problem_lists_its_failures_in_data()
    {
        using var client = await ClientAsync("application/json");

        using var response = await client.GetAsync("/v1/test-harness/validation");

        var problem = await response.AssertProblemAsync(400, "invalid_input");
        var failure = Assert.Single(problem.GetProperty("data").EnumerateArray());
        Assert.Equal("name", failure.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_rule_refusal_keeps_its_own_name_and_description_and_answers_400_never_422()
    {
        using var client = await ClientAsync("application/json");

        using var response = await client.SendAsync(ApiCalls.CreateWidget("refused", fail: "refuse"));

        // Issue 13: Partner Center answers business refusals with 400 (409 for conflicts); its SDK retries a 422.
        var problem = await response.AssertProblemAsync(400, "widget_refused");
        Assert.Equal("The harness refuses this widget.", problem.GetProperty("description").GetString());
        Assert.Equal("urn:gccsaas:error:widget_refused", problem.GetProperty("type").GetString());
        Assert.Equal(ApiErrorCodes.UnlistedNumber, problem.GetProperty("code").GetInt32()); // a harness code, not the product's
        Assert.Empty(problem.GetProperty("data").EnumerateArray());
        Assert.Equal(ApiHarness.Widgets, problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task A_not_found_carries_partner_centers_number_and_an_empty_data_array()
    {
        using var client = await ClientAsync("application/json");

        using var response = await client.GetAsync("/v1/nothing-here");

        var problem = await response.AssertProblemAsync(404, "not_found");
        Assert.Equal(1000, problem.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Array, problem.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task Portal_errors_outside_v1_are_left_to_the_portal()
    {
        using var client = fixture.ClientFor(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page/really");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await client.SendAsync(request);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.NotEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpClient> ClientAsync(string accept)
    {
        var client = fixture.ClientFor(await fixture.CreateTenantAsync());
        if (accept.Length > 0)
        {
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return client;
    }
}
