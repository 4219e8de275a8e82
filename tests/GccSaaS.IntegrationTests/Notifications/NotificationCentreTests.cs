using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Notifications.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Notifications;

/// <summary>
/// The notification centre over real HTTP: each user sees only their own notifications in the tenant,
/// newest first in keyset pages, with the unread count in the shell, and marks them read.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class NotificationCentreTests(PlatformFixture fixture) : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));
    private GccSaaSFactory? _host;

    private GccSaaSFactory Host => _host ?? throw new InvalidOperationException("not started");

    public Task InitializeAsync()
    {
        _host = ShellTestHarness.StartHost(fixture.Database, services => services.AddSingleton<TimeProvider>(_clock));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_badge_counts_unread_notifications_and_marking_read_lowers_it()
    {
        var tenant = await Host.Services.CreateTenantAsync("badge");
        var user = TestUser.Create(GccSaaSRoles.SalesAgent, "Ivy");
        await DeliverAsync(tenant, user, "First", "Second", "Third");
        using var client = Host.ClientFor(tenant, user);

        var page = await client.GetStringAsync($"/{tenant.Identifier}/notifications");
        Assert.Equal(3, UnreadBadge(page));
        Assert.Equal(3, RowIds(page).Count);
        Assert.Equal(["Third", "Second", "First"], Subjects(page)); // newest first

        var second = RowIds(page)[1];
        using (var response = await PostFormAsync(client, $"/{tenant.Identifier}/notifications?handler=Read", page, new() { ["id"] = second.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        page = await client.GetStringAsync($"/{tenant.Identifier}/notifications");
        Assert.Equal(2, UnreadBadge(page));
        Assert.Contains($"data-notification-id=\"{second}\" data-read=\"true\"", page, StringComparison.Ordinal);

        using (var response = await PostFormAsync(client, $"/{tenant.Identifier}/notifications?handler=ReadAll", page, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        page = await client.GetStringAsync($"/{tenant.Identifier}/notifications");
        Assert.Equal(0, UnreadBadge(page));
        Assert.DoesNotContain("data-read=\"false\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue16_a_notification_reads_in_the_readers_language_german_in_the_german_portal()
    {
        var tenant = await Host.Services.CreateTenantAsync("lang");
        var user = TestUser.Create(GccSaaSRoles.GlobalAdmin, "Greta");
        await Host.EnqueueFromPartnersAsync(tenant, new UserNotificationRequested(
            tenant.Id, "test", "Case approved", "The case was approved.", RecipientUserId: user.Id, Culture: "en",
            Translations: [new("en", "Case approved", "The case was approved."), new("de", "Fall genehmigt", "Der Fall wurde genehmigt."), new("fr", "Dossier approuvé", "Le dossier a été approuvé.")]));
        await Host.EnqueueFromPartnersAsync(tenant, new UserNotificationRequested(tenant.Id, "test", "Only English", "No translations.", RecipientUserId: user.Id));
        await Host.DispatchAsync(tenant, "Partners");
        using var english = Host.ClientFor(tenant, user);
        using var german = Host.ClientFor(tenant, user);
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        using var spanish = Host.ClientFor(tenant, user);
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var inGerman = await german.GetStringAsync($"/{tenant.Identifier}/notifications");
        Assert.Equal(["Only English", "Fall genehmigt"], Subjects(inGerman));
        Assert.Contains("Der Fall wurde genehmigt.", inGerman, StringComparison.Ordinal);
        Assert.DoesNotContain("Case approved", inGerman, StringComparison.Ordinal);
        Assert.Equal(["Only English", "Case approved"], Subjects(await english.GetStringAsync($"/{tenant.Identifier}/notifications")));
        Assert.Equal(["Only English", "Case approved"], Subjects(await spanish.GetStringAsync($"/{tenant.Identifier}/notifications"))); // no Spanish text: as sent
    }

    [Fact]
    public async Task A_user_sees_and_marks_only_their_own_notifications()
    {
        var tenant = await Host.Services.CreateTenantAsync("own");
        var owner = TestUser.Create(GccSaaSRoles.SalesAgent, "Jack");
        var colleague = TestUser.Create(GccSaaSRoles.GlobalAdmin, "Kim");
        await DeliverAsync(tenant, owner, "For Jack only");
        using var ownerClient = Host.ClientFor(tenant, owner);
        using var colleagueClient = Host.ClientFor(tenant, colleague);
        var id = RowIds(await ownerClient.GetStringAsync($"/{tenant.Identifier}/notifications")).Single();

        var colleaguePage = await colleagueClient.GetStringAsync($"/{tenant.Identifier}/notifications");
        Assert.DoesNotContain("For Jack only", colleaguePage, StringComparison.Ordinal);
        Assert.Equal(0, UnreadBadge(colleaguePage));
        var list = await colleagueClient.GetFromJsonAsync<JsonElement>("/v1/notifications");
        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());

        using var refused = await colleagueClient.PostAsync($"/v1/notifications/{id}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("notification_not_found", ApiCalls.ErrorName(await refused.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(1, UnreadBadge(await ownerClient.GetStringAsync($"/{tenant.Identifier}/notifications")));
    }

    [Fact]
    public async Task Another_tenants_user_cannot_reach_the_notifications_even_with_the_id()
    {
        var tenantA = await Host.Services.CreateTenantAsync("na");
        var tenantB = await Host.Services.CreateTenantAsync("nb");
        var user = TestUser.Create(GccSaaSRoles.GlobalAdmin, "Lee");
        await DeliverAsync(tenantA, user, "Only in A");
        using var inA = Host.ClientFor(tenantA, user);
        using var inB = Host.ClientFor(tenantB, user); // the same person, signed in to B
        var id = RowIds(await inA.GetStringAsync($"/{tenantA.Identifier}/notifications")).Single();

        Assert.Equal(0, (await inB.GetFromJsonAsync<JsonElement>("/v1/notifications")).GetProperty("totalCount").GetInt32());
        using var refused = await inB.PostAsync($"/v1/notifications/{id}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("Only in A", await inB.GetStringAsync($"/{tenantB.Identifier}/notifications"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_pages_newest_first_with_a_continuation_token_and_marks_read()
    {
        var tenant = await Host.Services.CreateTenantAsync("api");
        var user = TestUser.Create(GccSaaSRoles.AdminAgent, "Mia");
        // Two at the same instant, so the id decides their order: no row is lost or repeated between pages.
        await DeliverAsync(tenant, user, "One", "Two");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await DeliverAsync(tenant, user, "Three", "Four", "Five");
        using var client = Host.ClientFor(tenant, user);

        var subjects = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, token is null ? "/v1/notifications?size=2" : "/v1/notifications?size=2&seekOperation=Next");
            if (token is not null)
            {
                request.Headers.Add("MS-ContinuationToken", token);
            }

            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Collection", body.GetProperty("attributes").GetProperty("objectType").GetString());
            var items = body.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(items.Count, body.GetProperty("totalCount").GetInt32());
            subjects.AddRange(items.Select(i => i.GetProperty("subject").GetString()!));
            token = body.GetProperty("links").TryGetProperty("next", out var next)
                ? next.GetProperty("headers")[0].GetProperty("value").GetString()
                : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(5, subjects.Distinct().Count());
        Assert.Equal(["Five", "Four", "Three"], subjects.Take(3).Order());
        Assert.Equal(["One", "Two"], subjects.Skip(3).Order());

        var first = (await client.GetFromJsonAsync<JsonElement>("/v1/notifications?size=1")).GetProperty("items")[0];
        using var marked = await client.PostAsync($"/v1/notifications/{first.GetProperty("id").GetGuid()}/read", null);
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.True((await marked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isRead").GetBoolean());
        var unread = await client.GetFromJsonAsync<JsonElement>("/v1/notifications?unreadOnly=true");
        Assert.Equal(4, unread.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_tampered_continuation_token_is_refused_as_invalid_input()
    {
        var tenant = await Host.Services.CreateTenantAsync("tamper");
        using var client = Host.ClientFor(tenant, TestUser.Create(GccSaaSRoles.SalesAgent));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/notifications?size=2");
        request.Headers.Add("MS-ContinuationToken", "CfDJ8-not-a-real-token");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_input", ApiCalls.ErrorName(await response.Content.ReadFromJsonAsync<JsonElement>()));
    }

    [Fact]
    public async Task The_notification_centre_needs_a_signed_in_member_of_the_tenant()
    {
        var tenant = await Host.Services.CreateTenantAsync("anon");
        using var anonymous = Host.CreateClient(new() { AllowAutoRedirect = false });

        using var page = await anonymous.GetAsync($"/{tenant.Identifier}/notifications");
        using var api = await anonymous.GetAsync("/v1/notifications");

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    private async Task DeliverAsync(TenantInfo tenant, TestUser user, params string[] subjects)
    {
        foreach (var subject in subjects)
        {
            await Host.EnqueueFromPartnersAsync(tenant, new UserNotificationRequested(tenant.Id, "test", subject, $"Body of {subject}", RecipientUserId: user.Id));
        }

        await Host.DispatchAsync(tenant, "Partners");
    }

    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string pageWithForm, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(pageWithForm).Groups[1].Value;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(url, content);
    }

    private static int UnreadBadge(string html) => int.Parse(BadgeCount().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static List<Guid> RowIds(string html) => [.. RowId().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value))];

    private static List<string> Subjects(string html) => [.. SubjectCell().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("id=\"notification-count\"[^>]*>(\\d+)<")]
    private static partial Regex BadgeCount();

    [GeneratedRegex("data-notification-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex RowId();

    [GeneratedRegex("<strong>([^<]*)</strong>")]
    private static partial Regex SubjectCell();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryToken();
}
