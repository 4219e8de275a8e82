using System.Net;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GccSaaS.IntegrationTests.Customers.CustomerApi;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// The portal's Customers pages: Add customer with review and one-time credentials (R-CUS-1, R-CUS-2, R-PC-5),
/// the account page (R-CUS-5, R-REL-6), and reseller scoping on every page route (R-CUS-3).
/// </summary>
[Collection(CustomersCollection.Name)]
public sealed partial class CustomerPagesTests(CustomersFixture fixture)
{
    private const string Base = "/" + CustomersFixture.Contoso + "/customers";

    [Fact]
    public async Task R_CUS_1_R_CUS_2_a_sales_agent_adds_a_customer_for_a_preselected_reseller_sees_the_password_once_and_never_again()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var domainName = NewDomain("pg").Replace(".onmicrosoft.com", string.Empty, StringComparison.Ordinal);

        var form = await sales.GetAsync($"{Base}/new?reseller={CustomersFixture.AdatumId}");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Matches($"""<option[^>]*selected="selected"[^>]*value="{CustomersFixture.AdatumId}"|<option[^>]*value="{CustomersFixture.AdatumId}"[^>]*selected="selected"|<option[^>]*value="{CustomersFixture.AdatumId}"[^>]*selected""", form.Html);
        var submission = SubmissionId(form.Html);
        var fields = Fields(
            ("Form.SubmissionId", submission), ("Form.CompanyName", "Shelbyville County"), ("Form.Domain", domainName),
            ("Form.AddressLine1", "1 Main St"), ("Form.City", "Shelbyville"), ("Form.State", "OR"), ("Form.PostalCode", "97000"), ("Form.Country", "US"),
            ("Form.FirstName", "Joe"), ("Form.LastName", "Quimby"), ("Form.Email", "it@shelbyville.example"), ("Form.Culture", "en-US"), ("Form.Language", "en"),
            ("Form.Gcc", "false"), ("Form.ResellerOrganisationId", CustomersFixture.AdatumId.ToString())).ToList();

        var review = await sales.PostWithTokenAsync($"{Base}/new?handler=Review", AntiforgeryToken(form.Html)!, fields);
        Assert.Equal(domainName + ".onmicrosoft.com", TextOf(review.Html, "review-domain"));
        Assert.Equal("Adatum Reseller", TextOf(review.Html, "review-reseller"));

        using var created = await PostRawAsync(sales, $"{Base}/new?handler=Create", AntiforgeryToken(review.Html)!, fields);
        var html = await created.Content.ReadAsStringAsync();
        var password = TextOf(html, "admin-password");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("admin@" + domainName + ".onmicrosoft.com", TextOf(html, "admin-user-name"));
        Assert.False(string.IsNullOrEmpty(password));
        var id = Guid.Parse(Regex.Match(html, "id=\"customer-created\" data-customer-id=\"([0-9a-f-]+)\"").Groups[1].Value);

