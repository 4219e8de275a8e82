using System.Net;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Infrastructure;
using static GccSaaS.IntegrationTests.Customers.CustomerApi;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// Issue 16 item 8, the list tools: sortable columns (aria-sort, the sort in the URL), visible keyset paging forwards
/// and back whose page token follows the sort and the filter, CSV exports of resellers (R-REL-2), invitations (R-REL-7)
/// and validation cases (R-VAL-6) in the reader's language and only of the reader's tenant, and breadcrumbs.
/// </summary>
[Collection(CustomersCollection.Name)]
public sealed partial class ListToolsTests(CustomersFixture fixture)
{
    private const string Contoso = "/" + CustomersFixture.Contoso;
    private const string Fabrikam = "/" + CustomersFixture.Fabrikam;

    [Fact]
    public async Task Issue16_the_customers_list_pages_forward_and_back_across_equal_names_in_either_order_of_either_sort()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var name = "Paging " + Guid.NewGuid().ToString("N")[..8];
        var created = new List<Guid>();
        for (var i = 0; i < 26; i++)
        {
            created.Add(await CreatedIdAsync(api, Body(NewDomain("pg"), company: name))); // 26 equal names: the id breaks ties
        }

        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var list = $"{Contoso}/customers?q={Uri.EscapeDataString(name)}";

        var first = await sales.GetAsync(list);
        var firstIds = Ids(first.Html);
        Assert.Equal(25, firstIds.Count);
        Assert.Contains("<th scope=\"col\" data-sort-key=\"name\" aria-sort=\"ascending\">", first.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"page-size\" data-size=\"25\"", first.Html, StringComparison.Ordinal);
        Assert.Null(Href(first.Html, "previous-page"));
        Assert.Null(Href(first.Html, "first-page"));

        var second = await sales.GetAsync(Href(first.Html, "next-page")!);
        var secondIds = Ids(second.Html);
        Assert.Single(secondIds);
        Assert.Equal(created.Order(), firstIds.Concat(secondIds).Order());
        Assert.Null(Href(second.Html, "next-page"));

        // Back across the boundary: exactly the first page again, which then offers no page before it.
        var back = await sales.GetAsync(Href(second.Html, "previous-page")!);
        Assert.Equal(firstIds, Ids(back.Html));
        Assert.Null(Href(back.Html, "previous-page"));
        Assert.NotNull(Href(back.Html, "next-page"));
        Assert.Equal(firstIds, Ids((await sales.GetAsync(Href(second.Html, "first-page")!)).Html));

        // Descending by name is the same rows turned round, paged the same way.
        var descending = await sales.GetAsync(list + "&sort=-name");
        Assert.Contains("<th scope=\"col\" data-sort-key=\"name\" aria-sort=\"descending\">", descending.Html, StringComparison.Ordinal);
        var descendingIds = Ids(descending.Html).Concat(Ids((await sales.GetAsync(Href(descending.Html, "next-page")!)).Html)).ToList();
        Assert.Equal(firstIds.Concat(secondIds).Reverse(), descendingIds);

        // By when added, either way, at 50 rows a page: one page, one order and its reverse.
        var byAdded = Ids((await sales.GetAsync(list + "&sort=created&size=50")).Html);
        var byAddedDescending = Ids((await sales.GetAsync(list + "&sort=-created&size=50")).Html);
        Assert.Equal(26, byAdded.Count);
        Assert.Equal(byAdded.AsEnumerable().Reverse(), byAddedDescending);

        // A page token belongs to its list: another search or sort with it is refused, not answered with other rows.
        var next = Href(first.Html, "next-page")!;
        Assert.Equal(HttpStatusCode.BadRequest, (await sales.GetAsync(next.Replace("sort=name", "sort=created", StringComparison.Ordinal))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await sales.GetAsync(next.Replace("q=Paging", "q=Pagin", StringComparison.Ordinal))).Status);
        using var multi = await fixture.SignedInAsync("multi@gccsaas.demo");
        Assert.Equal(HttpStatusCode.BadRequest, (await multi.GetAsync(next.Replace(Contoso, Fabrikam, StringComparison.Ordinal))).Status);

