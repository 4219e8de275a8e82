using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Notifications.Features.Webhooks;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Webhooks;

/// <summary>
/// One seeded host with <c>Webhooks:AllowLoopback</c> on (the tests' receiver is on loopback) and a 2-second attempt
/// timeout, plus a <see cref="LoopbackWebhookReceiver"/>. Events come from other modules' outboxes, as in production.
/// </summary>
public sealed class WebhooksFixture() : SeededPlatformFixture(DateTimeOffset.UtcNow), IAsyncLifetime
{
    public const string Contoso = "contoso-distribution";
    public const string Fabrikam = "fabrikam-cloud";

    private LoopbackWebhookReceiver? _receiver;

    public LoopbackWebhookReceiver Receiver => _receiver ?? throw new InvalidOperationException("Fixture not initialised.");

    protected override IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>
    {
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:Timeout"] = "00:00:02",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _receiver = await LoopbackWebhookReceiver.StartAsync();
    }

    public new async Task DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>Writes a contract notification to a module's outbox in the tenant and dispatches it, as the module does after its commit.</summary>
    public async Task PublishAsync<TContext>(TenantInfo tenant, string module, INotification notification)
        where TContext : ModuleDbContext
    {
        ArgumentNullException.ThrowIfNull(tenant);
        using (Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            db.EnqueueNotification(notification, Clock);
            await db.SaveChangesAsync();
        }

        var definition = Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == module);
        await Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(definition, tenant);
    }

    /// <summary>Runs one delivery batch for the tenant, as the sweep does; answers how many deliveries it claimed.</summary>
    public async Task<int> DeliverAsync(TenantInfo tenant)
    {
        using (Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<WebhookDeliveryRunner>().DeliverDueAsync(CancellationToken.None);
        }
    }

    /// <summary>Sends a request of the module in the tenant's scope (no signed-in user: the provider's view).</summary>
    public async Task<T> SendAsync<T>(TenantInfo tenant, IRequest<T> request)
    {
        using (Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        }
    }

    /// <summary>What the endpoint's attempts answered, for a failure message.</summary>
    public async Task<string> AttemptsAsync(Guid tenant, Guid endpoint)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(GccSaaS.BuildingBlocks.Data.TenantSql.SetLocalTenant(tenant)
            + "SELECT string_agg(coalesce(status_code::text, '-') || ' ' || coalesce(response, ''), ' | ' ORDER BY attempted_at) FROM notifications.webhook_attempts WHERE endpoint_id = @e", connection);
        command.Parameters.AddWithValue("e", endpoint);
        return (await command.ExecuteScalarAsync())?.ToString() ?? "no attempts";
    }

    /// <summary>The endpoint's deliveries and attempts and the outbox's unprocessed messages, for a failure message.</summary>
    public async Task<string> DiagnoseAsync(Guid tenant, Guid endpoint)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(GccSaaS.BuildingBlocks.Data.TenantSql.SetLocalTenant(tenant) + """
            SELECT coalesce((SELECT string_agg(status || ' next=' || next_attempt_at::text || ' n=' || attempt_count, ' | ') FROM notifications.webhook_deliveries WHERE endpoint_id = @e), 'no deliveries')
                || ' // ' || coalesce((SELECT string_agg(type || ' err=' || coalesce(left(last_error, 300), '') || ' locked=' || coalesce(locked_until::text, ''), ' | ') FROM relationships.outbox_messages WHERE processed_at IS NULL), 'outbox empty')
                || ' // ' || coalesce((SELECT string_agg(coalesce(status_code::text, '-') || ' ' || coalesce(left(response, 200), ''), ' | ') FROM notifications.webhook_attempts WHERE endpoint_id = @e), 'no attempts')
            """, connection);
        command.Parameters.AddWithValue("e", endpoint);
        return $"now={Clock.GetUtcNow():O} " + ((await command.ExecuteScalarAsync())?.ToString() ?? string.Empty);
    }

    /// <summary>Runs a statement as the owner within the tenant (row-level security is forced even for the owner): arranging what a test needs.</summary>
    public async Task ExecuteAsync(Guid tenant, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var connection = new Npgsql.NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(GccSaaS.BuildingBlocks.Data.TenantSql.SetLocalTenant(tenant) + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public Task<long> CountAsync(Guid tenant, string sql, params (string Name, object? Value)[] parameters) =>
        AppRoleSql.ScalarAsync<long>(Database.AppConnectionString, tenant, sql, parameters);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

[CollectionDefinition(Name)]
public sealed class WebhooksCollection : ICollectionFixture<WebhooksFixture>
{
    public const string Name = "Webhooks (seeded platform, loopback receiver)";
}