        // A reload lands on the account page (the address bar was replaced) and a resubmitted form is a replay:
        // neither shows the password; neither do the list, the audit log or any stored copy.
        var account = await sales.GetAsync($"{Base}/{id}?created=true");
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.NotNull(TextOf(account.Html, "credentials-gone"));
        Assert.DoesNotContain(password!, account.Html, StringComparison.Ordinal);
        var resubmitted = await sales.PostWithTokenAsync($"{Base}/new?handler=Create", AntiforgeryToken(review.Html)!, fields);
        Assert.NotNull(TextOf(resubmitted.Html, "credentials-gone"));
        Assert.DoesNotContain(password!, resubmitted.Html, StringComparison.Ordinal);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        Assert.Equal(1, await fixture.QueryAsync(db => db.Customers.CountAsync(c => c.CustomerTenantId == id), contoso));
        Assert.Equal(0L, await fixture.StoredCopiesAsync(contoso.Id, password!));
        var list = await sales.GetAsync($"{Base}?q=shelbyville");
        Assert.Contains($"data-customer-id=\"{id}\"", list.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_PC_5_the_domain_field_says_live_whether_a_domain_is_free()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");

        var taken = await sales.GetAsync($"{Base}/new?handler=Domain&domain=relecloudgov");
        var free = await sales.GetAsync($"{Base}/new?handler=Domain&domain={NewDomain()}");
        var invalid = await sales.GetAsync($"{Base}/new?handler=Domain&domain=not%20valid");

        Assert.Contains("\"taken\":true", taken.Html, StringComparison.Ordinal);
        Assert.Contains("\"taken\":false", free.Html, StringComparison.Ordinal);
        Assert.Contains("\"valid\":false", invalid.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Country_culture_and_language_are_picked_by_name_in_the_readers_language_and_an_unknown_country_is_refused()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        sales.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");

        var form = await sales.GetAsync($"{Base}/new");

        // Issue 16: pickers instead of ISO codes, named as the seeds' readers name them, the defaults chosen.
        Assert.Matches("""<select[^>]*name="Form.Country"[^>]*>""", form.Html);
        Assert.Matches("""<option value="US" selected="selected">Vereinigte Staaten</option>""", form.Html);
        Assert.Matches("""<option value="FR">Frankreich</option>""", form.Html);
        Assert.Matches("""<option value="en-US" selected="selected">Englisch \(Vereinigte Staaten\)</option>""", form.Html);
        Assert.Matches("""<option value="en" selected="selected">Englisch</option>""", form.Html);

        var review = await sales.PostWithTokenAsync($"{Base}/new?handler=Review", AntiforgeryToken(form.Html)!, Fields(
            ("Form.SubmissionId", SubmissionId(form.Html)), ("Form.CompanyName", "Nowhere Land"), ("Form.Domain", NewDomain("zz").Replace(".onmicrosoft.com", string.Empty, StringComparison.Ordinal)),
            ("Form.AddressLine1", "1 Main St"), ("Form.City", "Olympia"), ("Form.PostalCode", "98501"), ("Form.Country", "ZZ"),
            ("Form.FirstName", "A"), ("Form.LastName", "B"), ("Form.Email", "a@b.example"), ("Form.Culture", "en-US"), ("Form.Language", "xx"), ("Form.Gcc", "false")));

        Assert.Equal(HttpStatusCode.BadRequest, review.Status);
        Assert.Contains("aria-invalid=\"true\"", review.Html, StringComparison.Ordinal);
        Assert.Matches("""<select(?=[^>]*name="Form.Country")(?=[^>]*aria-invalid="true")""", review.Html);
        Assert.Matches("""<select(?=[^>]*name="Form.Language")(?=[^>]*aria-invalid="true")""", review.Html);
        Assert.Null(TextOf(review.Html, "review"));
    }

    [Fact]
    public async Task R_PC_5_a_taken_domain_is_refused_at_review_with_a_readable_message()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var form = await sales.GetAsync($"{Base}/new");

        var review = await sales.PostWithTokenAsync($"{Base}/new?handler=Review", AntiforgeryToken(form.Html)!, Fields(
            ("Form.SubmissionId", SubmissionId(form.Html)), ("Form.CompanyName", "Copycat"), ("Form.Domain", "relecloudgov"),
            ("Form.AddressLine1", "1 Main St"), ("Form.City", "Olympia"), ("Form.PostalCode", "98501"), ("Form.Country", "US"),
            ("Form.FirstName", "A"), ("Form.LastName", "B"), ("Form.Email", "a@b.example"), ("Form.Culture", "en-US"), ("Form.Language", "en"), ("Form.Gcc", "false")));

        Assert.Contains("id=\"form-errors\"", review.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, review.Status); // 409, as POST /v1/customers answers a taken domain
        Assert.Equal("This domain is taken. Choose another name.", TextOf(review.Html, "form-errors"));
        Assert.Contains("data-error-code=\"domain_taken\"", review.Html, StringComparison.Ordinal);
        Assert.Null(TextOf(review.Html, "review"));
    }

