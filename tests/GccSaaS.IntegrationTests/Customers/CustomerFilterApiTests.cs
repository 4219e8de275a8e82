using System.Net;
using System.Text.Json;
using static GccSaaS.IntegrationTests.Customers.CustomerApi;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// <c>GET /v1/customers?filter=</c> as Partner Center documents it (R-PC-10): <c>CompanyName</c>, <c>Domain</c> and
/// <c>IndirectReseller</c> with <c>starts_with</c>, <c>size=0</c> for the default page, and every filter, operator or
/// parameter the API does not know refused with 400 (a client that acts on the first match must never get an
/// unfiltered list). R-CUS-3: a reseller's filter never reaches another reseller's customers.
/// </summary>
[Collection(CustomersCollection.Name)]
public sealed class CustomerFilterApiTests(CustomersFixture fixture)
{
    [Fact]
    public async Task R_PC_10_CompanyName_starts_with_finds_only_the_customers_whose_name_starts_so_ignoring_case()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var tag = "Flt" + Guid.NewGuid().ToString("N")[..8];
        var alpha = await CreatedIdAsync(api, Body(NewDomain(), company: tag + " Alpha Works"));
        var beta = await CreatedIdAsync(api, Body(NewDomain(), company: tag + " Beta Works"));

        var ids = await IdsAsync(api, Filter("CompanyName", tag.ToUpperInvariant() + " al"));

        Assert.Equal([alpha], ids);
        Assert.DoesNotContain(beta, ids);
    }

    [Fact]
    public async Task R_PC_10_Domain_starts_with_finds_the_customer_by_its_domain()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var domain = NewDomain("dom");
        var id = await CreatedIdAsync(api, Body(domain));

        Assert.Equal([id], await IdsAsync(api, Filter("Domain", domain[..18].ToUpperInvariant())));
    }

    [Fact]
    public async Task R_PC_10_IndirectReseller_lists_the_customers_of_the_reseller_with_that_tenant_id_only()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var tag = "Ind" + Guid.NewGuid().ToString("N")[..8];
        var adatums = await CreatedIdAsync(api, Body(NewDomain(), company: tag + " Reseller Client", reseller: CustomersFixture.AdatumTenantId));
        var providers = await CreatedIdAsync(api, Body(NewDomain(), company: tag + " Direct Client"));

        var ids = await IdsAsync(api, Filter("IndirectReseller", CustomersFixture.AdatumTenantId.ToString()), size: "500");
        var ofUnknownReseller = await IdsAsync(api, Filter("IndirectReseller", Guid.NewGuid().ToString()));

        Assert.Contains(adatums, ids);
        Assert.DoesNotContain(providers, ids);
        Assert.Empty(ofUnknownReseller);
    }

    [Theory]
    [InlineData("filter={\"Field\":\"Name\",\"Value\":\"a\",\"Operator\":\"starts_with\"}", "filter", "unknown_field")]
    [InlineData("filter={\"Field\":\"CompanyName\",\"Value\":\"a\",\"Operator\":\"substring\"}", "filter", "unknown_operator")]
    [InlineData("filter={\"Field\":\"CompanyName\",\"Value\":\"a\"}", "filter", "unknown_operator")]
    [InlineData("filter={\"Field\":\"CompanyName\",\"Value\":\"a\",\"Operator\":\"starts_with\",\"Sort\":\"x\"}", "filter", "unknown_key")]
    [InlineData("filter={\"Field\":\"CompanyName\",\"Value\":\"\",\"Operator\":\"starts_with\"}", "filter", "value_required")]
    [InlineData("filter={\"Field\":\"IndirectReseller\",\"Value\":\"5123400\",\"Operator\":\"starts_with\"}", "filter", "invalid_value")]
    [InlineData("filter=CompanyName", "filter", "invalid")]
    [InlineData("filtre=x", "filtre", "unknown_parameter")]
    [InlineData("qualification=Education", "qualification", "invalid")]
    public async Task R_PC_10_an_unknown_filter_operator_or_parameter_is_refused_never_ignored(string query, string field, string code)
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);

        using var response = await api.GetAsync(new Uri("/v1/customers?size=0&" + query.Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal).Replace("\"", "%22", StringComparison.Ordinal), UriKind.Relative));
        var problem = await CustomersFixture.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_input", Code(problem));
        var data = Assert.Single(problem.GetProperty("data").EnumerateArray());
        Assert.Equal(field, data.GetProperty("field").GetString());
        Assert.Equal(code, data.GetProperty("code").GetString());
    }

    private static string Filter(string field, string value) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["Field"] = field, ["Value"] = value, ["Operator"] = "starts_with" });

    private static async Task<List<Guid>> IdsAsync(HttpClient api, string filter, string size = "0")
    {
        using var response = await api.GetAsync(new Uri($"/v1/customers?size={size}&filter={Uri.EscapeDataString(filter)}", UriKind.Relative));
        var json = await CustomersFixture.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        return [.. json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }
}