        // The CSV export follows the page's sort.
        var csv = await sales.Http.GetStringAsync(new Uri($"{Contoso}/customers/export.csv?q={Uri.EscapeDataString(name)}&sort=-name", UriKind.Relative));
        var csvIds = CsvIds().Matches(csv).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(descendingIds, csvIds);
    }

    [Fact]
    public async Task Issue16_the_customer_search_finds_any_word_of_the_name_or_the_start_of_the_domain()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var word = "Harbour" + Guid.NewGuid().ToString("N")[..8];
        var domain = NewDomain("hb");
        var id = await CreatedIdAsync(api, Body(domain, company: $"Port Authority of {word}-North"));
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        using var adatum = await fixture.SignedInAsync("reseller.admin@adatum.demo");

        async Task<bool> FindsAsync(PortalClient user, string q) =>
            Ids((await user.GetAsync($"{Contoso}/customers?q={Uri.EscapeDataString(q)}")).Html).Contains(id);

        Assert.True(await FindsAsync(sales, word.ToLowerInvariant()));         // a word in the middle, any case
        Assert.True(await FindsAsync(sales, word[..9]));                       // the start of that word
        Assert.True(await FindsAsync(sales, "north"));                         // after a hyphen
        Assert.True(await FindsAsync(sales, $"authority {word}"));             // every word typed, in any order
        Assert.True(await FindsAsync(sales, domain[..12]));                    // the start of the domain
        Assert.True(await FindsAsync(sales, domain));
        Assert.False(await FindsAsync(sales, word + "x"));
        Assert.False(await FindsAsync(sales, $"authority {word} south"));
        Assert.False(await FindsAsync(sales, word[2..]));                      // the middle of a word is not a word
        Assert.False(await FindsAsync(adatum, word));                          // R-CUS-3: not Adatum's customer
    }

    [Theory]
    [InlineData("/customers?sort=bogus")]
    [InlineData("/customers?sort=--name")]
    [InlineData("/customers?sort=name&sort=-name")]
    [InlineData("/customers?page=not-a-token")]
    [InlineData("/customers?size=7")]
    [InlineData("/resellers?sort=customers")]
    [InlineData("/resellers?page=not-a-token")]
    [InlineData("/invitations?sort=to")]
    [InlineData("/invitations?page=not-a-token")]
    [InlineData("/pending-actions?page=not-a-token")]
    [InlineData("/validation?sort=due")]
    [InlineData("/validation?page=not-a-token")]
    [InlineData("/customers/export.csv?sort=bogus")]
    [InlineData("/resellers/export.csv?sort=bogus")]
    [InlineData("/invitations/export.csv?sort=bogus")]
    [InlineData("/validation/export.csv?sort=bogus")]
    public async Task Issue16_a_malformed_sort_page_or_size_answers_400_not_500(string path)
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");

        var response = await admin.GetAsync(Contoso + path);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Issue16_resellers_invitations_and_validation_cases_sort_by_their_headers_and_show_their_pager()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");

        var resellers = await admin.GetAsync($"{Contoso}/resellers");
        var bySince = await admin.GetAsync($"{Contoso}/resellers?sort=-since");
        var invitations = await admin.GetAsync($"{Contoso}/invitations");
        var oldestFirst = await admin.GetAsync($"{Contoso}/invitations?sort=sent");
        var cases = await admin.GetAsync($"{Contoso}/validation");

        Assert.Equal(HttpStatusCode.OK, resellers.Status);
        Assert.Contains("data-sort-key=\"name\" aria-sort=\"ascending\"", resellers.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Contoso}/resellers?sort=-name\"", resellers.Html, StringComparison.Ordinal);
        Assert.Contains("data-sort-key=\"since\" aria-sort=\"descending\"", bySince.Html, StringComparison.Ordinal);
        Assert.Contains("Adatum Reseller", bySince.Html, StringComparison.Ordinal);
        Assert.Contains("data-sort-key=\"sent\" aria-sort=\"descending\"", invitations.Html, StringComparison.Ordinal);
        Assert.Contains("data-sort-key=\"sent\" aria-sort=\"ascending\"", oldestFirst.Html, StringComparison.Ordinal);
        if (Href(invitations.Html, "next-page") is null)
        {
            Assert.Equal(InvitationIds(invitations.Html).AsEnumerable().Reverse(), InvitationIds(oldestFirst.Html));
        }

        Assert.Contains("data-sort-key=\"submitted\" aria-sort=\"descending\"", cases.Html, StringComparison.Ordinal);
        foreach (var page in new[] { resellers, invitations, cases })
        {
            Assert.Contains("<nav class=\"paging\" aria-label=\"Pages\">", page.Html, StringComparison.Ordinal);
            Assert.Contains("25 rows per page.", page.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Issue16_R_REL_2_R_REL_7_R_VAL_6_resellers_invitations_and_cases_export_as_CSV_in_the_readers_language_and_only_the_tenants_own()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        using var german = await fixture.SignedInAsync("global.admin@contoso.demo");
        german.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        using var multi = await fixture.SignedInAsync("multi@gccsaas.demo"); // Global admin of fabrikam-cloud
        using var reseller = await fixture.SignedInAsync("reseller.admin@adatum.demo");

        using var resellersResponse = await admin.Http.GetAsync(new Uri($"{Contoso}/resellers/export.csv", UriKind.Relative));
        var resellers = await resellersResponse.Content.ReadAsStringAsync();
        var germanResellers = await german.Http.GetStringAsync(new Uri($"{Contoso}/resellers/export.csv", UriKind.Relative));
        var invitations = await admin.Http.GetStringAsync(new Uri($"{Contoso}/invitations/export.csv", UriKind.Relative));
        var cases = await admin.Http.GetStringAsync(new Uri($"{Contoso}/validation/export.csv", UriKind.Relative));
        var fabrikamResellers = await multi.Http.GetStringAsync(new Uri($"{Fabrikam}/resellers/export.csv", UriKind.Relative));
        var fabrikamInvitations = await multi.Http.GetStringAsync(new Uri($"{Fabrikam}/invitations/export.csv", UriKind.Relative));
        var fabrikamCases = await multi.Http.GetStringAsync(new Uri($"{Fabrikam}/validation/export.csv", UriKind.Relative));

        Assert.Equal("text/csv; charset=utf-8", resellersResponse.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("Reseller,PartnerID,Tenant ID,Partner since,Customers\r\n", resellers.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("\r\nAdatum Reseller,", resellers, StringComparison.Ordinal);
        Assert.StartsWith("Wiederverkäufer,PartnerID,Mandanten-ID,Partner seit,Kunden\r\n", germanResellers.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.StartsWith("Kind,To,Status,Sent by,Sent,Expires\r\n", invitations.TrimStart('\uFEFF'), StringComparison.Ordinal);
        var invitedAddress = Regex.Match(invitations, @"\r\n[^,]*,([^,@\r\n]+@[^,\r\n]+),").Groups[1].Value;
        Assert.NotEmpty(invitedAddress);
        Assert.Contains("City of Bellevue Utilities", cases, StringComparison.Ordinal);

        // Another tenant's exports hold none of contoso-distribution's rows; a reseller user gets no provider export.
        Assert.DoesNotContain("Adatum Reseller", fabrikamResellers, StringComparison.Ordinal);
        Assert.DoesNotContain(invitedAddress, fabrikamInvitations, StringComparison.Ordinal);
        Assert.DoesNotContain("Bellevue", fabrikamCases, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await reseller.GetAsync($"{Contoso}/resellers/export.csv")).Status);

        var pages = new[] { ("resellers", "export-resellers"), ("invitations", "export-invitations"), ("validation", "export-cases") };
        foreach (var (page, link) in pages)
        {
            Assert.Contains($"id=\"{link}\"", (await admin.GetAsync($"{Contoso}/{page}")).Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Issue16_R_REL_2_the_resellers_search_finds_any_word_of_the_name_or_the_start_of_the_PartnerID()
    {
        var tenant = await fixture.TenantAsync(CustomersFixture.Contoso);
        var word = "Harbour" + Guid.NewGuid().ToString("N")[..8];
        var partnerId = "9" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var id = Guid.NewGuid();
        await fixture.OwnerScalarAsync<int>(
            tenant.Id,
            """
            INSERT INTO relationships.partnerships (tenant_id, id, reseller_organisation_id, reseller_name, partner_id, status, since)
            VALUES (@t, @id, gen_random_uuid(), 'Blue ' || @w || ' Cloud-Works', @pid, 'Active', now());
            SELECT 1;
            """,
            ("t", tenant.Id), ("id", id), ("w", word), ("pid", partnerId));
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        using var multi = await fixture.SignedInAsync("multi@gccsaas.demo"); // Global admin of fabrikam-cloud

        async Task<bool> FindsAsync(PortalClient user, string tenantPath, string q) =>
            (await user.GetAsync($"{tenantPath}/resellers?q={Uri.EscapeDataString(q)}")).Html.Contains($"data-partnership-id=\"{id}\"", StringComparison.Ordinal);

        Assert.True(await FindsAsync(admin, Contoso, word.ToLowerInvariant()));   // a word in the middle, any case
        Assert.True(await FindsAsync(admin, Contoso, "works"));                    // after a hyphen
        Assert.True(await FindsAsync(admin, Contoso, $"cloud {word[..9]}"));      // every word typed, each a word's start
        Assert.True(await FindsAsync(admin, Contoso, partnerId[..4]));             // the start of the PartnerID
        Assert.False(await FindsAsync(admin, Contoso, word[2..]));                 // the middle of a word is not a word
        Assert.False(await FindsAsync(admin, Contoso, $"{word} red"));
        Assert.False(await FindsAsync(multi, Fabrikam, word));                     // another tenant's partnership
    }

    [Fact]
    public async Task Issue16_R_REL_2_a_resellers_customer_count_opens_the_customers_list_filtered_by_it_with_the_reseller_shown_as_chosen()
    {
        var tenant = await fixture.TenantAsync(CustomersFixture.Contoso);
        var word = "Quay" + Guid.NewGuid().ToString("N")[..8];
        var organisation = Guid.NewGuid();
        await fixture.OwnerScalarAsync<int>(
            tenant.Id,
            """
            INSERT INTO relationships.partnerships (tenant_id, id, reseller_organisation_id, reseller_name, partner_id, status, since)
            VALUES (@t, gen_random_uuid(), @o, 'Zulu ' || @w, '9' || lpad((random() * 999999)::int::text, 6, '0'), 'Active', now());
            SELECT 1;
            """,
            ("t", tenant.Id), ("o", organisation), ("w", word));
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");

        var resellers = (await admin.GetAsync($"{Contoso}/resellers?q={word}")).Html;
        Assert.Contains($"href=\"{Contoso}/customers?reseller={organisation}\"", resellers, StringComparison.Ordinal);

        // The filter names the reseller chosen, whether or not it is among the first resellers the filter lists.
        var customers = await admin.GetAsync($"{Contoso}/customers?reseller={organisation}");
        Assert.Equal(HttpStatusCode.OK, customers.Status);
        Assert.Matches(new Regex($"<option value=\"{organisation}\" selected=\"selected\">Zulu {word}</option>"), customers.Html);

        // A reseller user has no reseller filter at all (R-CUS-3: it sees its own customers only).
        using var reseller = await fixture.SignedInAsync("reseller.admin@adatum.demo");
        Assert.DoesNotContain("id=\"reseller\"", (await reseller.GetAsync($"{Contoso}/customers")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue16_R_PAR_1_the_users_list_is_searched_sorted_and_paged_never_every_member_on_one_page()
    {
        var tenant = await fixture.TenantAsync(CustomersFixture.Contoso);
        var word = "Roster" + Guid.NewGuid().ToString("N")[..8];
        await fixture.OwnerScalarAsync<int>(
            tenant.Id,
            """
            WITH u AS (
                INSERT INTO identity.users (id, display_name, created_at, user_name, normalized_user_name, email, normalized_email,
                    email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                SELECT gen_random_uuid(), @word || ' Member ' || lpad(i::text, 2, '0'), now(),
                    lower(@word) || i || '@members.test', upper(lower(@word) || i || '@members.test'),
                    lower(@word) || i || '@members.test', upper(lower(@word) || i || '@members.test'),
                    true, false, false, true, 0
                FROM generate_series(1, 26) AS i
                RETURNING id)
            INSERT INTO identity.memberships (tenant_id, user_id, role, created_at) SELECT @tenant, id, 'SalesAgent', now() FROM u;
            SELECT 26;
            """,
            ("word", word), ("tenant", tenant.Id));
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var list = $"{Contoso}/users?q={Uri.EscapeDataString(word.ToLowerInvariant())}";

        var first = await admin.GetAsync(list);
        var firstIds = MemberIds(first.Html);
        Assert.Equal(25, firstIds.Count);
        Assert.Contains("data-sort-key=\"name\" aria-sort=\"ascending\"", first.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"page-size\" data-size=\"25\"", first.Html, StringComparison.Ordinal);
        var second = await admin.GetAsync(Href(first.Html, "next-page")!);
        var secondIds = MemberIds(second.Html);
        Assert.Single(secondIds);
        Assert.Contains($"{word} Member 26", second.Html, StringComparison.Ordinal);
        Assert.Equal(firstIds, MemberIds((await admin.GetAsync(Href(second.Html, "previous-page")!)).Html));

        // By e-mail address descending, 50 a page: the 26 in the reverse order of their addresses.
        var byEmail = await admin.GetAsync(list + "&sort=-email&size=50");
        Assert.Contains("data-sort-key=\"email\" aria-sort=\"descending\"", byEmail.Html, StringComparison.Ordinal);
        Assert.Equal(26, MemberIds(byEmail.Html).Count);
        var addresses = Regex.Matches(byEmail.Html, $"<td>({word.ToLowerInvariant()}\\d+@members\\.test)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(addresses.OrderDescending(StringComparer.Ordinal), addresses);

        // The whole tenant is never one page, and a search that matches nobody says so.
        Assert.True(MemberIds((await admin.GetAsync($"{Contoso}/users")).Html).Count <= 25);
        Assert.Contains("id=\"no-members\"", (await admin.GetAsync($"{Contoso}/users?q=nobody-{word}")).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{Contoso}/users?sort=role")).Status);
    }

    [Fact]
    public async Task Issue16_detail_pages_show_breadcrumbs_with_the_current_page_marked_in_the_readers_language()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var name = "Crumbs " + Guid.NewGuid().ToString("N")[..8];
        var id = await CreatedIdAsync(api, Body(NewDomain("cr"), company: name));
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        using var german = await fixture.SignedInAsync("global.admin@contoso.demo");
        german.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");

        var account = await admin.GetAsync($"{Contoso}/customers/{id}");
        var subscriptions = await admin.GetAsync($"{Contoso}/customers/{id}/subscriptions");
        var keys = await admin.GetAsync($"{Contoso}/settings/api-keys");
        var germanAccount = await german.GetAsync($"{Contoso}/customers/{id}");
        var list = await admin.GetAsync($"{Contoso}/customers");

        Assert.Contains(
            $"<nav class=\"breadcrumbs\" id=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"{Contoso}/customers\">Customers</a></li><li><span aria-current=\"page\">{name}</span></li></ol></nav>",
            account.Html, StringComparison.Ordinal);
        Assert.Contains(
            $"<li><a href=\"{Contoso}/customers/{id}\">{name}</a></li><li><span aria-current=\"page\">Subscriptions</span></li>",
            subscriptions.Html, StringComparison.Ordinal);
        Assert.Contains("<ol><li>Settings</li><li><span aria-current=\"page\">", keys.Html, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"Navigationspfad\"><ol><li><a href=\"{Contoso}/customers\">Kunden</a></li>", germanAccount.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"breadcrumbs\"", list.Html, StringComparison.Ordinal); // a top-level list has none
    }

    [Fact]
    public async Task Issue16_platform_pages_and_a_review_case_show_breadcrumbs_back_to_the_platform_home_in_the_readers_language()
    {
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        const string Home = "<nav class=\"breadcrumbs\" id=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"/platform\">Platform</a></li><li><span aria-current=\"page\">";
        foreach (var path in new[] { "/platform/tenants", "/platform/audit", "/platform/partners", "/platform/listing-requests", "/platform/offers", "/platform/api-keys" })
        {
            var page = await platform.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains(Home, page.Html, StringComparison.Ordinal);
        }

        using var reviewer = await fixture.SignedInAsync("reviewer@gccsaas.demo");
        var desk = await reviewer.GetAsync("/platform/review-desk");
        Assert.Contains(Home + "Review desk</span>", desk.Html, StringComparison.Ordinal);
        var caseId = Regex.Match(desk.Html, "href=\"/platform/review-desk/([0-9a-f-]{36})\"").Groups[1].Value;
        Assert.NotEmpty(caseId);
        var one = await reviewer.GetAsync($"/platform/review-desk/{caseId}");
        Assert.Contains("<li><a href=\"/platform\">Platform</a></li><li><a href=\"/platform/review-desk\">Review desk</a></li><li><span aria-current=\"page\">", one.Html, StringComparison.Ordinal);

        using var german = await fixture.SignedInAsync("reviewer@gccsaas.demo");
        german.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        Assert.Contains("aria-label=\"Navigationspfad\"><ol><li><a href=\"/platform\">Plattform</a></li>", (await german.GetAsync($"/platform/review-desk/{caseId}")).Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"breadcrumbs\"", (await platform.GetAsync("/platform")).Html, StringComparison.Ordinal); // the home has none
    }

    private static List<Guid> Ids(string html) =>
        [.. CustomerRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value))];

    private static List<Guid> MemberIds(string html) =>
        [.. Regex.Matches(html, "<tr data-user-id=\"([0-9a-f-]{36})\"").Select(m => Guid.Parse(m.Groups[1].Value))];

    private static List<Guid> InvitationIds(string html) =>
        [.. InvitationRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value))];

    private static string? Href(string html, string id)
    {
        var match = Regex.Match(html, $"<a id=\"{id}\" href=\"([^\"]+)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<tr data-customer-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex CustomerRow();

    [GeneratedRegex("<tr data-invitation-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex InvitationRow();

    [GeneratedRegex(@"(?:^|\n)\uFEFF?([0-9a-f-]{36}),")]
    private static partial Regex CsvIds();
}
