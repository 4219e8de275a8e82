using System.Net;
using GccSaaS.BuildingBlocks.Data;
using Npgsql;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>The identity area's commands in the tenant's audit log: who did it, and never a secret.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AuditTrailTests(IdentityFixture fixture)
{
    [Fact]
    public async Task Inviting_and_joining_are_recorded_in_the_tenants_audit_log_without_the_token_or_password()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var email = IdentityJourneys.NewEmail("audited");
        var path = await admin.InviteAsync(IdentityFixture.Contoso, email, "SalesAgent");
        var token = path.Split('/')[^1];

        var name = "Audrey " + Guid.NewGuid().ToString("N")[..6];
        (await fixture.RegisterAsync(path, name)).Dispose();
        var entries = (await EntriesMentioningAsync(IdentityFixture.Contoso, email))
            .Concat(await EntriesMentioningAsync(IdentityFixture.Contoso, name)).ToList();

        var invite = Assert.Single(entries, e => e.Action == "InviteUserCommand");
        Assert.Equal("Grace Global", invite.Actor);
        Assert.Equal(await fixture.UserIdAsync("global.admin@contoso.demo"), invite.UserId);
        var joined = Assert.Single(entries, e => e.Action == "RegisterWithInvitationCommand");
        Assert.Contains("\"token\": \"***\"", joined.Details, StringComparison.Ordinal);
        Assert.All(entries, e =>
        {
            Assert.DoesNotContain(token, e.Details, StringComparison.Ordinal);
            Assert.DoesNotContain(IdentityJourneys.NewUserPassword, e.Details, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Creating_and_revoking_an_api_key_are_recorded_and_the_key_is_not()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var name = "audited-" + Guid.NewGuid().ToString("N")[..6];
        var (id, key) = await admin.CreateApiKeyAsync(IdentityFixture.Contoso, "SalesAgent", name);
        var revoke = await admin.PostFormAsync("/contoso-distribution/settings/api-keys", "/contoso-distribution/settings/api-keys?handler=Revoke",
            Fields(("apiKeyId", id.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, revoke.Status);

        var created = await EntriesMentioningAsync(IdentityFixture.Contoso, name);
        var revoked = await EntriesMentioningAsync(IdentityFixture.Contoso, id.ToString());

        Assert.Contains(created, e => e.Action == "CreateApiKeyCommand" && e.Actor == "Grace Global");
        Assert.Contains(revoked, e => e.Action == "RevokeApiKeyCommand");
        // gcc_{prefix}_{secret}: the secret is base64url and may itself contain '_', so take all after the prefix.
        var secret = key[(key.IndexOf('_', "gcc_".Length) + 1)..];
        Assert.True(secret.Length >= 40, "the created key's secret was read from the page");
        Assert.All(created.Concat(revoked), e => Assert.DoesNotContain(secret, e.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_platform_admins_invitation_to_a_tenant_is_recorded_in_that_tenant()
    {
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var fabrikam = await fixture.TenantAsync(IdentityFixture.Fabrikam);
        var email = IdentityJourneys.NewEmail("platform");

        var response = await platform.PostFormAsync("/platform/tenants", "/platform/tenants?handler=InviteAdmin",
            Fields(("tenantId", fabrikam.Id.ToString()), ("email", email)));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var entry = Assert.Single(await EntriesMentioningAsync(IdentityFixture.Fabrikam, email));
        Assert.Equal("InviteTenantAdminCommand", entry.Action);
        Assert.Equal("Pat Platform", entry.Actor);
    }

    private async Task<IReadOnlyList<AuditRow>> EntriesMentioningAsync(string tenantIdentifier, string text)
    {
        var tenant = await fixture.TenantAsync(tenantIdentifier);
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenant.Id) + "SELECT action, actor, user_id, details::text FROM notifications.audit_entries WHERE details::text LIKE @text",
            connection);
        command.Parameters.AddWithValue("text", "%" + text + "%");
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3)));
        }

        return rows;
    }

    private sealed record AuditRow(string Action, string Actor, Guid? UserId, string Details);
}
