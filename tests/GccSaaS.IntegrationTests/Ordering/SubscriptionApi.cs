using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static GccSaaS.IntegrationTests.Ordering.OrderingApi;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>Buying a subscription through /v1 and reading and changing it, for the tests of what happens after purchase.</summary>
public static class SubscriptionApi
{
    /// <summary>The demo directory's Alpine Ski Reseller: an indirect reseller contoso is not partnered with until a test says so.</summary>
    public const string AlpinePartnerId = "5123460";

    public static readonly Guid AlpineId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123460a0009");

    public static readonly Guid AdatumCommercialTenantId = Guid.Parse("4c507132-2e3f-4da0-9b43-8c9d0e1f2a03");

    /// <summary>A new customer of contoso (GCC-validated, agreement recorded) with one subscription bought now; answers both ids.</summary>
    public static async Task<(Guid Customer, Guid Subscription)> BuyAsync(
        OrderingFixture fixture, HttpClient api, string offer = "O365-G3-GCC", int quantity = 25, Guid? reseller = null, bool gcc = true)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var customer = await fixture.CustomerAsync(api, gcc, reseller: reseller);
        return (customer, await BuyForAsync(api, customer, offer, quantity));
    }

    /// <summary>One more subscription for an existing customer; answers its id.</summary>
    public static async Task<Guid> BuyForAsync(HttpClient api, Guid customer, string offer = "O365-G3-GCC", int quantity = 25)
    {
        var cart = await CartIdAsync(api, customer, Cart([Line(offer, quantity)]));
        using var checkout = await CheckoutAsync(api, customer, cart);
        var json = await checkout.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(checkout.StatusCode == HttpStatusCode.Created, json.ToString());
        return json.GetProperty("orders")[0].GetProperty("lineItems")[0].GetProperty("subscriptionId").GetGuid();
    }

    public static string PathOf(Guid customer, Guid subscription) => $"/v1/customers/{customer}/subscriptions/{subscription}";

    /// <summary>GET the subscription: its body and its ETag header.</summary>
    public static async Task<(JsonElement Body, string? ETag)> GetAsync(HttpClient api, Guid customer, Guid subscription)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.GetAsync(new Uri(PathOf(customer, subscription), UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return (body, response.Headers.ETag?.ToString());
    }

    /// <summary>PATCH the subscription with the body and, when given, If-Match.</summary>
    public static async Task<HttpResponseMessage> PatchAsync(HttpClient api, Guid customer, Guid subscription, object body, string? ifMatch)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(PathOf(customer, subscription), UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await api.SendAsync(request);
    }

    /// <summary>GET, then PATCH with the ETag just read (one editor, nobody in between).</summary>
    public static async Task<HttpResponseMessage> ChangeAsync(HttpClient api, Guid customer, Guid subscription, object body)
    {
        var (_, etag) = await GetAsync(api, customer, subscription);
        return await PatchAsync(api, customer, subscription, body, etag);
    }

    /// <summary>PUT the support contact.</summary>
    public static async Task<HttpResponseMessage> PutSupportContactAsync(HttpClient api, Guid customer, Guid subscription, object body, string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(PathOf(customer, subscription) + "/supportcontact", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await api.SendAsync(request);
    }

    /// <summary>R-REL-6: what the vendor's records say the customer bought directly (a platform-level row of Customers), as the demo seed and a vendor feed record it.</summary>
    public static async Task<Guid> RecordDirectSubscriptionAsync(OrderingFixture fixture, Guid customer, string offerName = "Microsoft 365 E3", int quantity = 120)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var id = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO customers.direct_subscriptions (customer_tenant_id, id, offer_name, quantity, status, advisor_of_record, purchased_at)
            VALUES (@c, @id, @name, @quantity, 'Active', 'Microsoft (bought directly)', now() - interval '200 days')
            """,
            connection);
        command.Parameters.AddWithValue("c", customer);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", offerName);
        command.Parameters.AddWithValue("quantity", quantity);
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>Sends a request of a module in the tenant's scope, as a job or a contract call would.</summary>
    public static async Task<T> SendAsync<T>(OrderingFixture fixture, TenantInfo tenant, MediatR.IRequest<T> request)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        using (fixture.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            await using var scope = fixture.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(request);
        }
    }
}
