using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Audit;

/// <summary>
/// Reading the audit log: the page (filters, keyset pages) and the CSV export for Global admins, and
/// <c>GET /v1/auditrecords</c> with Partner Center's date range and continuation token. Entries are made
/// by running commands through the real pipeline.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditLogReadingTests(PlatformFixture fixture) : AuditProbeHost(fixture, new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task A_global_admin_reads_the_log_filtered_by_user_and_action_and_other_roles_are_refused()
    {
        var tenant = await Host.Services.CreateTenantAsync("page");
        await RecordAsync(tenant, "Rosa Admin", "first");
        await RecordAsync(tenant, "Sam Agent", "second");
        using var admin = Host.ClientFor(tenant, TestUser.Create(GccSaaSRoles.GlobalAdmin));
        using var agent = Host.ClientFor(tenant, TestUser.Create(GccSaaSRoles.SalesAgent));

        var all = await admin.GetStringAsync($"/{tenant.Identifier}/audit");
        Assert.Equal(2, CountRows(all));
        Assert.True(all.IndexOf("Sam Agent", StringComparison.Ordinal) < all.IndexOf("Rosa Admin", StringComparison.Ordinal), "newest first");

        var byUser = await admin.GetStringAsync($"/{tenant.Identifier}/audit?user=rosa");
        Assert.Equal(1, CountRows(byUser));
        Assert.Contains("Rosa Admin", byUser, StringComparison.Ordinal);

        Assert.Equal(2, CountRows(await admin.GetStringAsync($"/{tenant.Identifier}/audit?action=probesecrets")));
        Assert.Equal(0, CountRows(await admin.GetStringAsync($"/{tenant.Identifier}/audit?action=RemovePartnership")));

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/{tenant.Identifier}/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/{tenant.Identifier}/audit/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/v1/auditrecords")).StatusCode);
    }

    [Fact]
    public async Task Issue16_the_page_filters_by_utc_days_sorts_by_time_and_pages_forwards_and_back()
    {
        var tenant = await Host.Services.CreateTenantAsync("days");
        for (var i = 0; i < 3; i++)
        {
            await RecordAsync(tenant, "Day one", $"d1-{i}");
        }

        Clock.Advance(TimeSpan.FromDays(1));
        for (var i = 0; i < 52; i++)
        {
            await RecordAsync(tenant, "Day two", $"d2-{i}");
        }

        using var admin = Host.ClientFor(tenant, TestUser.Create(GccSaaSRoles.GlobalAdmin));
        var dayOne = Clock.GetUtcNow().AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var onlyDayOne = await admin.GetStringAsync($"/{tenant.Identifier}/audit?from={dayOne}&to={dayOne}");
        Assert.Equal(3, CountRows(onlyDayOne));
        Assert.DoesNotContain("Day two", onlyDayOne, StringComparison.Ordinal);

        var first = await admin.GetStringAsync($"/{tenant.Identifier}/audit");
        Assert.Equal(AuditModelPageSize, CountRows(first));
        Assert.Contains("data-sort-key=\"when\" aria-sort=\"descending\"", first, StringComparison.Ordinal);
        Assert.Contains("id=\"page-size\" data-size=\"50\"", first, StringComparison.Ordinal);
        var second = await admin.GetStringAsync(PagerHref(first, "next-page"));
        Assert.Equal(55 - AuditModelPageSize, CountRows(second));
        Assert.Empty(RowIds(first).Intersect(RowIds(second)));
        Assert.DoesNotContain("id=\"next-page\"", second, StringComparison.Ordinal);

        // Back across the boundary is the first page again; oldest first is the same rows turned round.
        var back = await admin.GetStringAsync(PagerHref(second, "previous-page"));
        Assert.Equal(RowIds(first), RowIds(back));
        var oldestFirst = await admin.GetStringAsync($"/{tenant.Identifier}/audit?sort=when&size=100");
        Assert.Contains("data-sort-key=\"when\" aria-sort=\"ascending\"", oldestFirst, StringComparison.Ordinal);
        Assert.Equal(RowIds(first).Concat(RowIds(second)).Reverse(), RowIds(oldestFirst));

        // 25 a page: never more rows than the page holds, however long the log.
        var small = await admin.GetStringAsync($"/{tenant.Identifier}/audit?size=25");
        Assert.Equal(25, CountRows(small));
        using var bogus = await admin.GetAsync($"/{tenant.Identifier}/audit?size=1000");
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
    }

    private static string PagerHref(string html, string id) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, $"<a id=\"{id}\" href=\"([^\"]+)\"").Groups[1].Value);

    [Fact]
    public async Task The_csv_export_streams_every_matching_entry_and_neutralises_formulas()
    {
        var tenant = await Host.Services.CreateTenantAsync("csv");
        await RecordAsync(tenant, "=HYPERLINK(\"http://evil.test\",\"click\")", "formula");
        await RecordAsync(tenant, "Smith, \"Jo\"", "quoted");
        await RecordAsync(tenant, "@SUM(A1)", "at");
        using var admin = Host.ClientFor(tenant, TestUser.Create(GccSaaSRoles.GlobalAdmin));

        using var response = await admin.GetAsync($"/{tenant.Identifier}/audit/export.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("occurredAt,actor,userId,apiKeyId,action,module,correlationId,details", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("2026-11-21T12:00:00.000Z,'@SUM(A1),", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"Smith, \"\"Jo\"\"\",", lines[2], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\")\",", lines[3], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Contains(",ProbeSecretsCommand,AuditProbe,", l, StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", string.Join('\n', lines), StringComparison.Ordinal);

        var filtered = await admin.GetStringAsync($"/{tenant.Identifier}/audit/export.csv?user=smith");
        Assert.Equal(2, filtered.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("", "")]
    public void A_csv_cell_is_quoted_and_neutralised_as_spreadsheets_need(string value, string expected)
    {
        Assert.Equal(expected, CsvExport.Cell(value));
    }

    [Fact]
    public async Task The_api_pages_audit_records_in_a_date_range_with_a_continuation_token()
    {
        var tenant = await Host.Services.CreateTenantAsync("apirec");
        await RecordAsync(tenant, "Before", "before");
        Clock.Advance(TimeSpan.FromDays(2));
        var start = Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await RecordAsync(tenant, $"Inside {i}", $"in-{i}");
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Clock.Advance(TimeSpan.FromDays(2));
        await RecordAsync(tenant, "After", "after");
        using var admin = Host.ClientFor(tenant, TestUser.Create(GccSaaSRoles.GlobalAdmin));

        var actors = new List<string>();
        var url = $"/v1/auditrecords?startDate={start:yyyy-MM-dd}&endDate={start:yyyy-MM-dd}&size=2";
        string? token = null;
        var pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (token is not null)
            {
                request.Headers.Add("MS-ContinuationToken", token);
            }

            using var response = await admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            actors.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("userPrincipalName").GetString()!));
            Assert.All(body.GetProperty("items").EnumerateArray(), i => Assert.Equal("AuditRecord", i.GetProperty("attributes").GetProperty("objectType").GetString()));
            if (body.GetProperty("links").TryGetProperty("next", out var next))
            {
                url = next.GetProperty("uri").GetString()!;
                Assert.Contains("seekOperation=Next", url, StringComparison.Ordinal);
                token = next.GetProperty("headers")[0].GetProperty("value").GetString();
            }
            else
            {
                token = null;
            }

            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(["Inside 4", "Inside 3", "Inside 2", "Inside 1", "Inside 0"], actors);
    }

    [Theory]
    [InlineData("startDate=yesterday")]
    [InlineData("startDate=2026-11-21&endDate=2026-11-20")]
    [InlineData("size=0")]
    [InlineData("size=501")]
    public async Task The_api_refuses_a_bad_range_or_size_as_invalid_input(string query)
    {
        var tenant = await Host.Services.CreateTenantAsync("bad");
        using var admin = Host.ClientFor(tenant, TestUser.Create(GccSaaSRoles.GlobalAdmin));

        using var response = await admin.GetAsync($"/v1/auditrecords?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_input", ApiCalls.ErrorName(await response.Content.ReadFromJsonAsync<JsonElement>()));
    }

    [Fact]
    public async Task Another_tenants_admin_sees_none_of_the_entries()
    {
        var tenantA = await Host.Services.CreateTenantAsync("la");
        var tenantB = await Host.Services.CreateTenantAsync("lb");
        await RecordAsync(tenantA, "Only A", "a");
        var admin = TestUser.Create(GccSaaSRoles.GlobalAdmin);
        using var inB = Host.ClientFor(tenantB, admin);

        Assert.Equal(0, (await inB.GetFromJsonAsync<JsonElement>("/v1/auditrecords")).GetProperty("totalCount").GetInt32());
        Assert.DoesNotContain("Only A", await inB.GetStringAsync($"/{tenantB.Identifier}/audit"), StringComparison.Ordinal);
        Assert.DoesNotContain("Only A", await inB.GetStringAsync($"/{tenantB.Identifier}/audit/export.csv"), StringComparison.Ordinal);
    }

    private const int AuditModelPageSize = GccSaaS.Modules.Notifications.Pages.Tenant.AuditModel.PageSize;

    private async Task RecordAsync(TenantInfo tenant, string actor, string note)
    {
        using (TestActor.Begin(new CurrentUser(Guid.NewGuid(), actor, null, GccSaaSRoles.GlobalAdmin, null, [])))
        {
            await Host.SendAsync(tenant, AuditProbe.Secrets(note));
        }
    }

    private static int CountRows(string html) => System.Text.RegularExpressions.Regex.Count(html, "data-audit-id=");

    private static List<string> RowIds(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "data-audit-id=\"([0-9a-f-]{36})\"").Select(m => m.Groups[1].Value)];
}
