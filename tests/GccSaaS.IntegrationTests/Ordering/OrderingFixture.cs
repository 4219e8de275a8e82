using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Security;
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

    /// <summary>contoso's GCC validation code (1000 uses), for tests that make GCC customers themselves.</summary>
    public string GccCode => _code;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var contoso = await TenantAsync(Contoso);
        await GrantGccQualificationAsync(contoso, CustomersFixture.ContosoOrganisationId);
        _code = await Database.IssueValidationCodeAsync(contoso.Id, 1000);
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
