using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Relationships;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Messaging;

/// <summary>
/// Issue 19, R-REL-7: an expiry sweep's backlog (a partnership.expired webhook and a sender's notification per
/// invitation) is dispatched set-based: one inbox INSERT, one notification INSERT and one endpoint lookup per claim,
/// and still each message exactly once, in outbox order; the claim walks a partial index instead of sorting the backlog.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SetBasedDispatchTests(PlatformFixture fixture) : CommandRecordingHost(fixture)
{
    private const int Invitations = 120;

    [Fact]
    public async Task R_REL_7_a_sweeps_backlog_is_dispatched_set_based_each_message_once_and_in_outbox_order()
    {
        var tenant = await Host.Services.CreateTenantAsync("batch");
        var endpoint = Guid.NewGuid();
        await AppRoleSql.ExecuteAsync(Fixture.Database.OwnerConnectionString, tenant.Id, """
            INSERT INTO notifications.webhook_endpoints (tenant_id, id, url, event_types, protected_secret, status, created_at, created_by)
            VALUES (@t, @id, 'https://hooks.example.com/gcc', ARRAY['partnership.expired'], 'x', 'Active', now(), 'test')
            """, ("t", tenant.Id), ("id", endpoint));
        var recipient = Guid.NewGuid();
        var invitations = Enumerable.Range(0, Invitations).Select(_ => Guid.NewGuid()).ToList();
        var notifications = new List<INotification>();
        foreach (var (invitation, i) in invitations.Select((id, i) => (id, i)))
        {
            notifications.Add(new PartnershipInvitationExpiredNotification(tenant.Id, invitation, DateTimeOffset.UtcNow));
            notifications.Add(new UserNotificationRequested(tenant.Id, "InvitationExpired", $"subject {i:D4}", $"body {i}", RecipientUserId: recipient, SendEmail: false, Culture: "en"));
        }

        await WriteAsync(tenant, notifications);
        var before = Statements();

        var published = await DispatchAsync(tenant);

        var after = Statements();
        Assert.Equal(2 * Invitations, published);
        Assert.Equal(0, await CountAsync(tenant, "SELECT count(*) FROM relationships.outbox_messages WHERE processed_at IS NULL"));
        Assert.Equal(1, after.NotificationInserts - before.NotificationInserts);
        Assert.Equal(1, after.EndpointLookups - before.EndpointLookups);
        Assert.Equal(Invitations, await CountAsync(tenant, "SELECT count(DISTINCT source_message_id) FROM notifications.notifications"));
        Assert.Equal(Invitations, await CountAsync(tenant, "SELECT count(DISTINCT source_message_id) FROM notifications.webhook_deliveries"));
        // In outbox order (the claim's: occurred_at, id): the rows' ids follow their messages' order.
        Assert.Equal(
            await StringsAsync(tenant, "SELECT id::text FROM relationships.outbox_messages WHERE type LIKE '%UserNotificationRequested%' ORDER BY occurred_at, id"),
            await StringsAsync(tenant, "SELECT source_message_id::text FROM notifications.notifications ORDER BY id"));
        Assert.Equal(
            await StringsAsync(tenant, "SELECT id::text FROM relationships.outbox_messages WHERE type LIKE '%PartnershipInvitationExpired%' ORDER BY occurred_at, id"),
            await StringsAsync(tenant, "SELECT source_message_id::text FROM notifications.webhook_deliveries ORDER BY id"));
        Assert.Equal(
            invitations.Select(i => i.ToString()).Order(StringComparer.Ordinal),
            (await StringsAsync(tenant, "SELECT payload FROM notifications.webhook_deliveries"))
                .Select(p => System.Text.Json.JsonDocument.Parse(p).RootElement.GetProperty("data").GetProperty("invitationId").GetString() ?? "")
                .Order(StringComparer.Ordinal));

        // A dispatcher that died after the handlers committed, before it marked the messages: the next claim
        // delivers them again, and the inbox applies none of them twice.
        await AppRoleSql.ExecuteAsync(Fixture.Database.OwnerConnectionString, tenant.Id,
            "UPDATE relationships.outbox_messages SET processed_at = NULL, locked_until = NULL");
        Assert.Equal(2 * Invitations, await DispatchAsync(tenant));
        Assert.Equal(Invitations, await CountAsync(tenant, "SELECT count(*) FROM notifications.notifications"));
        Assert.Equal(Invitations, await CountAsync(tenant, "SELECT count(*) FROM notifications.webhook_deliveries"));
    }

    [Fact]
    public async Task R_REL_7_the_outbox_claim_walks_the_partial_index_in_order_instead_of_sorting_a_large_backlog()
    {
        var tenant = await Host.Services.CreateTenantAsync("claimplan");
        await AppRoleSql.ExecuteAsync(Fixture.Database.OwnerConnectionString, tenant.Id, """
            INSERT INTO relationships.outbox_messages (tenant_id, id, occurred_at, type, payload)
            SELECT @t, gen_random_uuid(), '2026-12-06T00:00:00Z', 'probe', '{}'::jsonb FROM generate_series(1, 20000);
            """, ("t", tenant.Id));
        await AppRoleSql.ExecuteAsync(Fixture.Database.OwnerConnectionString, null, "ANALYZE relationships.outbox_messages");
        try
        {
            var plan = await ClaimPlanAsync(tenant.Id);

            Assert.Contains("ix_outbox_messages_claim", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        }
        finally
        {
            await AppRoleSql.ExecuteAsync(Fixture.Database.OwnerConnectionString, tenant.Id, "DELETE FROM relationships.outbox_messages");
        }
    }

    /// <summary>The claim the dispatcher sends (OutboxDispatcher.ClaimAsync), explained as the application role.</summary>
    private async Task<string> ClaimPlanAsync(Guid tenantId)
    {
        await using var connection = new NpgsqlConnection(Fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenantId) + """
            EXPLAIN UPDATE relationships.outbox_messages AS o
               SET locked_until = now() + interval '1 minute', lock_id = gen_random_uuid(), attempts = o.attempts + 1
             WHERE (o.tenant_id, o.id) IN (
                   SELECT tenant_id, id FROM relationships.outbox_messages
                    WHERE processed_at IS NULL AND (locked_until IS NULL OR locked_until < now())
                    ORDER BY occurred_at, id
                    LIMIT 500
                      FOR UPDATE SKIP LOCKED)
            """, connection, transaction);
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            do
            {
                while (await reader.ReadAsync())
                {
                    if (reader.FieldCount == 1 && reader.GetFieldType(0) == typeof(string))
                    {
                        lines.Add(reader.GetString(0));
                    }
                }
            }
            while (await reader.NextResultAsync());
        }

        await transaction.RollbackAsync();
        return string.Join('\n', lines);
    }

    private (int NotificationInserts, int EndpointLookups) Statements() =>
        (Logs.Containing("INSERT INTO notifications.notifications").Count, Logs.Containing("webhook_endpoints").Count);

    private Task<int> DispatchAsync(TenantInfo tenant)
    {
        var module = Host.Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == RelationshipsModule.Name);
        return Host.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(module, tenant);
    }

    private async Task WriteAsync(TenantInfo tenant, IReadOnlyList<INotification> notifications)
    {
        using var tenantScope = Host.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        using var correlation = CorrelationContext.Begin("corr-set-based-dispatch");
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelationshipsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.EnqueueNotificationsAsync(notifications, scope.ServiceProvider.GetRequiredService<TimeProvider>(), CancellationToken.None);
        await transaction.CommitAsync();
    }

    private async Task<int> CountAsync(TenantInfo tenant, string sql) =>
        (int)await AppRoleSql.ScalarAsync<long>(Fixture.Database.AppConnectionString, tenant.Id, sql);

    private async Task<List<string>> StringsAsync(TenantInfo tenant, string sql)
    {
        await using var connection = new NpgsqlConnection(Fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant.Id) + sql, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }
        while (await reader.NextResultAsync());
        return rows;
    }
}
