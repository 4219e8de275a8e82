using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>Tenant-scoped API keys: shown once, stored hashed, carrying a role, revocable, the tenant taken from the key.</summary>
[Collection(IdentityCollection.Name)]
public sealed class ApiKeyTests(IdentityFixture fixture)
{
    [Fact]
    public async Task A_key_authenticates_v1_calls_in_its_own_tenant_with_its_role()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var (id, key) = await admin.CreateApiKeyAsync(IdentityFixture.Contoso, "SalesAgent", "ci-pipeline");
        using var api = ApiClient.Create(fixture.Factory, key);

        using var response = await api.GetAsync(new Uri("/v1/profiles/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("apiKey", me.GetProperty("kind").GetString());
        Assert.Equal(id, me.GetProperty("apiKeyId").GetGuid());
        Assert.Equal("ci-pipeline", me.GetProperty("displayName").GetString());
        Assert.Equal("SalesAgent", me.GetProperty("role").GetString());
        Assert.Equal(IdentityFixture.Contoso, me.GetProperty("tenant").GetProperty("identifier").GetString());
    }

    [Fact]
    public async Task The_key_is_shown_once_and_only_its_hash_is_stored()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var (id, key) = await admin.CreateApiKeyAsync(IdentityFixture.Contoso, "AdminAgent");

        var page = await admin.GetAsync("/contoso-distribution/settings/api-keys");
        Assert.DoesNotContain(key, page.Html, StringComparison.Ordinal);
        Assert.Null(TextOf(page.Html, "api-key-secret"));
        Assert.Contains($"data-api-key-id=\"{id}\"", page.Html, StringComparison.Ordinal);

        var stored = await fixture.QueryAsync(db => db.ApiKeys.SingleAsync(k => k.Id == id));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored.SecretHash);
        Assert.True(await RowTextOfAsync("identity.api_keys", id) is var row && !row.Contains(key[(key.IndexOf('_', "gcc_".Length) + 1)..], StringComparison.Ordinal),
            "the secret part of the key must appear in no column");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gcc_aaaaaaaaaaaa_not-a-real-secret-at-all-0000000000000000000")]
    [InlineData("not-even-shaped-like-a-key")]
    public async Task A_missing_or_invalid_key_gets_401_problem_details(string? key)
    {
        using var api = ApiClient.Create(fixture.Factory, key);

        using var response = await api.GetAsync(new Uri("/v1/profiles/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unauthorized", ApiCalls.ErrorName(problem));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("description").GetString()));
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_right_prefix_with_a_wrong_secret_is_refused()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var (_, key) = await admin.CreateApiKeyAsync(IdentityFixture.Contoso, "SalesAgent");
        var forged = key[..^4] + (key[^4..] == "AAAA" ? "BBBB" : "AAAA");
        using var api = ApiClient.Create(fixture.Factory, forged);

