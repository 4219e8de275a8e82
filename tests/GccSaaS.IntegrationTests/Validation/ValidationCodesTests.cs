using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Validation.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Validation;

/// <summary>
/// R-PC-2: a partner's GCC validation codes, listed at <c>GET /v1/customers/all/validations</c> and consumed
/// one use at a time, atomically. R-VAL-9: one validation covers the GCC family. Codes are arranged with SQL
/// here (issuing them on partner approval needs the Partners module's directory).
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class ValidationCodesTests(IdentityFixture fixture)
{
    [Fact]
    public async Task R_PC_2_the_codes_are_a_bare_array_with_the_partners_tenant_id_maxCreates_remainingCreates_and_an_eTag_in_Partner_Centers_shape()
    {
        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);
        var code = await fixture.Database.IssueValidationCodeAsync(contoso.Id, maxCreates: 5);
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var (_, key) = await admin.CreateApiKeyAsync(IdentityFixture.Contoso, "SalesAgent");
        using var api = ApiClient.Create(fixture.Factory, key);

        var before = await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/customers/all/validations", UriKind.Relative));
        await ConsumeAsync(contoso, code, Guid.NewGuid());
        using var response = await api.GetAsync(new Uri("/v1/customers/all/validations", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Array, body.ValueKind); // the .NET SDK's GetValidationCodes reads a bare array
        var item = body.EnumerateArray().Single(i => i.GetProperty("validationId").GetString() == code);
        var earlier = before.EnumerateArray().Single(i => i.GetProperty("validationId").GetString() == code);
        Assert.Equal(Guid.Parse("2a3e5f10-0c1d-4b8e-9f21-6a7b8c9d0e01"), item.GetProperty("partnerId").GetGuid()); // Contoso's commercial tenant ID
        Assert.False(string.IsNullOrEmpty(item.GetProperty("eTag").GetString()));
        Assert.NotEqual(earlier.GetProperty("eTag").GetString(), item.GetProperty("eTag").GetString()); // a use changes it
        Assert.Equal("Contoso Distribution", item.GetProperty("organizationName").GetString());
        Assert.Equal(5, item.GetProperty("maxCreates").GetInt32());
        Assert.Equal(4, item.GetProperty("remainingCreates").GetInt32());
    }

    [Fact]
    public async Task R_PC_2_another_tenant_does_not_see_a_partners_codes_and_cannot_consume_them()
    {
        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);
        var fabrikam = await fixture.TenantAsync(IdentityFixture.Fabrikam);
        var code = await fixture.Database.IssueValidationCodeAsync(contoso.Id, maxCreates: 2);
        using var admin = await fixture.SignedInAsync("multi@gccsaas.demo");
        var (_, key) = await admin.CreateApiKeyAsync(IdentityFixture.Fabrikam, "GlobalAdmin");
        using var api = ApiClient.Create(fixture.Factory, key);

        using var response = await api.GetAsync(new Uri("/v1/customers/all/validations", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(body.EnumerateArray(), i => i.GetProperty("validationId").GetString() == code);
        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() => ConsumeAsync(fabrikam, code, Guid.NewGuid()));
        Assert.Equal("validation_code_not_found", refusal.Code);
        Assert.Equal(DomainErrorKind.NotFound, refusal.Kind);
    }

    [Fact]
    public async Task R_PC_2_concurrent_uses_never_overspend_a_code()
    {
        const int uses = 5;
        const int attempts = 16;
        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);
        var code = await fixture.Database.IssueValidationCodeAsync(contoso.Id, maxCreates: uses);

        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, attempts).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                return (Dto: await ConsumeAsync(contoso, code, Guid.NewGuid()), Code: (string?)null);
            }
            catch (DomainRuleException e)
            {
                return (Dto: (ValidationCodeDto?)null, Code: (string?)e.Code);
            }
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(uses, results.Count(r => r.Dto is not null));
        Assert.Equal(attempts - uses, results.Count(r => r.Code == "validation_code_exhausted"));
        Assert.Equal(
            Enumerable.Range(0, uses).Select(i => i).OrderBy(i => i),
            results.Where(r => r.Dto is not null).Select(r => r.Dto!.RemainingCreates).OrderBy(i => i));
        Assert.Equal(0L, await OwnerScalarAsync(contoso.Id, "SELECT remaining_creates::bigint FROM validation.validation_codes WHERE validation_id = @code", code));
        Assert.Equal((long)uses, await OwnerScalarAsync(contoso.Id, "SELECT count(*) FROM validation.validation_code_uses WHERE validation_id = @code", code));
    }

    [Fact]
    public async Task R_PC_2_a_customer_that_already_used_a_code_consumes_no_second_use()
    {
        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);
        var code = await fixture.Database.IssueValidationCodeAsync(contoso.Id, maxCreates: 3);
        var customer = Guid.NewGuid();

        Assert.Equal(2, (await ConsumeAsync(contoso, code, customer)).RemainingCreates);
        Assert.Equal(2, (await ConsumeAsync(contoso, code, customer)).RemainingCreates);
        Assert.Equal(1, (await ConsumeAsync(contoso, code, Guid.NewGuid())).RemainingCreates);
    }

    private Task<ValidationCodeDto> ConsumeAsync(TenantInfo tenant, string code, Guid customer) =>
        SendAsync(tenant, new ConsumeValidationCodeCommand(tenant.Id, code, customer));

    private async Task<T> SendAsync<T>(TenantInfo tenant, IRequest<T> request)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        using var tenantScope = scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private async Task InsertCustomerCaseAsync(Guid tenantId, Guid customerTenantId, string state)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenantId) + """
            INSERT INTO validation.cases (id, kind, state, submitted_by_tenant_id, partner_organisation_id, partner_name, commercial_tenant_id,
                submitted_by_user_id, submitted_by_name, submitted_at, updated_at, decided_at, government_entities_served, holds_direct_contracts,
                holds_indirect_contracts, customer_legal_name, customer_domain, customer_tenant_id, eligibility_category, regulated_data, version)
            VALUES (gen_random_uuid(), 'Customer', @state, @t, gen_random_uuid(), 'Contoso Distribution', gen_random_uuid(),
                gen_random_uuid(), 'Test', now(), now(), now(), '{}', false, false, 'City of Springfield', 'springfield.onmicrosoft.com', @c,
                'UsLocalGovernment', '{}', 1)
            """,
            connection);
        command.Parameters.AddWithValue("t", tenantId);
        command.Parameters.AddWithValue("c", customerTenantId);
        command.Parameters.AddWithValue("state", state);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> OwnerScalarAsync(Guid tenant, string sql, string code)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant) + sql, connection);
        command.Parameters.AddWithValue("code", code);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
