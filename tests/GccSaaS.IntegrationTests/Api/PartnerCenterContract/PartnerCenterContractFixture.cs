using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GccSaaS.IntegrationTests.Infrastructure;

namespace GccSaaS.IntegrationTests.Api.PartnerCenterContract;

/// <summary>
/// The contract tests' platform (issue 13): the demo seed on its own database, as a distributor's existing automation
/// meets it. contoso-distribution is the indirect provider (Government_community_cloud, as Validation's approval gives
/// it, and one GCC validation code); Adatum is its partnered indirect reseller, Alpine a reseller without a partnership.
/// The tests send requests as the design reference PARTNER-CENTER.md documents them (<see cref="PartnerCenterCall"/>).
/// </summary>
public sealed class PartnerCenterContractFixture() : SeededPlatformFixture(DateTimeOffset.UtcNow)
{
    public const string Contoso = "contoso-distribution";

    /// <summary>The demo directory's ids (Partners demo seed): Contoso's organisation, PartnerIDs and resellers' tenant IDs.</summary>
    public static readonly Guid ContosoOrganisationId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-4811230a0001");
    public static readonly Guid AdatumTenantId = Guid.Parse("4c507132-2e3f-4da0-9b43-8c9d0e1f2a03");
    public static readonly Guid AlpineTenantId = Guid.Parse("a2b6d798-8495-4306-b1a9-4c5d6e7f8009");
    public const string ContosoPartnerId = "4811230";
    public const string AdatumPartnerId = "5123400";

    public string ValidationCode { get; private set; } = string.Empty;

    public Guid ContosoTenantId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var contoso = await TenantAsync(Contoso);
        ContosoTenantId = contoso.Id;
        await GrantGccQualificationAsync(contoso, ContosoOrganisationId);
        ValidationCode = await Database.IssueValidationCodeAsync(contoso.Id, 100);
    }

    /// <summary>The provider's API, as an Admin agent's App+User call would be.</summary>
    public Task<HttpClient> ProviderAsync() => ApiAsync(Contoso, "AdminAgent");
}

[CollectionDefinition(Name)]
public sealed class PartnerCenterContractCollection : ICollectionFixture<PartnerCenterContractFixture>
{
    public const string Name = "Partner Center contract (seeded demo platform)";
}

/// <summary>
/// One call as PARTNER-CENTER.md §6.1 documents its headers: <c>MS-RequestId</c> and <c>MS-CorrelationId</c> (GUIDs,
/// new for every call), <c>MS-Contract-Version: v1</c>, <c>X-Locale: en-US</c>, <c>Accept: application/json</c>; a body is
/// JSON text written as the documentation writes it (Partner Center's examples use PascalCase names).
/// </summary>
public sealed class PartnerCenterCall : IDisposable
{
    private PartnerCenterCall(HttpRequestMessage request, Guid requestId, Guid correlationId)
    {
        Request = request;
        RequestId = requestId;
        CorrelationId = correlationId;
    }

    public HttpRequestMessage Request { get; }

    public Guid RequestId { get; }

    public Guid CorrelationId { get; }

    public static PartnerCenterCall Of(HttpMethod method, string uri, string? json = null, Guid? requestId = null, string? continuationToken = null)
    {
        var request = new HttpRequestMessage(method, new Uri(uri, UriKind.Relative));
        var id = requestId ?? Guid.NewGuid();
        var correlation = Guid.NewGuid();
        request.Headers.Add("MS-RequestId", id.ToString());
        request.Headers.Add("MS-CorrelationId", correlation.ToString());
        request.Headers.Add("MS-Contract-Version", "v1");
        request.Headers.Add("X-Locale", "en-US");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (continuationToken is not null)
        {
            request.Headers.Add("MS-ContinuationToken", continuationToken);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return new PartnerCenterCall(request, id, correlation);
    }

    /// <summary>Sends the call; the answer echoes the call's request and correlation ids (PARTNER-CENTER.md §2.3, §6.1).</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpClient api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var response = await api.SendAsync(Request);
        Assert.Equal(CorrelationId.ToString(), response.Header("MS-CorrelationId"));
        Assert.Equal(RequestId.ToString(), response.Header("MS-RequestId"));
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, body);
    }

    public void Dispose() => Request.Dispose();

    /// <summary>Sends one call and disposes the request.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(
        HttpClient api, HttpMethod method, string uri, string? json = null, Guid? requestId = null, string? continuationToken = null)
    {
        using var call = Of(method, uri, json, requestId, continuationToken);
        return await call.SendAsync(api);
    }
}

/// <summary>What the contract tests assert of every Partner Center resource and error (PARTNER-CENTER.md §6.2, §6.3).</summary>
public static class PartnerCenterShapes
{
    /// <summary>§6.2: <c>{ totalCount, items [...], links?, attributes { objectType: "Collection" } }</c>; answers the items.</summary>
    public static IReadOnlyList<JsonElement> AssertCollection(JsonElement body)
    {
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        var items = body.GetProperty("items");
        Assert.Equal(JsonValueKind.Array, items.ValueKind);
        Assert.Equal(items.GetArrayLength(), body.GetProperty("totalCount").GetInt32());
        Assert.Equal("Collection", body.GetProperty("attributes").GetProperty("objectType").GetString());
        return [.. items.EnumerateArray()];
    }

    /// <summary>
    /// §6.3: <c>{ code, description (≤ 1024), data [], source }</c>, <c>code</c> a number. GccSaaS's <c>source</c> is
    /// <c>GccSaaS</c> (Partner Center's: <c>PartnerFD</c>), and <c>type</c> names the error (docs/api.md, PC table: errors).
    /// </summary>
    public static void AssertError(HttpResponseMessage response, JsonElement body, int status, int code, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(JsonValueKind.Number, body.GetProperty("code").ValueKind);
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        var description = body.GetProperty("description").GetString() ?? string.Empty;
        Assert.InRange(description.Length, 1, 1024);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("data").ValueKind);
        Assert.Equal("GccSaaS", body.GetProperty("source").GetString());
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Equal("urn:gccsaas:error:" + name, body.GetProperty("type").GetString());
    }

    /// <summary>A Partner Center <c>Customer</c> create body (§2.2) as its create-customer example writes it.</summary>
    public static string CustomerBody(string domain, string companyName, Guid? associatedPartnerId = null) =>
        $$"""
        {
          "CompanyProfile": { "Domain": "{{domain}}" },
          "BillingProfile": {
            "Culture": "EN-US",
            "Email": "it@{{domain}}",
            "Language": "En",
            "CompanyName": "{{companyName}}",
            "DefaultAddress": {
              "Country": "US", "Region": null, "City": "Redmond", "State": "WA", "AddressLine1": "One Microsoft Way",
              "PostalCode": "98052", "FirstName": "Tania", "LastName": "Carr", "PhoneNumber": "4255550101"
            }
          }{{(associatedPartnerId is { } reseller ? $",\n  \"AssociatedPartnerId\": \"{reseller}\"" : string.Empty)}}
        }
        """;

    public static string NewDomain(string prefix = "pc") => $"{prefix}{Guid.NewGuid():N}"[..18] + ".onmicrosoft.com";
}
