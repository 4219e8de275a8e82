using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Notifications;
using GccSaaS.Modules.Notifications.Contracts;

namespace GccSaaS.IntegrationTests.Audit;

/// <summary>
/// Every successful command leaves one audit entry (who, when, what with secrets redacted, tenant,
/// correlation id), written in the command's own transaction; a refused or rolled-back command leaves none.
/// Two ways in: a real host command over HTTP (marking a notification read, which runs in the shell's
/// transaction), and test commands composed as a module on the Partners context (<see cref="AuditProbe"/>).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditTrailTests(PlatformFixture fixture) : AuditProbeHost(fixture, new DateTimeOffset(2026, 11, 21, 11, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task A_committed_host_command_over_http_leaves_one_entry_with_who_what_and_the_correlation_id()
    {
        var tenant = await Host.Services.CreateTenantAsync("who");
        var nora = TestUser.Create(GccSaaSRoles.SalesAgent, "Nora Nilsson");
        await Host.EnqueueFromPartnersAsync(tenant, new UserNotificationRequested(tenant.Id, "test", "Hello", "Body", RecipientUserId: nora.Id));
        await Host.DispatchAsync(tenant, "Partners");
        using var client = Host.ClientFor(tenant, nora);
        var id = (await client.GetFromJsonAsync<JsonElement>("/v1/notifications")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var correlationId = Guid.NewGuid().ToString("D");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/notifications/{id}/read");
        request.Headers.Add("MS-CorrelationId", correlationId);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var entry = Assert.Single(await EntriesAsync(tenant, correlationId));
        Assert.Equal("MarkNotificationReadCommand", entry.Action);
        Assert.Equal("Notifications", entry.Module);
        Assert.Equal(nora.Id, entry.UserId);
        Assert.Equal("Nora Nilsson", entry.Actor);
        Assert.Equal(Clock.GetUtcNow(), entry.OccurredAt);
        using var details = JsonDocument.Parse(entry.Details);
        Assert.Equal(id, details.RootElement.GetProperty("notificationId").GetGuid());
        Assert.Equal(nora.Id, details.RootElement.GetProperty("userId").GetGuid());
    }

    [Fact]
    public async Task A_refused_command_leaves_no_entry()
    {
        var tenant = await Host.Services.CreateTenantAsync("refused");
        using var client = Host.ClientFor(tenant, TestUser.Create(GccSaaSRoles.SalesAgent));
        var correlationId = Guid.NewGuid().ToString("D");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/notifications/{Guid.NewGuid()}/read");
        request.Headers.Add("MS-CorrelationId", correlationId);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        using (TestActor.Begin(Actor("Olaf")))
        {
            await Assert.ThrowsAsync<DomainRuleException>(() => Host.SendAsync(tenant, AuditProbe.Secrets("refused", refuse: true)));
        }

        Assert.Empty(await EntriesAsync(tenant, correlationId));
        Assert.Equal(0L, await Fixture.Database.ScalarAsync<long>(tenant.Id, "SELECT count(*) FROM notifications.audit_entries"));
    }

    [Fact]
    public async Task A_command_rolled_back_by_the_command_around_it_leaves_no_entry_and_no_outbox_row()
    {
        var tenant = await Host.Services.CreateTenantAsync("rollback");

        using (TestActor.Begin(Actor("Pia")))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => Host.SendAsync(tenant, new ProbeRollbackCommand("inner succeeded")));
        }

        Assert.Equal(0L, await Fixture.Database.ScalarAsync<long>(tenant.Id, "SELECT count(*) FROM notifications.audit_entries"));
        Assert.Equal(0L, await Fixture.Database.ScalarAsync<long>(tenant.Id, "SELECT count(*) FROM partners.outbox_messages"));
    }

    [Fact]
    public async Task A_module_command_is_recorded_through_that_modules_outbox_with_its_secrets_redacted()
    {
        var tenant = await Host.Services.CreateTenantAsync("redact");
        var user = Actor("Quinn");
        var correlationId = Guid.NewGuid().ToString("D");

        using (TestActor.Begin(user))
        using (CorrelationContext.Begin(correlationId))
        {
            await Host.SendAsync(tenant, AuditProbe.Secrets("rotate the CI key"));
        }

        // The entry was written to the partners outbox in the command's transaction and published after commit.
        Assert.Equal(1L, await Fixture.Database.ScalarAsync<long>(tenant.Id,
            "SELECT count(*) FROM partners.outbox_messages WHERE type = @type AND processed_at IS NOT NULL", ("type", typeof(AuditEntryRecorded).FullName)));
        var entry = Assert.Single(await EntriesAsync(tenant, correlationId));
        Assert.Equal("ProbeSecretsCommand", entry.Action);
        Assert.Equal(AuditProbe.ModuleName, entry.Module);
        Assert.Equal(user.UserId, entry.UserId);
        Assert.Equal(user.ApiKeyId, entry.ApiKeyId);
        Assert.Equal("Quinn", entry.Actor);

        using var details = JsonDocument.Parse(entry.Details);
        var root = details.RootElement;
        Assert.Equal("rotate the CI key", root.GetProperty("note").GetString());
        Assert.Equal(AuditRedaction.Redacted, root.GetProperty("password").GetString());
        Assert.Equal(AuditRedaction.Redacted, root.GetProperty("clientSecret").GetString());
        Assert.Equal(AuditRedaction.Redacted, root.GetProperty("apiKey").GetString());
        Assert.Equal(AuditRedaction.Redacted, root.GetProperty("code").GetString());
        Assert.Equal(AuditRedaction.Redacted, root.GetProperty("nested").GetProperty("refreshToken").GetString());
        Assert.Equal("nested label", root.GetProperty("nested").GetProperty("label").GetString());
        Assert.Equal("9b0c6f55-7e36-4d69-9d7e-0a4f5f0c1a11", root.GetProperty("keyId").GetString());
        Assert.Equal("CI pipeline", root.GetProperty("apiKeyName").GetString());
        Assert.Equal("GCC-VAL-7", root.GetProperty("validationCode").GetString());
        foreach (var secret in new[] { "hunter2", "client-secret-value", "gsk_live", "123456", "refresh-token-value" })
        {
            Assert.DoesNotContain(secret, entry.Details, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_command_with_nobody_signed_in_is_recorded_as_the_system()
    {
        var tenant = await Host.Services.CreateTenantAsync("system");

        await Host.SendAsync(tenant, AuditProbe.Secrets("a job did this"));

        var entry = Assert.Single(await EntriesAsync(tenant));
        Assert.Null(entry.UserId);
        Assert.Equal(AuditEntryRecorded.SystemActor, entry.Actor);
    }

    [Fact]
    public async Task A_query_is_not_recorded()
    {
        var tenant = await Host.Services.CreateTenantAsync("query");
        var user = TestUser.Create(GccSaaSRoles.SalesAgent);
        using var client = Host.ClientFor(tenant, user);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{tenant.Identifier}/notifications")).StatusCode);

        Assert.Empty(await EntriesAsync(tenant));
    }

    private static CurrentUser Actor(string name) => new(Guid.NewGuid(), name, null, GccSaaSRoles.GlobalAdmin, null, [], ApiKeyId: Guid.NewGuid());

    private async Task<List<StoredEntry>> EntriesAsync(TenantInfo tenant, string? correlationId = null)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            BuildingBlocks.Data.TenantSql.SetLocalTenant(tenant.Id)
            + "SELECT action, module, user_id, actor, api_key_id, correlation_id, occurred_at, details::text FROM notifications.audit_entries WHERE (@c::text IS NULL OR correlation_id = @c) ORDER BY occurred_at",
            connection);
        command.Parameters.AddWithValue("c", (object?)correlationId ?? DBNull.Value);
        var entries = new List<StoredEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new StoredEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetString(7)));
        }

        return entries;
    }

    private sealed record StoredEntry(string Action, string Module, Guid? UserId, string Actor, Guid? ApiKeyId, string? CorrelationId, DateTimeOffset OccurredAt, string Details);
}
