using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Ordering;
using static GccSaaS.IntegrationTests.CustomerWorkspace.WorkspaceCustomers;

namespace GccSaaS.IntegrationTests.CustomerWorkspace;

/// <summary>
/// The customer administrator's workspace (issue 15, ADR 0020): its own sign-in, isolated both ways from the partner
/// portal and /v1, throttled; R-ORD-7 licenses per product and their assignment.
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class CustomerWorkspaceTests(OrderingFixture fixture)
{
    [Fact]
    public async Task R_ORD_7_the_customer_administrator_signs_in_with_the_customers_own_credentials_and_sees_licenses_per_product()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Lakewood", null, ("O365-G3-GCC", 20), ("O365-G3-GCC", 5), ("EMS-E3-GCC", 10));
        using var admin = await SignedInAsync(fixture.Factory, customer);

        var page = await admin.GetAsync("/customer/licenses");
        var licenses = await LicensesAsync(admin);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("City of Lakewood", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-product=\"O365-G3-GCC\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-purchased=\"25\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(25, Product(licenses, "O365-G3-GCC").GetProperty("purchased").GetInt32());
        Assert.Equal(0, Product(licenses, "O365-G3-GCC").GetProperty("assigned").GetInt32());
        Assert.Equal(25, Product(licenses, "O365-G3-GCC").GetProperty("available").GetInt32());
        Assert.Equal(10, Product(licenses, "EMS-E3-GCC").GetProperty("purchased").GetInt32());
    }

    [Fact]
    public async Task Issue16_the_workspace_pages_show_breadcrumbs_back_to_the_customers_workspace_home()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Crumbton", null, ("O365-G3-GCC", 2));
        using var admin = await SignedInAsync(fixture.Factory, customer);

        foreach (var path in new[] { "/customer/licenses", "/customer/users", "/customer/partners", "/customer/activity" })
        {
            var page = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains(
                "<nav class=\"breadcrumbs\" id=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"/customer\">City of Crumbton</a></li><li><span aria-current=\"page\">",
                page.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_customer_administrator_reaches_no_provider_page_and_no_v1_route()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Eastgate");
        var cookie = await WorkspaceCookieAsync(customer);

        // Even handed the workspace cookie explicitly (a browser would not send it outside /customer), the partner
        // portal and /v1 see an anonymous caller.
        using var raw = fixture.Factory.CreateHttpClient(handleCookies: false);
        foreach (var path in new[] { $"/{OrderingFixture.Contoso}/", $"/{OrderingFixture.Contoso}/customers", $"/{OrderingFixture.Contoso}/customers/{customer.Id}", "/platform", "/select-tenant" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add("Cookie", cookie);
            using var response = await raw.SendAsync(request);
            Assert.True(
                response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized,
                $"{path}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.StartsWith("/account/sign-in", response.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
            }
        }

        foreach (var path in new[] { "/v1/customers", $"/v1/customers/{customer.Id}", $"/v1/customers/{customer.Id}/subscriptions" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add("Cookie", cookie);
            using var response = await raw.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_provider_or_reseller_user_is_refused_by_the_customer_workspace()
    {
        foreach (var email in new[] { "global.admin@contoso.demo", "reseller.admin@adatum.demo" })
        {
            using var user = await fixture.SignedInAsync(email);

            var page = await user.GetAsync("/customer/licenses");
            using var apiResponse = await user.Http.GetAsync(new Uri("/customer/api/licenses", UriKind.Relative));

            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.StartsWith("/customer/sign-in", page.Location, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, apiResponse.StatusCode);
        }
    }

    [Fact]
    public async Task Customer_A_administrator_sees_only_customer_As_licenses_and_users()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var a = await CreateAsync(api, fixture.GccCode, "Town of Alderwood", null, ("O365-G3-GCC", 3));
        var b = await CreateAsync(api, fixture.GccCode, "Town of Birchbay", null, ("EMS-E3-GCC", 7));
        using var adminB = await SignedInAsync(fixture.Factory, b);
        await AddUserAsync(adminB, "Bea Birch", "bea@birchbay.example");
        using var adminA = await SignedInAsync(fixture.Factory, a);

        var licenses = await LicensesAsync(adminA);
        var users = await adminA.GetAsync("/customer/users");
        var page = await adminA.GetAsync("/customer/licenses");

        Assert.Equal(["O365-G3-GCC"], licenses.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("productId").GetString()));
        Assert.DoesNotContain("bea@birchbay.example", users.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Birchbay", page.Html, StringComparison.Ordinal);
        using var assign = await PostJsonAsync(adminA, "/customer/api/licenses/assignments", new { productId = "O365-G3-GCC", email = "bea@birchbay.example" });
        Assert.Equal(HttpStatusCode.NotFound, assign.StatusCode);
    }

    [Fact]
    public async Task After_five_failed_sign_ins_the_customer_administrator_waits_and_an_unknown_name_gets_the_same_answers()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Fairhaven");
        var stranger = "admin@nobody" + Guid.NewGuid().ToString("N")[..8] + ".onmicrosoft.com";
        using var client = new PortalClient(fixture.Factory);

        var failures = new List<PortalResponse>();
        var strangers = new List<PortalResponse>();
        for (var i = 0; i < 5; i++)
        {
            failures.Add(await SignInAsync(client, customer.UserName, "wrong-password-" + i));
            strangers.Add(await SignInAsync(client, stranger, "wrong-password-" + i));
        }

        var waiting = await SignInAsync(client, customer.UserName, customer.Password);
        var strangerWaiting = await SignInAsync(client, stranger, "whatever");

        // Issue 18: a growing wait for that name from anywhere, never a lock that only real accounts get.
        Assert.All(failures.Concat(strangers), f => Assert.Equal(HttpStatusCode.Unauthorized, f.Status));
        Assert.Equal(PortalClient.TextOf(failures[0].Html, "sign-in-error"), PortalClient.TextOf(strangers[0].Html, "sign-in-error"));
        Assert.Equal((HttpStatusCode)429, waiting.Status);
        Assert.Equal((HttpStatusCode)429, strangerWaiting.Status);
        Assert.Equal("Too many attempts. Please wait 30 seconds and try again.", PortalClient.TextOf(waiting.Html, "sign-in-error"));
        Assert.Equal(PortalClient.TextOf(waiting.Html, "sign-in-error"), PortalClient.TextOf(strangerWaiting.Html, "sign-in-error"));
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, customer.UserName, customer.Password)).Status);
    }

    [Fact]
    public async Task Signing_out_of_the_workspace_ends_a_copied_session_cookie_too()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Oakridge");
        var copied = await WorkspaceCookieAsync(customer);
        using var admin = await SignedInAsync(fixture.Factory, customer);
        using var raw = fixture.Factory.CreateHttpClient(handleCookies: false);

        async Task<HttpStatusCode> WithCopyAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/customer/licenses", UriKind.Relative));
            request.Headers.Add("Cookie", copied);
            using var response = await raw.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await WithCopyAsync());
        var page = await admin.GetAsync("/customer/licenses");
        var signedOut = await admin.PostWithTokenAsync("/customer/sign-out", PortalClient.AntiforgeryToken(page.Html) ?? string.Empty, []);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Equal(HttpStatusCode.Redirect, await WithCopyAsync());
    }

    [Fact]
    public async Task R_ORD_7_licenses_are_assigned_and_unassigned_by_email_and_the_counts_follow()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Greenwood", null, ("O365-G3-GCC", 2));
        using var admin = await SignedInAsync(fixture.Factory, customer);
        await AddUserAsync(admin, "Gale Green", "gale@greenwood.example");
        await AddUserAsync(admin, "Hal Green", "hal@greenwood.example");
        await AddUserAsync(admin, "Ivy Green", "ivy@greenwood.example");

        var first = await admin.PostFormAsync("/customer/licenses", "/customer/licenses?handler=Assign", PortalClient.Fields(("ProductId", "O365-G3-GCC"), ("Email", "gale@greenwood.example")));
        using var second = await PostJsonAsync(admin, "/customer/api/licenses/assignments", new { productId = "O365-G3-GCC", email = "hal@greenwood.example" });
        var third = await admin.PostFormAsync("/customer/licenses", "/customer/licenses?handler=Assign", PortalClient.Fields(("ProductId", "O365-G3-GCC"), ("Email", "ivy@greenwood.example")));
        using var again = await PostJsonAsync(admin, "/customer/api/licenses/assignments", new { productId = "O365-G3-GCC", email = "gale@greenwood.example" });
        var full = Product(await LicensesAsync(admin), "O365-G3-GCC");
        using var unassign = await PostJsonAsync(admin, "/customer/api/licenses/unassignments", new { productId = "O365-G3-GCC", email = "hal@greenwood.example" });
        var afterUnassign = Product(await LicensesAsync(admin), "O365-G3-GCC");

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, third.Status);
        Assert.Contains("Every license of this product is assigned", third.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("license_already_assigned", ApiCalls.ErrorName(await again.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal((2, 2, 0), (full.GetProperty("purchased").GetInt32(), full.GetProperty("assigned").GetInt32(), full.GetProperty("available").GetInt32()));
        Assert.Equal(HttpStatusCode.NoContent, unassign.StatusCode);
        Assert.Equal(1, afterUnassign.GetProperty("assigned").GetInt32());
    }

    [Fact]
    public async Task R_ORD_7_assigned_never_exceeds_purchased_under_concurrent_assignment()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Harbor Point", null, ("O365-G3-GCC", 3));
        using var admin = await SignedInAsync(fixture.Factory, customer);
        var emails = Enumerable.Range(1, 12).Select(i => $"user{i}@harborpoint.example").ToList();
        foreach (var email in emails)
        {
            await AddUserAsync(admin, "User " + email, email);
        }

        // Twelve sessions of the same administrator assign at once, each to another user.
        var sessions = new List<PortalClient>();
        foreach (var _ in emails)
        {
            sessions.Add(await SignedInAsync(fixture.Factory, customer));
        }

        var responses = await Task.WhenAll(emails.Select((email, i) =>
            PostJsonAsync(sessions[i], "/customer/api/licenses/assignments", new { productId = "O365-G3-GCC", email })));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        var codes = new List<string?>();
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.NoContent))
        {
            codes.Add(ApiCalls.ErrorName(await response.Content.ReadFromJsonAsync<JsonElement>()));
        }

        var stored = await fixture.CountAsync(customer.Id, "SELECT count(*) FROM customers.license_assignments WHERE product_id = 'O365-G3-GCC'");
        foreach (var response in responses)
        {
            response.Dispose();
        }

        foreach (var session in sessions)
        {
            session.Dispose();
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.NoContent));
        Assert.All(codes, c => Assert.Equal("license_none_available", c));
        Assert.Equal(3L, stored);
    }

    [Fact]
    public async Task R_ORD_7_no_page_or_response_the_customer_can_reach_shows_a_subscription_id_price_term_reseller_or_order()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Ironwood", Customers.CustomersFixture.AdatumTenantId, ("O365-G3-GCC", 25));
        using var subscriptionsResponse = await api.GetAsync(new Uri($"/v1/customers/{customer.Id}/subscriptions", UriKind.Relative));
        var subscriptions = (await subscriptionsResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        var order = customer.Orders[0].GetProperty("orders")[0];
        var forbidden = new List<string>
        {
            order.GetProperty("id").GetString() ?? "order id",
            OrderingFixture.AdatumPartnerId,
            "Adatum",
            "P1Y",
            "Monthly",
            "23.00",
            "23,00",
            "listPrice",
            "termDuration",
            "billingCycle",
            "partnerId",
            "orderId",
            "subscriptionId",
        };
        forbidden.AddRange(subscriptions.Select(s => s.GetProperty("id").GetString() ?? "subscription id"));
        using var admin = await SignedInAsync(fixture.Factory, customer);
        await AddUserAsync(admin, "Jo Iron", "jo@ironwood.example");
        using (var assigned = await PostJsonAsync(admin, "/customer/api/licenses/assignments", new { productId = "O365-G3-GCC", email = "jo@ironwood.example" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, assigned.StatusCode);
        }

        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in new[] { "/customer", "/customer/licenses", "/customer/users", "/customer/sign-in", "/customer/api/licenses", "/customer/api/licenses/assignments", "/customer/api/users" })
        {
            using var response = await admin.Http.GetAsync(new Uri(path, UriKind.Relative));
            bodies[path] = $"{(int)response.StatusCode} {response.Headers} {await response.Content.ReadAsStringAsync()}";
        }

        Assert.Contains("data-purchased=\"25\"", bodies["/customer/licenses"], StringComparison.Ordinal);
        foreach (var (path, body) in bodies)
        {
            foreach (var word in forbidden)
            {
                Assert.False(body.Contains(word, StringComparison.OrdinalIgnoreCase), $"{path} shows '{word}'");
            }
        }
    }

    /// <summary>The workspace cookie as a Cookie header, from a sign-in made by hand (no cookie jar).</summary>
    private async Task<string> WorkspaceCookieAsync(WorkspaceCustomer customer)
    {
        using var client = fixture.Factory.CreateHttpClient(handleCookies: false);
        using var page = await client.GetAsync(new Uri("/customer/sign-in", UriKind.Relative));
        var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = PortalClient.AntiforgeryToken(await page.Content.ReadAsStringAsync()) ?? string.Empty;
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/customer/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("UserName", customer.UserName), new("Password", customer.Password), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("GccSaaS.Customer=", StringComparison.Ordinal));
        Assert.Contains("path=/customer", cookie, StringComparison.OrdinalIgnoreCase);
        return cookie.Split(';')[0];
    }
}
