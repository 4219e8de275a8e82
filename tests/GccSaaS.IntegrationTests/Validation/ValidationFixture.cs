using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;

namespace GccSaaS.IntegrationTests.Validation;

/// <summary>
/// One host on its own database with the demo seed (demo users, tenants and the partner directory: contoso-distribution
/// is the indirect provider Contoso Distribution). Time is a <see cref="ManualClock"/> that starts on Wednesday
/// 2026-11-25 10:00 US Eastern, the day before Thanksgiving; tests only move it forward.
/// </summary>
public sealed class ValidationFixture() : SeededPlatformFixture(Start)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    public static readonly Guid ContosoCommercialTenantId = Guid.Parse("2a3e5f10-0c1d-4b8e-9f21-6a7b8c9d0e01");

    public static readonly Guid ContosoAzureGccTenantId = Guid.Parse("2a3e5f10-0c1d-4b8e-9f21-6a7b8c9d0e99");

    /// <summary>An API client with a platform key of the demo Validation reviewer.</summary>
    public Task<HttpClient> PlatformApiAsync() => PlatformApiAsync(ValidationTestSupport.Reviewer);
}

[CollectionDefinition(Name)]
public sealed class ValidationCollection : ICollectionFixture<ValidationFixture>
{
    public const string Name = "Validation (seeded demo platform, clock before Thanksgiving 2026)";
}

/// <summary>What the Validation tests read and do besides HTTP: outbox rows (as the owner, past RLS) and the reviewer's acts.</summary>
public static class ValidationTestSupport
{
    public const string Reviewer = "reviewer@gccsaas.demo";

    public static readonly Guid FabrikamCommercialTenantId = Guid.Parse("3b4f6021-1d2e-4c9f-8a32-7b8c9d0e1f02");

    /// <summary>
    /// Submits a new customer (a fresh domain each time) for GCC validation through <c>/v1</c> as a contoso-distribution
    /// user of <paramref name="role"/>; answers the case's id.
    /// </summary>
    public static async Task<Guid> SubmitCustomerCaseAsync(this ValidationFixture fixture, string role, string eligibilityCategory)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, role);
        using var created = await api.PostAsJsonAsync("/v1/validationcases/customer", new
        {
            legalName = "Case County",
            domain = $"c{Guid.NewGuid():N}"[..12] + ".onmicrosoft.com",
            address = "2 Case Rd",
            contactName = "Case Contact",
            contactEmail = "contact@case.example",
            contactPhone = "+1 555 0104",
            eligibilityCategory,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The Validation outbox messages of a tenant whose type name contains <paramref name="type"/>, payloads as JSON text.</summary>
    public static async Task<IReadOnlyList<string>> OutboxPayloadsAsync(this ValidationFixture fixture, Guid tenantId, string type)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        await using var connection = new Npgsql.NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // The outbox is under forced row-level security: even the owner reads only the tenant it names.
        await using (var set = new Npgsql.NpgsqlCommand(GccSaaS.BuildingBlocks.Data.TenantSql.SetLocalTenant(tenantId), connection, transaction))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT payload::text FROM validation.outbox_messages WHERE tenant_id = @t AND type LIKE @type ORDER BY occurred_at, id", connection, transaction);
        command.Parameters.AddWithValue("t", tenantId);
        command.Parameters.AddWithValue("type", "%" + type + "%");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>A review act through the desk's case page, with the version the reviewer saw.</summary>
    public static Task<PortalResponse> ActAsync(this PortalClient reviewer, Guid caseId, string handler, int version, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        return reviewer.PostFormAsync(
            $"/platform/review-desk/{caseId}",
            $"/platform/review-desk/{caseId}?handler={handler}",
            PortalClient.Fields(("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Message", message ?? string.Empty)));
    }
}