        using var response = await api.GetAsync(new Uri("/v1/profiles/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_portal_cookie_does_not_authenticate_the_api()
    {
        using var portal = await fixture.SignedInAsync("global.admin@contoso.demo");

        using var response = await portal.Http.GetAsync(new Uri("/v1/profiles/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var (id, key) = await admin.CreateApiKeyAsync(IdentityFixture.Contoso, "SalesAgent");
        using var api = ApiClient.Create(fixture.Factory, key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/v1/profiles/me", UriKind.Relative))).StatusCode);

        var revoke = await admin.PostFormAsync("/contoso-distribution/settings/api-keys", "/contoso-distribution/settings/api-keys?handler=Revoke",
            Fields(("apiKeyId", id.ToString())));

        Assert.Equal(HttpStatusCode.Redirect, revoke.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(new Uri("/v1/profiles/me", UriKind.Relative))).StatusCode);
        var page = await admin.GetAsync("/contoso-distribution/settings/api-keys");
        Assert.Contains($"data-api-key-id=\"{id}\" data-status=\"revoked\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-revoke-key=\"{id}\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_of_one_tenant_cannot_reach_another_tenants_users()
    {
        using var contosoAdmin = await fixture.SignedInAsync("global.admin@contoso.demo");
        using var fabrikamAdmin = await fixture.SignedInAsync("multi@gccsaas.demo");
        var (_, contosoKey) = await contosoAdmin.CreateApiKeyAsync(IdentityFixture.Contoso, "GlobalAdmin");
        var (_, fabrikamKey) = await fabrikamAdmin.CreateApiKeyAsync(IdentityFixture.Fabrikam, "GlobalAdmin");
        var contosoOnly = await fixture.UserIdAsync("sales.agent@contoso.demo");
        var both = await fixture.UserIdAsync("multi@gccsaas.demo");
        using var contosoApi = ApiClient.Create(fixture.Factory, contosoKey);
        using var fabrikamApi = ApiClient.Create(fixture.Factory, fabrikamKey);

        var fromContoso = await contosoApi.GetAsync(new Uri($"/v1/users/{contosoOnly}", UriKind.Relative));
        var fromFabrikam = await fabrikamApi.GetAsync(new Uri($"/v1/users/{contosoOnly}", UriKind.Relative));
        var multiInFabrikam = await fabrikamApi.GetFromJsonAsync<JsonElement>(new Uri($"/v1/users/{both}", UriKind.Relative));
        var fabrikamMe = await fabrikamApi.GetFromJsonAsync<JsonElement>(new Uri("/v1/profiles/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, fromContoso.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromFabrikam.StatusCode);
        Assert.Equal("not_found", ApiCalls.ErrorName(await fromFabrikam.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal("GlobalAdmin", multiInFabrikam.GetProperty("role").GetString());
        Assert.Equal(IdentityFixture.Fabrikam, fabrikamMe.GetProperty("tenant").GetProperty("identifier").GetString());
    }

    [Theory]
    [InlineData("GlobalAdmin", HttpStatusCode.OK)]
    [InlineData("AdminAgent", HttpStatusCode.Forbidden)]
    [InlineData("SalesAgent", HttpStatusCode.Forbidden)]
    public async Task The_keys_role_decides_what_it_may_do(string role, HttpStatusCode expected)
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var (_, key) = await admin.CreateApiKeyAsync(IdentityFixture.Contoso, role);
        using var api = ApiClient.Create(fixture.Factory, key);
        var member = await fixture.UserIdAsync("admin.agent@contoso.demo");

        using var response = await api.GetAsync(new Uri($"/v1/users/{member}", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("forbidden", ApiCalls.ErrorName(await response.Content.ReadFromJsonAsync<JsonElement>()));
        }
    }

    [Fact]
    public async Task The_last_used_time_is_recorded_and_moves_on_with_later_use()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var (id, key) = await admin.CreateApiKeyAsync(IdentityFixture.Contoso, "SalesAgent");
        using var api = ApiClient.Create(fixture.Factory, key);
        Assert.Null(await LastUsedAsync(id));

        await api.GetAsync(new Uri("/v1/profiles/me", UriKind.Relative));
        var first = await LastUsedAsync(id);
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await api.GetAsync(new Uri("/v1/profiles/me", UriKind.Relative));
        var second = await LastUsedAsync(id);

        Assert.NotNull(first);
        Assert.Equal(TimeSpan.FromMinutes(5), second - first);
        var page = await admin.GetAsync("/contoso-distribution/settings/api-keys");
        Assert.Contains($"data-last-used=\"{second!.Value.UtcDateTime:O}\"", page.Html[page.Html.IndexOf($"data-api-key-id=\"{id}\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_carry_provider_roles_only()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");

        var response = await admin.PostFormAsync("/contoso-distribution/settings/api-keys", "/contoso-distribution/settings/api-keys?handler=Create",
            Fields(("Name", "reseller key"), ("Role", "ResellerAdmin")));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Null(TextOf(response.Html, "api-key-secret"));
    }

    [Fact]
    public async Task The_identity_endpoints_are_in_the_openapi_document()
    {
        using var client = fixture.Factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/profiles/me", out _));
        Assert.True(paths.TryGetProperty("/v1/users/{userId}", out _));
    }

    private Task<DateTimeOffset?> LastUsedAsync(Guid id) =>
        fixture.QueryAsync(db => db.ApiKeys.Where(k => k.Id == id).Select(k => k.LastUsedAt).SingleAsync());

    /// <summary>The whole row as text, as the database holds it.</summary>
    private async Task<string> RowTextOfAsync(string table, Guid id)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT t::text FROM {table} t WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
