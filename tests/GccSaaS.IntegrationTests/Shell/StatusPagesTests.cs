using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace GccSaaS.IntegrationTests.Shell;

/// <summary>
/// Errors on portal URLs answer a localised HTML page; /v1 keeps answering problem details (R-PC-10),
/// never HTML — whether the error is a status code or an exception.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class StatusPagesTests(PlatformFixture fixture) : IAsyncLifetime
{
    private GccSaaSFactory? _failingHost;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_failingHost is not null)
        {
            await _failingHost.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("de", "Nicht gefunden")]
    [InlineData("fr", "Introuvable")]
    [InlineData("es", "No encontrado")]
    [InlineData("en", "Not found")]
    public async Task An_unknown_portal_address_answers_a_localised_not_found_page(string language, string heading)
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await GetAsync(client, "/no-such-workspace/anything", language);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1 id=\"status-heading\">{heading}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_not_found_page_for_an_existing_tenant_looks_like_the_one_for_a_tenant_that_does_not_exist()
    {
        var tenant = await fixture.Services.CreateTenantAsync("hidden");
        using var client = fixture.Factory.CreateClient();

        using var existing = await GetAsync(client, $"/{tenant.Identifier}/no-such-page", "en");
        using var unknown = await GetAsync(client, "/zz-no-such-tenant/no-such-page", "en");

        Assert.Equal(HttpStatusCode.NotFound, existing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var existingHtml = await existing.Content.ReadAsStringAsync();
        Assert.DoesNotContain(tenant.Name, existingHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.Identifier, existingHtml.Replace($"value=\"/{tenant.Identifier}/no-such-page\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(
            Normalise(await unknown.Content.ReadAsStringAsync(), "/zz-no-such-tenant/no-such-page"),
            Normalise(existingHtml, $"/{tenant.Identifier}/no-such-page"));
    }

    [Fact]
    public async Task An_unknown_api_address_answers_problem_details_not_html()
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await GetAsync(client, "/v1/no-such-resource", "de");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_failure_on_a_portal_page_answers_a_localised_error_page_and_on_the_api_problem_details()
    {
        _failingHost = new GccSaaSFactory(fixture.Database, services => services.AddTenantResolutionStrategy<ExplodingStrategy>());
        using var client = _failingHost.CreateClient();

        using var portal = await GetAsync(client, "/explode/now", "fr");
        using var api = await GetAsync(client, "/v1/explode", "fr");

        Assert.Equal(HttpStatusCode.InternalServerError, portal.StatusCode);
        Assert.Equal("text/html", portal.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Une erreur s&#x27;est produite", await portal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        return await client.SendAsync(request);
    }

    /// <summary>The page differs only in the address the language switch returns to, and in cache-busting or antiforgery values.</summary>
    private static string Normalise(string html, string path) =>
        System.Text.RegularExpressions.Regex.Replace(
            html.Replace(path, "{path}", StringComparison.Ordinal),
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"",
            "{token}",
            System.Text.RegularExpressions.RegexOptions.None,
            TimeSpan.FromSeconds(1));

    /// <summary>A test-only strategy that fails for requests whose path names "explode", like a bug deep in the pipeline.</summary>
    private sealed class ExplodingStrategy : ITenantResolutionStrategy
    {
        public Task<TenantInfo?> ResolveAsync(HttpContext context, ITenantLookup store) =>
            context.Request.Path.Value?.Contains("explode", StringComparison.Ordinal) == true
                ? throw new InvalidOperationException("Boom (test).")
                : Task.FromResult<TenantInfo?>(null);
    }
}
