using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Jobs;

/// <summary>
/// platform.sweep_failures holds each tenant's own sweep errors: as the application role, with raw SQL and no
/// filter in the way, another tenant can neither read nor change nor forge them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SweepFailuresRowLevelSecurityTests(PlatformFixture fixture)
{
    private const string Insert = """
        INSERT INTO platform.sweep_failures (tenant_id, job_name, failed_at, error) VALUES (@t, @job, now(), 'boom')
        """;

    [Fact]
    public async Task Another_tenant_cannot_read_update_delete_or_insert_a_tenants_sweep_failures()
    {
        var a = await fixture.Services.CreateTenantAsync("sfa");
        var b = await fixture.Services.CreateTenantAsync("sfb");
        Assert.Equal(1, await ExecuteAsync(a.Id, Insert, a.Id, "some-sweep"));

        Assert.Equal(1L, await CountAsync(a.Id, a.Id));
        Assert.Equal(0L, await CountAsync(b.Id, a.Id));
        Assert.Equal(0L, await CountAsync(null, a.Id));
        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE platform.sweep_failures SET error = 'hijacked' WHERE tenant_id = @t AND job_name = @job", a.Id, "some-sweep"));
        var forged = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(b.Id, Insert, a.Id, "other-sweep"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, forged.SqlState);
        var deleted = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, "DELETE FROM platform.sweep_failures WHERE tenant_id = @t AND job_name = @job", a.Id, "some-sweep"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, deleted.SqlState); // nobody deletes them, not even the owner tenant
        Assert.Equal("boom", await AppRoleSql.ScalarAsync<string>(fixture.Database.AppConnectionString, a.Id,
            "SELECT error FROM platform.sweep_failures WHERE tenant_id = @t", ("t", a.Id)));
    }

    private Task<long> CountAsync(Guid? asTenant, Guid rowsOf) => AppRoleSql.ScalarAsync<long>(
        fixture.Database.AppConnectionString, asTenant, "SELECT count(*) FROM platform.sweep_failures WHERE tenant_id = @t", ("t", rowsOf));

    private Task<int> ExecuteAsync(Guid? asTenant, string sql, Guid tenant, string job) =>
        AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, asTenant, sql, ("t", tenant), ("job", job));
}
