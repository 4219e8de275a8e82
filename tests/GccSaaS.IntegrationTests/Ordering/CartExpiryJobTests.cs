using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Jobs;
using GccSaaS.Modules.Ordering.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static GccSaaS.IntegrationTests.Ordering.OrderingApi;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>
/// R-PC-8: the cart-expiry job marks the carts past their 7 days Expired, tenant by tenant under row-level security, in
/// bounded set-based batches; the fake clock moves them past their expiry. Checkout, changes and the preview say
/// <c>cart_expired</c> for a cart the job marked, as they do for one it has not reached yet.
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class CartExpiryJobTests(OrderingFixture fixture)
{
    [Fact]
    public async Task R_PC_8_the_cart_expiry_job_marks_every_tenants_carts_past_7_days_expired_in_bounded_batches_and_leaves_the_others()
    {
        using var contoso = await fixture.ApiAsync(OrderingFixture.Contoso);
        using var fabrikam = await fixture.ApiAsync(OrderingFixture.Fabrikam, "GlobalAdmin");
        var customer = await fixture.CustomerAsync(contoso, gcc: false);
        var fabrikamCustomer = await fixture.CustomerAsync(fabrikam, gcc: false);
        var due = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            due.Add(await CartIdAsync(contoso, customer, Cart([Line("O365-E3", 1 + i)])));
        }

        var ordered = await CartIdAsync(contoso, customer, Cart([Line("O365-E3", 9)]));
        using (var checkout = await CheckoutAsync(contoso, customer, ordered))
        {
            Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        }

        var foreign = await CartIdAsync(fabrikam, fabrikamCustomer, Cart([Line("O365-E3", 2)]));
        fixture.Clock.Advance(TimeSpan.FromDays(3));
        var fresh = await CartIdAsync(contoso, customer, Cart([Line("O365-E3", 3)]));
        fixture.Clock.Advance(TimeSpan.FromDays(4)); // the first carts are exactly 7 days old: due; the fresh one has 3 days left

        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        var firstBatch = await SubscriptionApi.SendAsync(fixture, tenant, new ExpireDueCartsBatch(2));
        var job = fixture.Services.GetRequiredService<CartExpirySweepJob>();
        await job.RunAsync(SweepRun.Manual(CartExpiry.JobName), CancellationToken.None);
        var afterJob = await SubscriptionApi.SendAsync(fixture, tenant, new ExpireDueCartsBatch(500));

        Assert.Equal(2, firstBatch);
        Assert.Equal(0, afterJob); // idempotent: nothing due is left Active
        foreach (var cart in due)
        {
            Assert.Equal("Expired", await StatusAsync(contoso, customer, cart));
        }

        Assert.Equal("Ordered", await StatusAsync(contoso, customer, ordered));
        Assert.Equal("Active", await StatusAsync(contoso, customer, fresh));
        Assert.Equal("Expired", await StatusAsync(fabrikam, fabrikamCustomer, foreign));
        Assert.Equal(0L, await fixture.CountAsync(tenant.Id,
            "SELECT count(*) FROM ordering.carts WHERE status = 'Active' AND expires_at <= @now", ("now", fixture.Clock.GetUtcNow())));
        Assert.Equal(5L, await fixture.CountAsync(tenant.Id,
            "SELECT count(*) FROM ordering.carts WHERE customer_id = @c AND status = 'Expired' AND last_modified_by = 'system' AND last_modified_at = @now",
            ("c", customer), ("now", fixture.Clock.GetUtcNow())));
    }

    [Fact]
    public async Task R_PC_8_a_cart_the_job_expired_answers_cart_expired_at_checkout_on_change_and_in_the_preview_and_creates_nothing()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);
        var cart = await CartIdAsync(api, customer, Cart([Line("O365-E3", 4)]));
        fixture.Clock.Advance(TimeSpan.FromDays(7));
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        while (await SubscriptionApi.SendAsync(fixture, tenant, new ExpireDueCartsBatch(500)) == 500)
        {
        }

        using var checkout = await CheckoutAsync(api, customer, cart);
        using var change = await SendAsync(api, HttpMethod.Put, $"/v1/customers/{customer}/carts/{cart}", Cart([Line("O365-E3", 5)]));
        var preview = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/carts/{cart}/checkout/preview", UriKind.Relative));

        Assert.Equal("Expired", await StatusAsync(api, customer, cart));
        Assert.Equal(HttpStatusCode.Conflict, checkout.StatusCode);
        Assert.Equal("cart_expired", Code(await OrderingFixture.JsonAsync(checkout)));
        Assert.Equal("cart_expired", Code(await OrderingFixture.JsonAsync(change)));
        Assert.Equal(["cart_expired"], preview.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(0L, await fixture.CountAsync(tenant.Id, "SELECT count(*) FROM ordering.orders WHERE customer_id = @c", ("c", customer)));
    }

    [Fact]
    public void The_cart_expiry_job_is_a_recurring_job_every_15_minutes_by_default()
    {
        var definition = fixture.Services.GetServices<SweepDefinition>().Single(d => d.Name == CartExpiry.JobName);

        Assert.Equal(typeof(CartExpirySweepJob), definition.JobType);
        Assert.Equal(TimeSpan.FromMinutes(15), definition.Interval(fixture.Services));
    }

    private static async Task<string?> StatusAsync(HttpClient api, Guid customer, Guid cart) =>
        (await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/carts/{cart}", UriKind.Relative))).GetProperty("status").GetString();
}

/// <summary>The job runs through Hangfire like every recurring job of the platform: triggered on a host with a server, it succeeds.</summary>
[Collection(ApiCollection.Name)]
public sealed class CartExpiryHangfireTests(ApiFixture fixture)
{
    [Fact]
    public async Task R_PC_8_the_cart_expiry_sweep_runs_as_a_Hangfire_recurring_job()
    {
        var outcome = await HangfireTestJobs.RunAsync(fixture.Factory, CartExpiry.JobName);

        Assert.Equal("Succeeded", outcome.State);
    }
}
