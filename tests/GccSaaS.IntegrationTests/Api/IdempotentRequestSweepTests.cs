using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Jobs;
using Npgsql;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>Expired MS-RequestId records are swept by the recurring Hangfire job; live ones stay.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotentRequestSweepTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_sweep_deletes_records_past_their_retention_and_keeps_the_others()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        var old = Guid.NewGuid();
        using (await client.SendAsync(ApiCalls.CreateWidget("swept", old)))
        {
        }

        fixture.Clock.Advance(TimeSpan.FromHours(25)); // past Idempotency:Retention (24 hours)
        var recent = Guid.NewGuid();
        using (await client.SendAsync(ApiCalls.CreateWidget("kept", recent)))
        {
        }

        Assert.True(await ExistsAsync(tenant, old));
        await HangfireTestJobs.RunAsync(fixture.Factory, "idempotent-requests-sweep");

        Assert.False(await ExistsAsync(tenant, old));
        Assert.True(await ExistsAsync(tenant, recent));
    }

    private async Task<bool> ExistsAsync(TenantInfo tenant, Guid requestId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenant.Id) + "SELECT count(*) FROM idempotency.idempotent_requests WHERE request_id = @id", connection);
        command.Parameters.AddWithValue("id", requestId);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
