using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Identity;

namespace GccSaaS.IntegrationTests.Validation;

/// <summary>R-VAL-1, R-VAL-2, R-VAL-3: the partner GCC validation through <c>POST /v1/validationcases/partner</c>.</summary>
[Collection(ValidationCollection.Name)]
public sealed class PartnerValidationSubmissionTests(ValidationFixture fixture)
{
    private static object Form(Guid tenantId) => new
    {
        commercialTenantId = tenantId,
        governmentEntitiesServed = new[] { "State", "Local" },
        holdsDirectContracts = true,
        holdsIndirectContracts = false,
        contractVehicles = "GSA Schedule 70",
    };

    [Fact]
    public async Task R_VAL_2_a_request_with_the_Azure_GCC_tenant_id_is_refused()
    {
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "GlobalAdmin");

        using var response = await api.PostAsJsonAsync("/v1/validationcases/partner", Form(ValidationFixture.ContosoAzureGccTenantId));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "azure_gcc_tenant_id_not_allowed");
    }

    [Fact]
    public async Task R_VAL_2_a_request_with_any_tenant_id_other_than_the_commercial_one_is_refused()
    {
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "GlobalAdmin");

        using var response = await api.PostAsJsonAsync("/v1/validationcases/partner", Form(Guid.NewGuid()));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "tenant_id_not_commercial");
    }

    [Theory]
    [InlineData("AdminAgent")]
    [InlineData("SalesAgent")]
    public async Task R_VAL_1_only_a_Global_admin_submits_the_partner_validation(string role)
    {
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, role);

        using var response = await api.PostAsJsonAsync("/v1/validationcases/partner", Form(ValidationFixture.ContosoCommercialTenantId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    internal static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(code, ApiCalls.ErrorName(problem.RootElement));
    }
}