    [Fact]
    public async Task R_REL_6_R_CUS_5_the_account_page_shows_qualifications_grants_and_direct_subscriptions_read_only()
    {
        var tenant = await fixture.Services.CreateTenantAsync("ap");
        await fixture.DeliverAsync(tenant, new GccSaaS.Modules.Relationships.Contracts.CustomerRelationshipAcceptedNotification(
            tenant.Id, Guid.NewGuid(), CustomersFixture.RelecloudTenantId, null, "admin@relecloudgov.onmicrosoft.com", fixture.Clock.GetUtcNow()));
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var code = await fixture.IssueCodeAsync(contoso.Id, 2);
        var id = await CreatedIdAsync(api, Body(NewDomain(), qualification: "GovernmentCommunityCloud", code: code));

        var page = await sales.GetAsync($"{Base}/{id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-qualification=\"GovernmentCommunityCloud\" data-vetting-status=\"Approved\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-grantee-kind=\"Provider\"", page.Html, StringComparison.Ordinal);
        Assert.NotNull(TextOf(page.Html, "no-agreement"));
        // R-CUS-2: no password is shown again (the page offers only to issue a new one, issue 13).
        Assert.DoesNotContain("id=\"admin-password\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"new-password\"", page.Html, StringComparison.Ordinal);
        // Relecloud is not contoso's customer: its account (with its direct subscriptions) is a 404 here.
        Assert.Equal(HttpStatusCode.NotFound, (await sales.GetAsync($"{Base}/{CustomersFixture.RelecloudTenantId}")).Status);
    }

    [Fact]
    public async Task R_CUS_3_a_reseller_user_sees_and_acts_on_only_its_own_organisations_customers_on_every_page_route()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var adatums = await CreatedIdAsync(api, Body(NewDomain("ad"), company: "Adatum Client " + Guid.NewGuid().ToString("N")[..6], reseller: CustomersFixture.AdatumTenantId));
        var providers = await CreatedIdAsync(api, Body(NewDomain("pr"), company: "Provider Own " + Guid.NewGuid().ToString("N")[..6]));
        using var adatum = await fixture.SignedInAsync("reseller.admin@adatum.demo");
        using var proseware = await fixture.SignedInAsync("reseller.admin@proseware.demo");

        var adatumList = await adatum.GetAsync($"{Base}?size=100");
        var prosewareList = await proseware.GetAsync(Base);
        Assert.Contains($"data-customer-id=\"{adatums}\"", adatumList.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-customer-id=\"{providers}\"", adatumList.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-customer-id=\"{adatums}\"", prosewareList.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"add-customer\"", adatumList.Html, StringComparison.Ordinal);
        // R-REL-4, R-REL-5: the reseller finds "Request a reseller relationship" on its Customers page (issue 16)...
        Assert.Contains("id=\"request-relationship\"", adatumList.Html, StringComparison.Ordinal);
        // ...and a reseller without any customer reads what to do, not "No customers match".
        Assert.Equal("false", Regex.Match(prosewareList.Html, "id=\"customers-empty\" data-filtered=\"(\\w+)\"").Groups[1].Value);
        Assert.StartsWith("No customers yet. Your indirect provider adds customers for you", TextOf(prosewareList.Html, "customers-empty"), StringComparison.Ordinal);
        var searched = await adatum.GetAsync($"{Base}?q=nothing-is-called-this");
        Assert.Equal("No customers match.", TextOf(searched.Html, "customers-empty"));

        // The delegated admin rights read from where the reseller stands: its provider by name, itself as "You".
        var account = await adatum.GetAsync($"{Base}/{adatums}");
        Assert.Contains("(your indirect provider)", account.Html, StringComparison.Ordinal);
        Assert.Contains("You (indirect reseller): account and subscription administration", account.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("You (indirect provider)", account.Html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await adatum.GetAsync($"{Base}/{adatums}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await adatum.GetAsync($"{Base}/{providers}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await proseware.GetAsync($"{Base}/{adatums}")).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await adatum.GetAsync($"{Base}/new")).Status);

        // Every form of the account page refuses another organisation's customer with a 404...
        var token = AntiforgeryToken((await adatum.GetAsync($"{Base}/{adatums}")).Html)!;
        foreach (var handler in new[] { "Reseller", "Agreement", "Qualification" })
        {
            var post = await adatum.PostWithTokenAsync($"{Base}/{providers}?handler={handler}", token, Fields(
                ("NewReseller", CustomersFixture.AdatumId.ToString()), ("ValidationCode", "GCC-X"), ("Agreement.FirstName", "A"), ("Agreement.LastName", "B"),
                ("Agreement.Email", "a@b.example"), ("Agreement.DateAgreed", "2026-01-01")));
            Assert.True(post.Status == HttpStatusCode.NotFound, $"{handler} answered {(int)post.Status}");
        }

