using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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

        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, "azure_gcc_tenant_id_not_allowed");
    }

    [Fact]
    public async Task R_VAL_2_a_request_with_any_tenant_id_other_than_the_commercial_one_is_refused()
    {
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "GlobalAdmin");

        using var response = await api.PostAsJsonAsync("/v1/validationcases/partner", Form(Guid.NewGuid()));

        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, "tenant_id_not_commercial");
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

    [Fact]
    public async Task R_VAL_3_a_case_submitted_the_day_before_Thanksgiving_2026_is_due_the_Monday_after_and_is_only_the_submitters()
    {
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "GlobalAdmin");
        using var other = await fixture.ApiAsync(IdentityFixture.Fabrikam, "GlobalAdmin");

        using var created = await api.PostAsJsonAsync("/v1/validationcases/partner", Form(ValidationFixture.ContosoCommercialTenantId));

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal("Submitted", body.GetProperty("state").GetString());
        Assert.Equal(ValidationFixture.ContosoCommercialTenantId, body.GetProperty("commercialTenantId").GetGuid());
        // Wednesday 2026-11-25 10:00 Eastern + 2 US business days: Thanksgiving and the weekend skipped.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(-5)), body.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal($"/v1/validationcases/{id}", created.Headers.Location?.OriginalString);

        using var own = await api.GetAsync(new Uri($"/v1/validationcases/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var foreign = await other.GetAsync(new Uri($"/v1/validationcases/{id}", UriKind.Relative));
        await AssertRefusedAsync(foreign, HttpStatusCode.NotFound, "validation_case_not_found");

        using var again = await api.PostAsJsonAsync("/v1/validationcases/partner", Form(ValidationFixture.ContosoCommercialTenantId));
        await AssertRefusedAsync(again, HttpStatusCode.Conflict, "validation_case_already_open");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
    }
}
