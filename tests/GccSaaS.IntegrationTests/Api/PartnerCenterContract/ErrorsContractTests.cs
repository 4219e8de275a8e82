using static GccSaaS.IntegrationTests.Api.PartnerCenterContract.PartnerCenterShapes;

namespace GccSaaS.IntegrationTests.Api.PartnerCenterContract;

/// <summary>
/// Issue 13 contract: Partner Center's error body (PARTNER-CENTER.md §6.3) on every kind of failure:
/// <c>{ code (a number), description (≤ 1024), data [], source }</c>, <c>data</c> also on 404 (R-PC-10).
/// </summary>
[Collection(PartnerCenterContractCollection.Name)]
public sealed class ErrorsContractTests(PartnerCenterContractFixture fixture)
{
    [Fact]
    public async Task PC_6_3_an_unknown_customer_is_404_with_a_number_and_an_empty_data_array()
    {
        using var api = await fixture.ProviderAsync();

        var (response, body) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, $"/v1/customers/{Guid.NewGuid()}");

        AssertError(response, body, 404, 130001, "customer_not_found");
        Assert.Empty(body.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task PC_6_3_bad_input_is_400_800002_with_the_fields_in_data()
    {
        using var api = await fixture.ProviderAsync();

        var (response, body) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/customers?size=0&filter=" +
            Uri.EscapeDataString("""{"Field":"Country","Value":"US","Operator":"starts_with"}"""));

        AssertError(response, body, 400, 800002, "invalid_input");
        var problem = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("filter", problem.GetProperty("field").GetString());
        Assert.Equal("unknown_field", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PC_6_3_a_missing_key_is_401_with_partner_centers_access_denied_number()
    {
        using var anonymous = fixture.Factory.CreateClient();

        var (response, body) = await PartnerCenterCall.SendAsync(anonymous, HttpMethod.Get, "/v1/customers");

        AssertError(response, body, 401, 400, "unauthorized");
    }

    [Fact]
    public async Task PC_6_3_a_role_without_the_right_is_403_with_partner_centers_900150()
    {
        using var agent = await fixture.ApiAsync(PartnerCenterContractFixture.Contoso, "SalesAgent");

        // Reading a user of the tenant is a Global admin's (docs/api.md, Identity).
        var (response, body) = await PartnerCenterCall.SendAsync(agent, HttpMethod.Get, $"/v1/users/{Guid.NewGuid()}");

        AssertError(response, body, 403, 900150, "forbidden");
    }
}
