using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// Issue 16, the list tools on the platform's lists: tenants, the platform audit log, the partner directory, the
/// listing requests and the catalogue sort by their headers (aria-sort), page forwards and back by keyset with a page
/// size, keep their search or filter in the page links, and answer 400 (never 500) to a sort, size or page token that
/// is not theirs.
/// </summary>
[Collection(CustomersCollection.Name)]
public sealed class PlatformListToolsTests(CustomersFixture fixture)
{
    private const string PlatformAdmin = "platform.admin@gccsaas.demo";

    [Fact]
    public async Task Issue16_the_tenants_list_is_searched_by_the_start_of_name_or_identifier_sorted_and_paged_both_ways()
    {
        var word = "Tn" + Guid.NewGuid().ToString("N")[..8];
        var identifier = word.ToLowerInvariant();
        await fixture.OwnerScalarAsync<int>(
            null,
            """
            INSERT INTO platform.tenants (id, identifier, name, status, created_at)
            SELECT gen_random_uuid(), @identifier || '-' || lpad(i::text, 2, '0'), @word || ' Tenant ' || lpad(i::text, 2, '0'), 'Active',
                   now() - interval '1 day' + i * interval '1 second'
            FROM generate_series(1, 26) AS i;
            SELECT 26;
            """,
            ("identifier", identifier), ("word", word));
        using var platform = await fixture.SignedInAsync(PlatformAdmin);
        var list = $"/platform/tenants?q={word.ToUpperInvariant()}"; // the start of the name, in any case

        var first = await platform.GetAsync(list);
        var firstNames = TenantIdentifiers(first.Html);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"{identifier}-{i:00}"), firstNames);
        Assert.Contains("data-sort-key=\"name\" aria-sort=\"ascending\"", first.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"page-size\" data-size=\"25\"", first.Html, StringComparison.Ordinal);
        Assert.Null(Href(first.Html, "previous-page"));
        var next = Href(first.Html, "next-page")!;
        Assert.Contains($"q={word.ToUpperInvariant()}", next, StringComparison.Ordinal);

        var second = await platform.GetAsync(next);
        Assert.Equal([$"{identifier}-26"], TenantIdentifiers(second.Html));
        Assert.Null(Href(second.Html, "next-page"));
        Assert.Equal(firstNames, TenantIdentifiers((await platform.GetAsync(Href(second.Html, "previous-page")!)).Html));

        // By name descending, 50 a page: the same 26 turned round; by creation either way; by identifier.
        var descending = await platform.GetAsync(list + "&sort=-name&size=50");
        Assert.Contains("data-sort-key=\"name\" aria-sort=\"descending\"", descending.Html, StringComparison.Ordinal);
        var all = firstNames.Append($"{identifier}-26").ToList();
        Assert.Equal(all.AsEnumerable().Reverse(), TenantIdentifiers(descending.Html));
        var byCreated = await platform.GetAsync(list + "&sort=created&size=50");
        Assert.Contains("data-sort-key=\"created\" aria-sort=\"ascending\"", byCreated.Html, StringComparison.Ordinal);
        Assert.Equal(all, TenantIdentifiers(byCreated.Html));
        Assert.Equal(all.AsEnumerable().Reverse(), TenantIdentifiers((await platform.GetAsync(list + "&sort=-created&size=50")).Html));
        var byIdentifier = await platform.GetAsync(list + "&sort=-identifier");
        Assert.Contains("data-sort-key=\"identifier\" aria-sort=\"descending\"", byIdentifier.Html, StringComparison.Ordinal);
        Assert.Equal(all.AsEnumerable().Reverse().Take(25), TenantIdentifiers(byIdentifier.Html));

        // The start of the identifier finds its tenants; the middle of a name finds none and says so.
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"{identifier}-{i:00}"), TenantIdentifiers((await platform.GetAsync($"/platform/tenants?q={identifier}-0")).Html));
        var none = await platform.GetAsync($"/platform/tenants?q={word[2..]}");
        Assert.Empty(TenantIdentifiers(none.Html));
        Assert.Contains("id=\"no-tenants\"", none.Html, StringComparison.Ordinal);

        // A page token belongs to its search and sort.
        Assert.Equal(HttpStatusCode.BadRequest, (await platform.GetAsync(next.Replace("sort=name", "sort=created", StringComparison.Ordinal))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await platform.GetAsync(next.Replace($"q={word.ToUpperInvariant()}", $"q={word}", StringComparison.Ordinal))).Status);
    }

    [Fact]
    public async Task Issue16_the_platform_audit_log_pages_newest_first_forward_and_back_and_sorts_oldest_first()
    {
        await AddAuditLinesAsync();
        using var platform = await fixture.SignedInAsync(PlatformAdmin);

        var first = await platform.GetAsync("/platform/audit?size=25");
        var firstIds = AuditIds(first.Html);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(25, firstIds.Count);
        Assert.Equal(firstIds.OrderDescending(), firstIds);
        Assert.Contains("data-sort-key=\"when\" aria-sort=\"descending\"", first.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"page-size\" data-size=\"25\"", first.Html, StringComparison.Ordinal);
        Assert.Null(Href(first.Html, "previous-page"));

        var second = await platform.GetAsync(Href(first.Html, "next-page")!);
        var secondIds = AuditIds(second.Html);
        Assert.NotEmpty(secondIds);
        Assert.True(secondIds.Max() < firstIds.Min());
        Assert.Equal(firstIds, AuditIds((await platform.GetAsync(Href(second.Html, "previous-page")!)).Html));
        Assert.Equal(firstIds, AuditIds((await platform.GetAsync(Href(second.Html, "first-page")!)).Html));

        var oldestFirst = await platform.GetAsync("/platform/audit?sort=when");
        var oldestIds = AuditIds(oldestFirst.Html);
        Assert.Contains("data-sort-key=\"when\" aria-sort=\"ascending\"", oldestFirst.Html, StringComparison.Ordinal);
        Assert.Equal(oldestIds.Order(), oldestIds);
        Assert.True(oldestIds[0] <= secondIds.Min());
    }

    [Fact]
    public async Task Issue16_the_partner_directory_and_the_listing_requests_sort_and_page_both_ways_keeping_their_search_and_state()
    {
        var word = "Pd" + Guid.NewGuid().ToString("N")[..8];
        var partnerBase = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        await fixture.OwnerScalarAsync<int>(
            null,
            """
            WITH o AS (
                INSERT INTO partners.partner_organisations (id, legal_name, partner_id, type, csp_enrolled, partner_agreement_signed, country_code,
                    csp_region, commercial_tenant_id, qualifications, officially_listed, created_at, updated_at)
                SELECT gen_random_uuid(), @word || ' Partner ' || lpad(i::text, 2, '0'), @base || lpad(i::text, 2, '0'), 'IndirectReseller', true, true, 'US',
                    'US', gen_random_uuid(), '{}', false, now(), now()
                FROM generate_series(1, 26) AS i
                RETURNING id, partner_id)
            INSERT INTO partners.listing_change_requests (id, organisation_id, requested_by_tenant_id, requested_by_user_id, requested_by_name,
                requested_with_api_key, kind, text, state, requested_at, decided_at, decision_reason)
            SELECT gen_random_uuid(), o.id, gen_random_uuid(), gen_random_uuid(), 'Probe', false, 'List', 'Probe ' || o.partner_id, 'Declined',
                timestamptz '2001-01-01' + right(o.partner_id, 2)::int * interval '1 second', now(), 'Probe.'
            FROM o;
            SELECT 26;
            """,
            ("word", word), ("base", partnerBase));
        using var platform = await fixture.SignedInAsync(PlatformAdmin);
        var all = Enumerable.Range(1, 26).Select(i => $"{partnerBase}{i:00}").ToList();

        // The directory: by name, the search kept in the page links, forwards and back.
        var list = $"/platform/partners?q={word}";
        var first = await platform.GetAsync(list);
        Assert.Equal(all.Take(25), PartnerIds(first.Html));
        Assert.Contains("data-sort-key=\"name\" aria-sort=\"ascending\"", first.Html, StringComparison.Ordinal);
        Assert.Contains($"q={word}", Href(first.Html, "next-page")!, StringComparison.Ordinal);
        var second = await platform.GetAsync(Href(first.Html, "next-page")!);
        Assert.Equal([all[25]], PartnerIds(second.Html));
        Assert.Equal(all.Take(25), PartnerIds((await platform.GetAsync(Href(second.Html, "previous-page")!)).Html));
        var byPartnerId = await platform.GetAsync(list + "&sort=-partnerid&size=50");
        Assert.Contains("data-sort-key=\"partnerid\" aria-sort=\"descending\"", byPartnerId.Html, StringComparison.Ordinal);
        Assert.Equal(all.AsEnumerable().Reverse(), PartnerIds(byPartnerId.Html));
        Assert.Equal(all.AsEnumerable().Reverse(), PartnerIds((await platform.GetAsync(list + "&sort=-name&size=50")).Html));

        // The listing requests of those organisations (declined ones): searched, oldest first, the search and the state
        // kept in the page links.
        var queueList = $"/platform/listing-requests?state=Declined&q={word}";
        var queue = await platform.GetAsync(queueList);
        var queueIds = RequestPartnerIds(queue.Html);
        Assert.Contains("data-sort-key=\"requested\" aria-sort=\"ascending\"", queue.Html, StringComparison.Ordinal);
        Assert.Equal(all.Take(25), queueIds);
        var queueNext = Href(queue.Html, "next-page")!;
        Assert.Contains("state=Declined", queueNext, StringComparison.Ordinal);
        Assert.Contains($"q={word}", queueNext, StringComparison.Ordinal);
        var queueSecond = await platform.GetAsync(queueNext);
        Assert.Equal([all[25]], RequestPartnerIds(queueSecond.Html));
        Assert.Equal(queueIds, RequestPartnerIds((await platform.GetAsync(Href(queueSecond.Html, "previous-page")!)).Html));
        var newestFirst = await platform.GetAsync(queueList + "&sort=-requested&size=50");
        Assert.Contains("data-sort-key=\"requested\" aria-sort=\"descending\"", newestFirst.Html, StringComparison.Ordinal);
        Assert.Equal(all.AsEnumerable().Reverse(), RequestPartnerIds(newestFirst.Html));
        Assert.Equal([all[3]], RequestPartnerIds((await platform.GetAsync($"/platform/listing-requests?state=Declined&q={all[3]}")).Html));
        Assert.Empty(RequestPartnerIds((await platform.GetAsync($"/platform/listing-requests?q={word}")).Html)); // none of them is open
        Assert.Equal(HttpStatusCode.BadRequest, (await platform.GetAsync(queueNext.Replace("state=Declined", "state=Approved", StringComparison.Ordinal))).Status);
    }

    [Fact]
    public async Task Issue16_the_catalogue_is_searched_sorted_by_offer_id_and_shows_its_pager()
    {
        using var platform = await fixture.SignedInAsync(PlatformAdmin);

        var all = await platform.GetAsync("/platform/offers?size=100");
        var ids = OfferIds(all.Html);
        var descending = OfferIds((await platform.GetAsync("/platform/offers?sort=-id&size=100")).Html);
        var search = await platform.GetAsync("/platform/offers?q=o365-");

        Assert.Contains("data-sort-key=\"id\" aria-sort=\"ascending\"", all.Html, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"paging\" aria-label=\"Pages\">", all.Html, StringComparison.Ordinal);
        Assert.Contains("O365-G3-GCC", ids);
        if (Href(all.Html, "next-page") is null)
        {
            Assert.Equal(ids.AsEnumerable().Reverse(), descending);
        }

        Assert.Contains("O365-G3-GCC", OfferIds(search.Html));
        Assert.All(OfferIds(search.Html), id => Assert.StartsWith("O365-", id, StringComparison.Ordinal));
        Assert.Contains("id=\"no-offers\"", (await platform.GetAsync("/platform/offers?q=no-such-offer-" + Guid.NewGuid().ToString("N")[..6])).Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/platform/tenants?sort=bogus")]
    [InlineData("/platform/tenants?sort=--name")]
    [InlineData("/platform/tenants?sort=members")]
    [InlineData("/platform/tenants?size=7")]
    [InlineData("/platform/tenants?page=not-a-token")]
    [InlineData("/platform/audit?sort=who")]
    [InlineData("/platform/audit?size=1000")]
    [InlineData("/platform/audit?page=not-a-token")]
    [InlineData("/platform/audit?tenant=contoso-distribution")]
    [InlineData("/platform/audit?tenant=00000000-0000-0000-0000-000000000016")]
    [InlineData("/platform/audit?tenant=4d1d0a0e-0000-4000-8000-000000000001&tenant=4d1d0a0e-0000-4000-8000-000000000002")]
    [InlineData("/platform/partners?sort=type")]
    [InlineData("/platform/partners?size=0")]
    [InlineData("/platform/partners?page=not-a-token")]
    [InlineData("/platform/listing-requests?sort=name")]
    [InlineData("/platform/listing-requests?size=10")]
    [InlineData("/platform/listing-requests?page=not-a-token")]
    [InlineData("/platform/offers?sort=name")]
    [InlineData("/platform/offers?size=7")]
    [InlineData("/platform/offers?page=not-a-token")]
    public async Task Issue16_a_malformed_sort_size_or_page_of_a_platform_list_answers_400_not_500(string path)
    {
        using var platform = await fixture.SignedInAsync(PlatformAdmin);

        var response = await platform.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Issue16_a_page_token_of_one_platform_list_is_refused_by_another()
    {
        await AddAuditLinesAsync();
        using var platform = await fixture.SignedInAsync(PlatformAdmin);
        var audit = await platform.GetAsync("/platform/audit?size=25");
        var next = Href(audit.Html, "next-page");
        Assert.NotNull(next);
        var token = Regex.Match(next, "page=([^&]+)").Groups[1].Value;

        Assert.Equal(HttpStatusCode.BadRequest, (await platform.GetAsync($"/platform/tenants?sort=name&page={token}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await platform.GetAsync($"/platform/audit?sort=-when&page={token}")).Status); // its size was 25
    }

    [Fact]
    public async Task Issue16_the_platform_audit_log_is_filtered_by_action_keeping_the_filter_in_its_sort_and_page_links()
    {
        var probe = "FilterProbe" + Guid.NewGuid().ToString("N")[..8];
        await fixture.OwnerScalarAsync<int>(
            null,
            """
            INSERT INTO identity.platform_audit_entries (occurred_at, action, module, details, actor)
            SELECT now(), @action, 'Identity', '{"probe":' || i || '}', 'probe@list-tools.test' FROM generate_series(1, 30) AS i;
            SELECT 30;
            """,
            ("action", probe));
        await AddAuditLinesAsync(); // lines of another action, newer than the probe's
        using var platform = await fixture.SignedInAsync(PlatformAdmin);

        var first = await platform.GetAsync($"/platform/audit?action={probe}&size=25");
        var firstRows = AuditRows(first.Html);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(25, firstRows.Count);
        Assert.All(firstRows, r => Assert.Equal(probe, r.Action));
        Assert.Contains($"<option value=\"{probe}\" selected=\"selected\">", first.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"ListToolsProbe\">", first.Html, StringComparison.Ordinal); // the other actions to pick
        Assert.Contains($"href=\"/platform/audit?action={probe}&amp;sort=when&amp;size=25\"", first.Html, StringComparison.Ordinal);
        var next = Href(first.Html, "next-page")!;
        Assert.Contains($"action={probe}", next, StringComparison.Ordinal);
        var second = await platform.GetAsync(next);
        var secondRows = AuditRows(second.Html);
        Assert.Equal(5, secondRows.Count);
        Assert.All(secondRows, r => Assert.Equal(probe, r.Action));
        Assert.Null(Href(second.Html, "next-page"));
        Assert.Equal(firstRows, AuditRows((await platform.GetAsync(Href(second.Html, "previous-page")!)).Html));

        // Oldest first, the same 30 lines turned round; a page token belongs to its filter.
        var oldest = AuditRows((await platform.GetAsync($"/platform/audit?action={probe}&sort=when&size=50")).Html);
        Assert.Equal(firstRows.Concat(secondRows).Reverse(), oldest);
        Assert.Equal(HttpStatusCode.BadRequest, (await platform.GetAsync(next.Replace(probe, "ListToolsProbe", StringComparison.Ordinal))).Status);
        Assert.Contains("id=\"no-platform-audit-entries\"", (await platform.GetAsync($"/platform/audit?action=NoSuch{probe}")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue16_a_sign_in_into_a_tenant_workspace_is_filed_under_that_tenant_in_the_platform_audit_log()
    {
        var contoso = await fixture.TenantAsync("contoso-distribution");
        var fabrikam = await fixture.TenantAsync("fabrikam-cloud");
        var before = await fixture.OwnerScalarAsync<long>(null, "SELECT coalesce(max(id), 0) FROM identity.platform_audit_entries");
        using (await fixture.SignedInAsync("global.admin@contoso.demo")) // lands in contoso-distribution, its one workspace
        {
        }

        var line = await fixture.OwnerScalarAsync<long>(
            null, "SELECT min(id) FROM identity.platform_audit_entries WHERE id > @before AND action = 'SignedIn'", ("before", before));
        using var platform = await fixture.SignedInAsync(PlatformAdmin);

        var underContoso = await platform.GetAsync($"/platform/audit?tenant={contoso.Id}&size=100");
        var underFabrikam = await platform.GetAsync($"/platform/audit?tenant={fabrikam.Id}&size=100");
        var everything = await platform.GetAsync("/platform/audit?size=100");

        Assert.Equal(HttpStatusCode.OK, underContoso.Status);
        Assert.Contains(line, AuditIds(underContoso.Html));
        Assert.Equal(AuditIds(underContoso.Html).Count, Regex.Count(underContoso.Html, $"data-tenant-id=\"{contoso.Id}\""));
        Assert.Matches($"<tr data-audit-id=\"{line}\" data-action=\"SignedIn\" data-tenant-id=\"{contoso.Id}\">", underContoso.Html);
        Assert.Contains("<label for=\"filter-tenant\">Tenant</label>", underContoso.Html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{contoso.Id}\" selected=\"selected\">{WebUtility.HtmlEncode(contoso.Name)}</option>", underContoso.Html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{fabrikam.Id}\">{WebUtility.HtmlEncode(fabrikam.Name)}</option>", underContoso.Html, StringComparison.Ordinal);
        Assert.Contains($"<td>{WebUtility.HtmlEncode(contoso.Name)}</td>", underContoso.Html, StringComparison.Ordinal); // the tenant's name in its column
        Assert.Contains($"href=\"/platform/audit?tenant={contoso.Id}&amp;sort=when&amp;size=100\"", underContoso.Html, StringComparison.Ordinal); // kept in the sort link
        Assert.Equal(HttpStatusCode.OK, underFabrikam.Status);
        Assert.DoesNotContain(line, AuditIds(underFabrikam.Html));
        Assert.DoesNotContain($"data-tenant-id=\"{contoso.Id}\"", underFabrikam.Html, StringComparison.Ordinal);
        Assert.Contains(line, AuditIds(everything.Html));
    }

    [Fact]
    public async Task Issue16_the_tenant_filter_of_the_platform_audit_log_is_kept_in_its_page_links()
    {
        var tenant = await fixture.TenantAsync("fabrikam-cloud");
        await fixture.OwnerScalarAsync<int>(
            null,
            """
            INSERT INTO identity.platform_audit_entries (occurred_at, action, module, details, actor, tenant_id)
            SELECT now(), 'TenantProbe', 'Identity', '{"probe":' || i || '}', 'probe@list-tools.test', @t FROM generate_series(1, 30) AS i;
            SELECT 30;
            """,
            ("t", tenant.Id));
        using var platform = await fixture.SignedInAsync(PlatformAdmin);

        var first = await platform.GetAsync($"/platform/audit?tenant={tenant.Id}&size=25");
        var next = Href(first.Html, "next-page");
        Assert.NotNull(next);
        var second = await platform.GetAsync(next);

        Assert.Equal(25, AuditIds(first.Html).Count);
        Assert.Contains($"tenant={tenant.Id}", next, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEmpty(AuditIds(second.Html));
        Assert.True(AuditIds(second.Html).Max() < AuditIds(first.Html).Min());
        Assert.Equal(AuditIds(second.Html).Count, Regex.Count(second.Html, $"data-tenant-id=\"{tenant.Id}\""));
    }

    private static List<(long Id, string Action)> AuditRows(string html) =>
        [.. Regex.Matches(html, "<tr data-audit-id=\"([0-9]+)\" data-action=\"([^\"]+)\"").Select(m => (long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value))];

    /// <summary>Thirty lines more in the platform audit log: enough for a second page at any page size but the largest.</summary>
    private Task<int> AddAuditLinesAsync() => fixture.OwnerScalarAsync<int>(
        null,
        """
        INSERT INTO identity.platform_audit_entries (occurred_at, action, module, details, actor)
        SELECT now(), 'ListToolsProbe', 'Identity', '{"probe":' || i || '}', 'probe@list-tools.test' FROM generate_series(1, 30) AS i;
        SELECT 30;
        """);

    private static List<string> TenantIdentifiers(string html) =>
        [.. Regex.Matches(html, "<tr data-tenant-id=\"[0-9a-f-]{36}\" data-tenant=\"([a-z0-9-]+)\"").Select(m => m.Groups[1].Value)];

    private static List<long> AuditIds(string html) =>
        [.. Regex.Matches(html, "<tr data-audit-id=\"(\\d+)\"").Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static List<string> PartnerIds(string html) =>
        [.. Regex.Matches(html, "<tr data-partner-id=\"(\\d+)\" data-organisation-id=").Select(m => m.Groups[1].Value)];

    private static List<string> RequestPartnerIds(string html) =>
        [.. Regex.Matches(html, "<tr data-listing-request-id=\"[0-9a-f-]{36}\" data-state=\"\\w+\" data-partner-id=\"(\\d+)\"").Select(m => m.Groups[1].Value)];

    private static List<string> OfferIds(string html) =>
        [.. Regex.Matches(html, "<tr data-offer-id=\"([A-Z0-9-]+)\"").Select(m => m.Groups[1].Value)];

    private static string? Href(string html, string id)
    {
        var match = Regex.Match(html, $"<a id=\"{id}\" href=\"([^\"]+)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }
}