        // ...and on its own customer a reseller may not attest the agreement (R-PC-6): a readable refusal, nothing recorded.
        var own = await adatum.PostWithTokenAsync($"{Base}/{adatums}?handler=Agreement", token, Fields(
            ("Agreement.FirstName", "A"), ("Agreement.LastName", "B"), ("Agreement.Email", "a@b.example"), ("Agreement.DateAgreed", "2026-01-01")));
        Assert.Contains("<li>An indirect reseller cannot record the customer agreement; its indirect provider does.</li>", own.Html, StringComparison.Ordinal);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        Assert.False(await fixture.QueryAsync(db => db.Agreements.AnyAsync(a => a.CustomerTenantId == adatums), contoso));
    }

    [Fact]
    public async Task The_customer_list_exports_as_CSV_with_its_search_and_only_what_the_user_may_see()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var adatums = await CreatedIdAsync(api, Body(NewDomain("ad"), company: "Export Adatum " + tag, reseller: CustomersFixture.AdatumTenantId));
        var providers = await CreatedIdAsync(api, Body(NewDomain("pr"), company: "Export Own " + tag));
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        using var adatum = await fixture.SignedInAsync("reseller.admin@adatum.demo");

        using var response = await sales.Http.GetAsync(new Uri($"{Base}/export.csv?q=export", UriKind.Relative));
        var csv = await response.Content.ReadAsStringAsync();
        var resellers = await adatum.Http.GetStringAsync(new Uri($"{Base}/export.csv?q=export", UriKind.Relative));
        var page = await sales.GetAsync($"{Base}?q=export");

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("customerId,companyName,domain,resellerId,resellerName,gccQualification,createdAt\r\n", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains($"{adatums},Export Adatum {tag},", csv, StringComparison.Ordinal);
        Assert.Contains($"{providers},Export Own {tag},", csv, StringComparison.Ordinal);
        Assert.Contains("Adatum Reseller", csv, StringComparison.Ordinal);
        Assert.Contains(adatums.ToString(), resellers, StringComparison.Ordinal);
        Assert.DoesNotContain(providers.ToString(), resellers, StringComparison.Ordinal); // R-CUS-3 holds in the export too
        Assert.Contains($"href=\"{Base}/export.csv?q=export\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_PC_6_a_provider_records_the_agreement_on_the_account_page()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var id = await CreatedIdAsync(api, Body(NewDomain()));
        using var admin = await fixture.SignedInAsync("admin.agent@contoso.demo");

        var page = await admin.GetAsync($"{Base}/{id}");
        var posted = await admin.PostWithTokenAsync($"{Base}/{id}?handler=Agreement", AntiforgeryToken(page.Html)!, Fields(
            ("Agreement.FirstName", "Marge"), ("Agreement.LastName", "Simpson"), ("Agreement.Email", "marge@springfield.example"),
            ("Agreement.DateAgreed", DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Equal("The customer agreement was recorded.", TextOf(posted.Html, "status-message"));
        Assert.Contains("data-agreement-type=\"MicrosoftCustomerAgreement\"", posted.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_customers_page_is_localised()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        foreach (var (culture, title) in new[] { ("de", "Kunden"), ("fr", "Clients"), ("es", "Clientes"), ("en", "Customers") })
        {
            sales.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
            sales.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
            var page = await sales.GetAsync(Base + "?ui-culture=" + culture);
            Assert.Equal(title, TextOf(page.Html, "customers-title"));
        }
    }

    private static string SubmissionId(string html) =>
        Regex.Match(html, "name=\"Form.SubmissionId\" value=\"([0-9a-f-]+)\"|value=\"([0-9a-f-]+)\"[^>]*name=\"Form.SubmissionId\"") is { Success: true } m
            ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            : throw new InvalidOperationException("No submission id on the form.");

    /// <summary>Posts a form and keeps the raw response (to read its headers).</summary>
    private static async Task<HttpResponseMessage> PostRawAsync(PortalClient portal, string url, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]);
        return await portal.Http.PostAsync(new Uri(url, UriKind.Relative), content);
    }
}
