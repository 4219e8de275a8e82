using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Customers;
using GccSaaS.Modules.Customers.Data;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// One host on its own database with the demo seed: the demo tenants, users, partner directory and the demo
/// direct customer Relecloud Government.
/// </summary>
public sealed class CustomersFixture() : SeededPlatformFixture(DateTimeOffset.UtcNow)
{
    public const string Contoso = "contoso-distribution";
    public const string Fabrikam = "fabrikam-cloud";

    /// <summary>The partner directory's demo organisations (fixed ids of the Partners demo seed).</summary>
    public static readonly Guid ContosoOrganisationId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-4811230a0001");
    public static readonly Guid AdatumId = Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01");
    public static readonly Guid ProsewareId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123450a0008");

    /// <summary>The demo resellers' commercial tenant IDs: their ids on /v1, as in Partner Center.</summary>
    public static readonly Guid AdatumTenantId = Guid.Parse("4c507132-2e3f-4da0-9b43-8c9d0e1f2a03");
    public static readonly Guid ProsewareTenantId = Guid.Parse("91a5c687-7384-42f5-a098-3b4c5d6e7f08");
    public static readonly Guid AlpineTenantId = Guid.Parse("a2b6d798-8495-4306-b1a9-4c5d6e7f8009");

    public static readonly Guid RelecloudTenantId = Guid.Parse("7e1c0d5a-4b2f-4c3e-9d10-5e7f8a9b0c01");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();

        // R-VAL-4: contoso-distribution holds Government_community_cloud; fabrikam-cloud does not.
        await GrantGccQualificationAsync(await TenantAsync(Contoso), ContosoOrganisationId);
    }

    /// <summary>
    /// Issues the tenant a GCC validation code (R-PC-2), as Validation does on a partner's approval: written with
    /// SQL as Validation's tests do, since issuing one needs a reviewed case.
    /// </summary>
    public Task<string> IssueCodeAsync(Guid tenantId, int maxCreates, int? remaining = null) =>
        Database.IssueValidationCodeAsync(tenantId, maxCreates, remaining);

    public Task<int> RemainingCreatesAsync(Guid tenantId, string code) =>
        OwnerScalarAsync<int>(tenantId, "SELECT remaining_creates FROM validation.validation_codes WHERE validation_id = @code", ("code", code));

    /// <summary>How many rows of the tenant's audit log, idempotency store and Customers outbox contain the text anywhere.</summary>
    public Task<long> StoredCopiesAsync(Guid tenantId, string text) => OwnerScalarAsync<long>(
        tenantId,
        """
        SELECT (SELECT count(*) FROM notifications.audit_entries a WHERE strpos(row_to_json(a)::text, @p) > 0)
             + (SELECT count(*) FROM idempotency.idempotent_requests r WHERE strpos(row_to_json(r)::text, @p) > 0 OR strpos(convert_from(r.response_body, 'UTF8'), @p) > 0)
             + (SELECT count(*) FROM customers.outbox_messages m WHERE strpos(row_to_json(m)::text, @p) > 0)
             + (SELECT count(*) FROM customers.customer_tenant_admins c WHERE strpos(row_to_json(c)::text, @p) > 0)
        """,
        ("p", text));

    /// <summary>Sends a request through the mediator, in the tenant when one is given (as a module or job would).</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request, TenantInfo? tenant = null)
    {
        await using var scope = Services.CreateAsyncScope();
        using var tenantScope = tenant is null ? null : scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Reads the Customers schema through its context (to check what is stored, never to arrange data).</summary>
    internal async Task<T> QueryAsync<T>(Func<CustomersDbContext, Task<T>> query, TenantInfo? tenant = null)
    {
        await using var scope = Services.CreateAsyncScope();
        using var tenantScope = tenant is null ? null : scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        return await query(scope.ServiceProvider.GetRequiredService<CustomersDbContext>());
    }

    /// <summary>Writes a notification to the Customers outbox of the tenant, committed, as another module's outbox would, and dispatches it.</summary>
    public async Task DeliverAsync(TenantInfo tenant, INotification notification)
    {
        using (Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
            db.EnqueueNotification(notification, Clock);
            await db.SaveChangesAsync();
        }

        await DispatchAsync(tenant);
    }

    public Task<int> DispatchAsync(TenantInfo tenant)
    {
        var customers = Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == CustomersModule.Name);
        return Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(customers, tenant);
    }

    /// <summary>A scalar read as the owner role in the tenant (RLS is forced for the owner too).</summary>
    public async Task<T> OwnerScalarAsync<T>(Guid? tenant, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant) + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}

[CollectionDefinition(Name)]
public sealed class CustomersCollection : ICollectionFixture<CustomersFixture>
{
    public const string Name = "Customers (seeded demo platform)";
}
