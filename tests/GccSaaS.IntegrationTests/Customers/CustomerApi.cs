using System.Net.Http.Json;
using System.Text.Json;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>Bodies and calls of /v1/customers shared by the customer tests.</summary>
public static class CustomerApi
{
    public static string NewDomain(string prefix = "c") => $"{prefix}{Guid.NewGuid():N}"[..20] + ".onmicrosoft.com";

    public static object Body(string domain, string company = "City of Springfield", Guid? reseller = null, string? qualification = null, string? code = null) => new
    {
        companyProfile = new { domain },
        billingProfile = new
        {
            email = "it@springfield.example",
            culture = "en-US",
            language = "en",
            companyName = company,
            defaultAddress = new
            {
                addressLine1 = "742 Evergreen Terrace",
                city = "Springfield",
                state = "OR",
                postalCode = "97403",
                country = "US",
                firstName = "Marge",
                lastName = "Simpson",
                phoneNumber = "+1 541 555 0100",
            },
        },
        associatedPartnerId = reseller,
        qualification,
        validationCode = code,
    };

    public static async Task<HttpResponseMessage> CreateAsync(HttpClient api, object body, Guid? requestId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/customers", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("MS-RequestId", (requestId ?? Guid.NewGuid()).ToString());
        return await api.SendAsync(request);
    }

    /// <summary>Creates a customer and answers its id (asserting 201).</summary>
    public static async Task<Guid> CreatedIdAsync(HttpClient api, object body)
    {
        using var response = await CreateAsync(api, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, json.ToString());
        return json.GetProperty("id").GetGuid();
    }

    /// <summary>The error's name (its problem <c>type</c>; <c>code</c> is the number): <c>ApiCalls.ErrorName</c>.</summary>
    public static string Code(JsonElement problem) => GccSaaS.IntegrationTests.Api.ApiCalls.ErrorName(problem);
}
