using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Ordering;
using static GccSaaS.IntegrationTests.CustomerWorkspace.WorkspaceCustomers;
using static GccSaaS.IntegrationTests.Ordering.OrderingApi;
using static GccSaaS.IntegrationTests.Ordering.SubscriptionApi;

namespace GccSaaS.IntegrationTests.Reliability;

/// <summary>
/// Issue 18, concurrency: requests that race for one thing over real HTTP against PostgreSQL. Each case ends in
/// exactly one consistent outcome, asserted on the database afterwards (as the owner role in the tenant), not only
/// on the answers. Outcomes are written to artifacts/reliability/concurrency.json for docs/reliability.md.
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class OrderingConcurrencyTests(OrderingFixture fixture)
{
    [Fact]
    public async Task R_PC_2_R_VAL_8_parallel_customer_creations_with_one_validation_code_spend_exactly_its_uses_each_with_its_customer()
    {
        const int uses = 3;
        const int attempts = 12;
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var contoso = await fixture.TenantAsync(OrderingFixture.Contoso);
        var code = await fixture.Database.IssueValidationCodeAsync(contoso.Id, maxCreates: uses);

        var responses = await Task.WhenAll(Enumerable.Range(0, attempts).Select(i =>
            CustomerApi.CreateAsync(api, CustomerApi.Body(CustomerApi.NewDomain("race"), "City of Race " + i, null, "GovernmentCommunityCloud", code))));
        var codes = new List<string>();
        foreach (var response in responses)
        {
            if (response.StatusCode != HttpStatusCode.Created)
            {
                codes.Add(ApiCalls.ErrorName(await response.Content.ReadFromJsonAsync<JsonElement>()));
            }

            response.Dispose();
        }

        var remaining = await fixture.CountAsync(contoso.Id, "SELECT remaining_creates::bigint FROM validation.validation_codes WHERE validation_id = @code", ("code", code));
        var spent = await fixture.CountAsync(contoso.Id, "SELECT count(*) FROM validation.validation_code_uses WHERE validation_id = @code", ("code", code));
        var withCustomer = await fixture.CountAsync(contoso.Id, """
            SELECT count(*) FROM validation.validation_code_uses u
            JOIN customers.customers c ON c.tenant_id = u.tenant_id AND c.customer_tenant_id = u.customer_tenant_id
            WHERE u.validation_id = @code
            """, ("code", code));
        var qualified = await fixture.CountAsync(contoso.Id, "SELECT count(*) FROM customers.customer_qualifications WHERE validation_code = @code", ("code", code));
        ConcurrencyReport.Record("parallel consumption of one validation code",
            $"{attempts} creations with a code of {uses} uses: {responses.Count(r => r.StatusCode == HttpStatusCode.Created)} created, {codes.Count} refused ({string.Join(", ", codes.Distinct())}); {spent} uses spent, {remaining} left");

        Assert.Equal(uses, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(codes, c => Assert.Equal("validation_code_exhausted", c));
        Assert.Equal(0L, remaining);
        Assert.Equal((long)uses, spent);
        Assert.Equal((long)uses, withCustomer); // no spent code without its customer
        Assert.Equal((long)uses, qualified);
    }

    [Fact]
    public async Task R_PC_8_R_PC_10_fifty_concurrent_checkouts_with_one_MS_RequestId_place_exactly_one_order()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: true);
        var cart = await CartIdAsync(api, customer, Cart([Line("O365-G3-GCC", 25), Line("PBI-PRO-GCC", 5)]));
        var requestId = Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => CheckoutAsync(api, customer, cart, requestId)));
        var orderIds = new HashSet<Guid>();
        var statuses = new List<HttpStatusCode>();
        var refusals = new List<string>();
        foreach (var response in responses)
        {
            var json = await OrderingFixture.JsonAsync(response);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                orderIds.Add(json.GetProperty("orders")[0].GetProperty("id").GetGuid());
            }
            else
            {
                refusals.Add(ApiCalls.ErrorName(json));
            }

            response.Dispose();
        }

        // A retry after the race (what a client does with a 409 request_in_progress) gets the one order.
        using var retry = await CheckoutAsync(api, customer, cart, requestId);
        var retried = await OrderingFixture.JsonAsync(retry);
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        var orders = await fixture.CountAsync(tenant.Id, "SELECT count(*) FROM ordering.orders WHERE customer_id = @c", ("c", customer));
        var subscriptions = await fixture.CountAsync(tenant.Id, "SELECT count(*) FROM ordering.subscriptions WHERE customer_id = @c", ("c", customer));
        var lines = await fixture.CountAsync(tenant.Id, "SELECT count(*) FROM ordering.order_line_items l JOIN ordering.orders o ON o.tenant_id = l.tenant_id AND o.id = l.order_id WHERE o.customer_id = @c", ("c", customer));
        var stored = await fixture.CountAsync(tenant.Id, "SELECT count(*) FROM idempotency.idempotent_requests WHERE request_id = @r", ("r", requestId));
        ConcurrencyReport.Record("fifty concurrent checkouts with one MS-RequestId",
            $"{statuses.Count(s => s == HttpStatusCode.Created)}× 201 (one order, the rest replays), {refusals.Count}× 409 request_in_progress; {orders} order, {subscriptions} subscriptions for 2 lines");

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{s}"));
        Assert.All(refusals, c => Assert.Equal("request_in_progress", c));
        Assert.Single(orderIds);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(orderIds.Single(), retried.GetProperty("orders")[0].GetProperty("id").GetGuid());
        Assert.Equal(1L, orders);
        Assert.Equal(2L, lines);
        Assert.Equal(2L, subscriptions);
        Assert.Equal(1L, stored);
    }

    [Fact]
    public async Task R_ORD_3_two_editors_of_one_subscription_exactly_one_change_is_applied()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        using var other = await fixture.ApiAsync(OrderingFixture.Contoso, "AdminAgent");
        var (customer, subscription) = await BuyAsync(fixture, api);
        var (_, etag) = await GetAsync(api, customer, subscription);

        var responses = await Task.WhenAll(
            PatchAsync(api, customer, subscription, new { quantity = 30 }, etag),
            PatchAsync(other, customer, subscription, new { quantity = 40 }, etag));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        var quantity = await fixture.CountAsync(tenant.Id, "SELECT quantity::bigint FROM ordering.subscriptions WHERE id = @s", ("s", subscription));
        var version = await fixture.CountAsync(tenant.Id, "SELECT version::bigint FROM ordering.subscriptions WHERE id = @s", ("s", subscription));
        var winner = statuses.IndexOf(HttpStatusCode.OK);
        ConcurrencyReport.Record("two editors of one subscription",
            $"{string.Join(" + ", statuses.Select(s => (int)s))}; stored quantity {quantity} (the winner's), version {version}");

        Assert.Single(statuses, s => s == HttpStatusCode.OK);
        Assert.Single(statuses, s => s == HttpStatusCode.PreconditionFailed);
        Assert.Equal(winner == 0 ? 30L : 40L, quantity);
        Assert.Equal(2L, version);
    }

    [Fact]
    public async Task R_ORD_7_concurrent_license_assignments_never_exceed_the_purchase_and_never_assign_one_user_twice()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Concord Falls", null, ("O365-G3-GCC", 2));
        using var admin = await SignedInAsync(fixture.Factory, customer);
        var emails = Enumerable.Range(1, 6).Select(i => $"user{i}@concordfalls.example").ToList();
        foreach (var email in emails)
        {
            await AddUserAsync(admin, "User " + email, email);
        }

        var sessions = new List<Infrastructure.PortalClient>();
        for (var i = 0; i < 8; i++)
        {
            sessions.Add(await SignedInAsync(fixture.Factory, customer));
        }

        // Six sessions assign to six users, and two more assign the first user again: two licenses exist.
        var targets = emails.Concat([emails[0], emails[0]]).ToList();
        var responses = await Task.WhenAll(targets.Select((email, i) =>
            PostJsonAsync(sessions[i], "/customer/api/licenses/assignments", new { productId = "O365-G3-GCC", email })));
        var codes = new List<string>();
        foreach (var response in responses)
        {
            if (response.StatusCode != HttpStatusCode.NoContent)
            {
                codes.Add(ApiCalls.ErrorName(await response.Content.ReadFromJsonAsync<JsonElement>()));
            }

            response.Dispose();
        }

        foreach (var session in sessions)
        {
            session.Dispose();
        }

        var assigned = await fixture.CountAsync(customer.Id, "SELECT count(*) FROM customers.license_assignments WHERE product_id = 'O365-G3-GCC'");
        var distinctUsers = await fixture.CountAsync(customer.Id, "SELECT count(DISTINCT user_id) FROM customers.license_assignments WHERE product_id = 'O365-G3-GCC'");
        ConcurrencyReport.Record("concurrent license assignment",
            $"8 assignments (one user three times) of 2 licenses: {responses.Count(r => r.StatusCode == HttpStatusCode.NoContent)} assigned, refused: {string.Join(", ", codes.Distinct())}; {assigned} stored");

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.NoContent));
        Assert.All(codes, c => Assert.True(c is "license_none_available" or "license_already_assigned", c));
        Assert.Equal(2L, assigned);
        Assert.Equal(2L, distinctUsers);
    }
}
