using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// Platform API keys (ADR 0011): a platform user's own credential for <c>/v1/platform/</c>, carrying the
/// user's platform roles as they are at each use; useless on tenant routes; revocable; shown once.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class PlatformApiKeyTests(IdentityFixture fixture)
{
    private const string PlatformAdmin = "platform.admin@gccsaas.demo";
    private const string Reviewer = "reviewer@gccsaas.demo";
    private static readonly Uri PlatformPartners = new("/v1/platform/partners", UriKind.Relative);

    [Fact]
    public async Task A_platform_admin_creates_a_key_on_the_page_and_reads_the_platform_partner_directory_with_it()
    {
        using var admin = await fixture.SignedInAsync(PlatformAdmin);
        var (_, key) = await CreatePlatformKeyAsync(admin, "directory sync");
        using var api = ApiClient.Create(fixture.Factory, key);

        using var response = await api.GetAsync(PlatformPartners);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(body.GetProperty("items").EnumerateArray(), i => i.GetProperty("legalName").GetString() == "Contoso Distribution");
        Assert.StartsWith("gccp_", key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/profiles/me")]
    [InlineData("/v1/profiles/organization")]
    [InlineData("/v1/customers/all/validations")]
    public async Task A_platform_key_is_401_on_tenant_routes(string path)
    {
        using var admin = await fixture.SignedInAsync(PlatformAdmin);
        var (_, key) = await CreatePlatformKeyAsync(admin);
        using var api = ApiClient.Create(fixture.Factory, key);

        using var response = await api.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", ApiCalls.ErrorName(await response.Content.ReadFromJsonAsync<JsonElement>()));
    }

    [Fact]
    public async Task A_tenant_key_is_refused_on_platform_routes()
    {
        using var tenantAdmin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var (_, tenantKey) = await tenantAdmin.CreateApiKeyAsync(IdentityFixture.Contoso, "GlobalAdmin");
        using var api = ApiClient.Create(fixture.Factory, tenantKey);

        using var response = await api.GetAsync(PlatformPartners);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", ApiCalls.ErrorName(await response.Content.ReadFromJsonAsync<JsonElement>()));
    }

    [Fact]
    public async Task A_revoked_platform_key_gets_401_at_once()
    {
        using var admin = await fixture.SignedInAsync(PlatformAdmin);
        var (id, key) = await CreatePlatformKeyAsync(admin);
        using var api = ApiClient.Create(fixture.Factory, key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(PlatformPartners)).StatusCode);

        var revoke = await admin.PostFormAsync("/platform/api-keys", "/platform/api-keys?handler=Revoke", Fields(("apiKeyId", id.ToString())));

        Assert.Equal(HttpStatusCode.Redirect, revoke.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(PlatformPartners)).StatusCode);
        var page = await admin.GetAsync("/platform/api-keys");
        Assert.Contains($"data-api-key-id=\"{id}\" data-status=\"revoked\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_who_loses_the_platform_role_loses_the_keys_power_and_regains_it_with_the_role()
    {
        var email = IdentityJourneys.NewEmail("platform");
        await ChangePlatformRoleAsync(email, add: true, create: true);
        using var person = await fixture.SignedInAsync(email, IdentityJourneys.NewUserPassword);
        var (_, key) = await CreatePlatformKeyAsync(person);
        using var api = ApiClient.Create(fixture.Factory, key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(PlatformPartners)).StatusCode);

        await ChangePlatformRoleAsync(email, add: false);
        using var withoutRole = await api.GetAsync(PlatformPartners);
        await ChangePlatformRoleAsync(email, add: true);
        using var withRoleAgain = await api.GetAsync(PlatformPartners);

        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.StatusCode);
        Assert.Equal("forbidden", ApiCalls.ErrorName(await withoutRole.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(HttpStatusCode.OK, withRoleAgain.StatusCode);
    }

    [Fact]
    public async Task A_reviewers_key_carries_the_reviewer_role_only()
    {
        using var reviewer = await fixture.SignedInAsync(Reviewer);
        var (_, key) = await CreatePlatformKeyAsync(reviewer);
        using var api = ApiClient.Create(fixture.Factory, key);

        using var response = await api.GetAsync(PlatformPartners);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_key_is_shown_once_only_its_hash_is_stored_and_only_its_owner_sees_or_revokes_it()
    {
        using var admin = await fixture.SignedInAsync(PlatformAdmin);
        using var reviewer = await fixture.SignedInAsync(Reviewer);
        var (id, key) = await CreatePlatformKeyAsync(admin);

        var ownPage = await admin.GetAsync("/platform/api-keys");
        var otherPage = await reviewer.GetAsync("/platform/api-keys");
        var foreignRevoke = await reviewer.PostFormAsync("/platform/api-keys", "/platform/api-keys?handler=Revoke", Fields(("apiKeyId", id.ToString())));
        var stored = await fixture.QueryAsync(db => db.PlatformApiKeys.SingleAsync(k => k.Id == id));

        Assert.DoesNotContain(key, ownPage.Html, StringComparison.Ordinal);
        Assert.Contains($"data-api-key-id=\"{id}\" data-status=\"active\"", ownPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), otherPage.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreignRevoke.Status);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored.SecretHash);
        Assert.Null(stored.RevokedAt);
    }

    [Theory]
    [InlineData("global.admin@contoso.demo")]
    [InlineData("sales.agent@contoso.demo")]
    public async Task Tenant_users_cannot_open_the_platform_key_page(string email)
    {
        using var user = await fixture.SignedInAsync(email);

        var page = await user.GetAsync("/platform/api-keys");
        var create = await user.PostFormAsync("/platform/api-keys", "/platform/api-keys?handler=Create", Fields(("Name", "sneaky")));

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.NotEqual(HttpStatusCode.OK, create.Status);
        Assert.Null(TextOf(create.Html, "api-key-secret"));
    }

    [Fact]
    public async Task The_page_speaks_german()
    {
        using var admin = await fixture.SignedInAsync(PlatformAdmin);

        var page = await admin.GetAsync("/platform/api-keys?culture=de&ui-culture=de");

        Assert.Contains("Plattform-API-Schlüssel", page.Html, StringComparison.Ordinal);
    }

    private static async Task<(Guid Id, string Key)> CreatePlatformKeyAsync(PortalClient user, string? name = null)
    {
        var response = await user.PostFormAsync("/platform/api-keys", "/platform/api-keys?handler=Create",
            Fields(("Name", name ?? "key-" + Guid.NewGuid().ToString("N")[..6])));
        Assert.True(response.Status == HttpStatusCode.OK, $"Creating a platform key answered {(int)response.Status}: {TextOf(response.Html, "form-errors")}");
        var key = TextOf(response.Html, "api-key-secret") ?? throw new InvalidOperationException("No key shown.");
        var prefix = key.Split('_')[1];
        var id = System.Text.RegularExpressions.Regex.Match(
            response.Html, $"""data-api-key-id="([0-9a-f-]+)"(?:(?!</tr>).)*gccp_{prefix}""", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        return (Guid.Parse(id), key);
    }

    /// <summary>
    /// Platform roles have no page yet (they are given by the operator's tooling): the test gives and takes
    /// them through ASP.NET Core Identity, as that tooling does.
    /// </summary>
    private async Task ChangePlatformRoleAsync(string email, bool add, bool create = false)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GccSaaSUser>>();
        if (create)
        {
            var created = new GccSaaSUser { UserName = email, Email = email, DisplayName = "Platform Tester", CreatedAt = fixture.Clock.GetUtcNow() };
            Assert.True((await users.CreateAsync(created, IdentityJourneys.NewUserPassword)).Succeeded);
        }

        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No such user.");
        var result = add ? await users.AddToRoleAsync(user, "PlatformAdmin") : await users.RemoveFromRoleAsync(user, "PlatformAdmin");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
