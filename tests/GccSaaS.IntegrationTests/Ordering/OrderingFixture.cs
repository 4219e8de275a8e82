using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Security;
using GccSaaS.Modules.Partners;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Validation.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>
/// One host on its own database with the demo seed; contoso-distribution holds Government_community_cloud (R-VAL-4),
/// as Validation's approval gives it, and has a GCC validation code; fabrikam-cloud does not. Customers are made
/// through the product's own API (customer, GCC qualification with a code, agreement attestation).
/// </summary>
public sealed class OrderingFixture() : SeededPlatformFixture(DateTimeOffset.UtcNow)
{
    public const string Contoso = CustomersFixture.Contoso;
    public const string Fabrikam = CustomersFixture.Fabrikam;

    /// <summary>The demo directory's PartnerIDs (Partners demo seed).</summary>
    public const string ContosoPartnerId = "4811230";
    public const string AdatumPartnerId = "5123400";
    public const string TailspinPartnerId = "5123410";
    public const string NorthwindPartnerId = "5123420";
    public const string ProsewarePartnerId = "5123450";

    private string _code = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var contoso = await TenantAsync(Contoso);
        using (Services.GetRequiredService<ITenantContextAccessor>().BeginScope(contoso))
        {
            await using var scope = Services.CreateAsyncScope();
            var partners = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
            partners.EnqueueNotification(new PartnerGccValidationApprovedNotification(contoso.Id, Guid.NewGuid(), CustomersFixture.ContosoOrganisationId, Clock.GetUtcNow()), Clock);
            await partners.SaveChangesAsync();
        }

        var partnersModule = Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == PartnersModule.Name);
        await Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(partnersModule, contoso);
        _code = await IssueCodeAsync(contoso.Id, 1000);
    }

    /// <summary>A customer of contoso made through /v1: GCC-validated or not, with the agreement recorded or not, for a reseller or not.</summary>
    public async Task<Guid> CustomerAsync(HttpClient api, bool gcc, bool agreement = true, Guid? reseller = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var body = gcc
            ? CustomerApi.Body(CustomerApi.NewDomain("o"), "City of Springfield", reseller, "GovernmentCommunityCloud", _code)
            : CustomerApi.Body(CustomerApi.NewDomain("o"), "Springfield Widgets", reseller);
        var id = await CustomerApi.CreatedIdAsync(api, body);
        if (agreement)
        {
            using var recorded = await api.PostAsJsonAsync(new Uri($"/v1/customers/{id}/agreements", UriKind.Relative), SecurityFixture.AgreementBody());
            Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        }

        return id;
    }

    private async Task<string> IssueCodeAsync(Guid tenantId, int maxCreates)
    {
        var code = "GCC-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenantId) + """
            INSERT INTO validation.validation_codes (tenant_id, validation_id, case_id, partner_organisation_id, partner_id, organization_name, max_creates, remaining_creates, issued_at)
            VALUES (@t, @code, gen_random_uuid(), gen_random_uuid(), '4811230', 'Contoso Distribution', @max, @max, now())
            """,
            connection);
        command.Parameters.AddWithValue("t", tenantId);
        command.Parameters.AddWithValue("code", code);
        command.Parameters.AddWithValue("max", maxCreates);
        await command.ExecuteNonQueryAsync();
        return code;
    }

    /// <summary>A scalar read as the owner role in the tenant (RLS is forced for the owner too).</summary>
    public async Task<long> CountAsync(Guid tenant, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant) + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

[CollectionDefinition(Name)]
public sealed class OrderingCollection : ICollectionFixture<OrderingFixture>
{
    public const string Name = "Ordering (seeded demo platform)";
}
