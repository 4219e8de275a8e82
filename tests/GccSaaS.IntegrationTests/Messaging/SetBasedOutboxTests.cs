using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Partners.Data;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Messaging;

/// <summary>
/// Issue 19, R-REL-7: the invitation sweeps write their notifications to the outbox set-based. The rows are the ones
/// one <see cref="OutboxEnqueueing.EnqueueNotification"/> per notification writes (type, payload, time, correlation
/// id, a version 7 id each), written by one INSERT per batch, not one per row.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SetBasedOutboxTests(PlatformFixture fixture) : CommandRecordingHost(fixture)
{

    [Fact]
    public async Task R_REL_7_a_set_based_outbox_write_stores_the_same_messages_as_one_enqueue_per_notification_in_one_insert_per_batch()
    {
        var perRow = await Host.Services.CreateTenantAsync("row");
        var setBased = await Host.Services.CreateTenantAsync("set");
        await WriteAsync(perRow, Notifications(perRow.Id, 3), setBasedWrite: false);
        var inserts = Inserts();
        await WriteAsync(setBased, Notifications(setBased.Id, 3), setBasedWrite: true);

        var expected = await RowsAsync(perRow.Id);
        var actual = await RowsAsync(setBased.Id);
        Assert.Equal(1, Inserts() - inserts);
        Assert.Equal(
            expected.Select(r => (r.Type, r.Payload.Replace(perRow.Id.ToString(), "tenant", StringComparison.Ordinal), r.Correlation)).Order(),
            actual.Select(r => (r.Type, r.Payload.Replace(setBased.Id.ToString(), "tenant", StringComparison.Ordinal), r.Correlation)).Order());
        Assert.All(actual, r => Assert.Equal(7, r.Id.Version));
        Assert.Single(actual.Select(r => r.OccurredAt).Distinct());
        await ForgetAsync(perRow.Id);
        await ForgetAsync(setBased.Id);
    }

    [Fact]
    public async Task R_REL_7_a_set_based_outbox_write_of_more_than_a_batch_keeps_every_message()
    {
        var tenant = await Host.Services.CreateTenantAsync("big");
        var count = OutboxEnqueueing.SetBasedBatchSize + 1;
        var inserts = Inserts();

        await WriteAsync(tenant, Notifications(tenant.Id, count), setBasedWrite: true);

        var rows = await RowsAsync(tenant.Id);
        Assert.Equal(2, Inserts() - inserts);
        Assert.Equal(count, rows.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"subject {i}").Order(StringComparer.Ordinal), rows.Select(r => SubjectOf(r.Payload)).Order(StringComparer.Ordinal));
        Assert.Equal(count, rows.Select(r => r.Id).Distinct().Count());
        await ForgetAsync(tenant.Id);
    }

    private static List<UserNotificationRequested> Notifications(Guid tenantId, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new UserNotificationRequested(
            tenantId, "InvitationExpired", $"subject {i}", $"body {i}", RecipientUserId: null, LinkUrl: $"/t/invitations#{i}", SendEmail: false, Culture: "de"))];

    /// <summary>The shared fixture's host dispatches outboxes; these test rows are not for it.</summary>
    private Task<int> ForgetAsync(Guid tenantId) =>
        AppRoleSql.ExecuteAsync(Fixture.Database.OwnerConnectionString, tenantId, "DELETE FROM partners.outbox_messages");

    private static string SubjectOf(string payload) =>
        System.Text.Json.JsonDocument.Parse(payload).RootElement.GetProperty("subject").GetString() ?? string.Empty;

    private int Inserts() => Logs.Containing("INSERT INTO").Count(l => l.Contains("outbox_messages", StringComparison.Ordinal));

    private async Task WriteAsync(TenantInfo tenant, IReadOnlyList<UserNotificationRequested> notifications, bool setBasedWrite)
    {
        using var tenantScope = Host.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        using var correlation = CorrelationContext.Begin("corr-set-based");
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (setBasedWrite)
        {
            await db.EnqueueNotificationsAsync(notifications, clock, CancellationToken.None);
        }
        else
        {
            foreach (var notification in notifications)
            {
                db.EnqueueNotification(notification, clock);
            }

            await db.SaveChangesAsync();
        }

        await transaction.CommitAsync();
    }

    private async Task<List<(Guid Id, string Type, string Payload, string? Correlation, DateTimeOffset OccurredAt)>> RowsAsync(Guid tenantId)
    {
        await using var connection = new NpgsqlConnection(Fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            GccSaaS.BuildingBlocks.Data.TenantSql.SetLocalTenant(tenantId)
            + "SELECT id, type, payload::text, correlation_id, occurred_at FROM partners.outbox_messages ORDER BY id",
            connection);
        var rows = new List<(Guid, string, string, string?, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }
}
