using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Ordering;
using GccSaaS.IntegrationTests.Security;
using static GccSaaS.IntegrationTests.Ordering.OrderingApi;

namespace GccSaaS.IntegrationTests.CustomerWorkspace;

/// <summary>A customer made and sold to through /v1, with its administrator's one-time credentials.</summary>
public sealed record WorkspaceCustomer(Guid Id, string CompanyName, string Domain, string UserName, string Password, IReadOnlyList<JsonElement> Orders);

/// <summary>The customer workspace tests' arrangements: customers through the product's own API, sign-in through its page.</summary>
public static class WorkspaceCustomers
{
    /// <summary>A GCC customer of contoso (optionally for a reseller) with the given purchases, as the Ordering journey makes them.</summary>
    public static async Task<WorkspaceCustomer> CreateAsync(HttpClient api, string code, string company, Guid? reseller = null, params (string Offer, int Quantity)[] purchases)
    {
        ArgumentNullException.ThrowIfNull(api);
        var domain = CustomerApi.NewDomain("w");
        using var created = await CustomerApi.CreateAsync(api, CustomerApi.Body(domain, company, reseller, "GovernmentCommunityCloud", code));
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToString());
        var id = json.GetProperty("id").GetGuid();
        var password = json.GetProperty("userCredentials").GetProperty("password").GetString() ?? string.Empty;
        using (var recorded = await api.PostAsJsonAsync(new Uri($"/v1/customers/{id}/agreements", UriKind.Relative), SecurityFixture.AgreementBody()))
        {
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        }

        var orders = new List<JsonElement>();
        foreach (var (offer, quantity) in purchases)
        {
            var cart = await CartIdAsync(api, id, Cart([Line(offer, quantity)]));
            using var checkout = await CheckoutAsync(api, id, cart);
            var result = await OrderingFixture.JsonAsync(checkout);
            Assert.True(checkout.StatusCode == HttpStatusCode.Created, result.ToString());
            orders.Add(result);
        }

        return new WorkspaceCustomer(id, company, domain, "admin@" + domain, password, orders);
    }

    /// <summary>Signs the customer's administrator in to the workspace; answers the sign-in's response.</summary>
    public static Task<PortalResponse> SignInAsync(PortalClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostFormAsync("/customer/sign-in", "/customer/sign-in", PortalClient.Fields(("UserName", userName), ("Password", password)));
    }

    public static async Task<PortalClient> SignedInAsync(GccSaaSFactory factory, WorkspaceCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var client = new PortalClient(factory);
        var response = await SignInAsync(client, customer.UserName, customer.Password);
        Assert.True(response.Status == HttpStatusCode.Redirect && response.Location == "/customer/licenses", $"{(int)response.Status} {response.Location}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostJsonAsync(PortalClient client, string path, object body)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.Http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
    }

    public static async Task AddUserAsync(PortalClient client, string name, string email)
    {
        using var response = await PostJsonAsync(client, "/customer/api/users", new { displayName = name, email });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> LicensesAsync(PortalClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.Http.GetAsync(new Uri("/customer/api/licenses", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static JsonElement Product(JsonElement licenses, string productId) =>
        licenses.GetProperty("products").EnumerateArray().Single(p => p.GetProperty("productId").GetString() == productId);
}
