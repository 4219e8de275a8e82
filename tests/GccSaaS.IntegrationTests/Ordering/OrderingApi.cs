using System.Net.Http.Json;
using System.Text.Json;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>Bodies and calls of the cart, checkout, order and subscription routes shared by the ordering tests.</summary>
public static class OrderingApi
{
    public static object Line(string offer, int quantity, string term = "P1Y", string cycle = "Monthly") =>
        new { catalogItemId = offer, quantity, termDuration = term, billingCycle = cycle };

    public static object Cart(object[] lines, bool attested = true, string? resellerPartnerId = null) =>
        new { lineItems = lines, partnerOnRecordAttestationAccepted = attested, resellerPartnerId };

    public static async Task<HttpResponseMessage> SendAsync(HttpClient api, HttpMethod method, string path, object? body = null, Guid? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (method != HttpMethod.Get)
        {
            request.Headers.Add("MS-RequestId", (requestId ?? Guid.NewGuid()).ToString());
        }

        return await api.SendAsync(request);
    }

    /// <summary>Creates a cart and answers its id (asserting 201).</summary>
    public static async Task<Guid> CartIdAsync(HttpClient api, Guid customer, object cart)
    {
        using var response = await SendAsync(api, HttpMethod.Post, $"/v1/customers/{customer}/carts", cart);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, json.ToString());
        return json.GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> CheckoutAsync(HttpClient api, Guid customer, Guid cart, Guid? requestId = null) =>
        SendAsync(api, HttpMethod.Post, $"/v1/customers/{customer}/carts/{cart}/checkout", null, requestId);

    /// <summary>The error's name (its problem <c>type</c>; <c>code</c> is the number): <c>ApiCalls.ErrorName</c>.</summary>
    public static string Code(JsonElement problem) => GccSaaS.IntegrationTests.Api.ApiCalls.ErrorName(problem);
}
