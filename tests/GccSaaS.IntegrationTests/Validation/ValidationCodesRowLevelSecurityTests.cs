using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Validation;

/// <summary>
/// R-PC-2: a partner's GCC validation codes and their uses are tenant-owned. PostgreSQL itself keeps other
/// tenants out (raw SQL as the application role, no EF filter in the way).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ValidationCodesRowLevelSecurityTests(PlatformFixture fixture)
{
    private const string Codes = "validation.validation_codes";
    private const string Uses = "validation.validation_code_uses";

    [Fact]
    public async Task Another_tenant_cannot_read_change_or_delete_a_tenants_validation_codes_and_uses()
    {
        var a = await fixture.Services.CreateTenantAsync("va");
        var b = await fixture.Services.CreateTenantAsync("vb");
        var code = "GCC-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await InsertCodeAsync(a.Id, a.Id, code);
        Assert.Equal(1, await ExecuteAsync(a.Id, $"INSERT INTO {Uses} (tenant_id, id, validation_id, customer_tenant_id, used_at) VALUES (@t, gen_random_uuid(), @code, gen_random_uuid(), now())", a.Id, code));

        Assert.Equal(1L, await CountAsync(a.Id, $"SELECT count(*) FROM {Codes} WHERE validation_id = @code", code));
        Assert.Equal(1L, await CountAsync(a.Id, $"SELECT count(*) FROM {Uses} WHERE validation_id = @code", code));
        Assert.Equal(0L, await CountAsync(b.Id, $"SELECT count(*) FROM {Codes} WHERE validation_id = @code", code));
        Assert.Equal(0L, await CountAsync(b.Id, $"SELECT count(*) FROM {Uses} WHERE validation_id = @code", code));
        Assert.Equal(0L, await CountAsync(null, $"SELECT count(*) FROM {Codes} WHERE validation_id = @code", code));

        Assert.Equal(0, await ExecuteAsync(b.Id, $"UPDATE {Codes} SET remaining_creates = 0 WHERE validation_id = @code", null, code));
        Assert.Equal(0, await ExecuteAsync(b.Id, $"DELETE FROM {Uses} WHERE validation_id = @code", null, code));
        Assert.Equal(5L, await CountAsync(a.Id, $"SELECT remaining_creates::bigint FROM {Codes} WHERE validation_id = @code", code));
    }

    [Fact]
    public async Task Another_tenant_cannot_write_a_validation_code_into_a_tenant()
    {
        var a = await fixture.Services.CreateTenantAsync("va");
        var b = await fixture.Services.CreateTenantAsync("vb");

        var error = await Assert.ThrowsAsync<PostgresException>(() => InsertCodeAsync(b.Id, a.Id, "GCC-FOREIGN"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task A_code_is_never_overspent_even_by_raw_sql()
    {
        var a = await fixture.Services.CreateTenantAsync("va");
        var code = "GCC-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await InsertCodeAsync(a.Id, a.Id, code);

        var error = await Assert.ThrowsAsync<PostgresException>(
            () => ExecuteAsync(a.Id, $"UPDATE {Codes} SET remaining_creates = -1 WHERE validation_id = @code", null, code));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    private Task<int> InsertCodeAsync(Guid asTenant, Guid owner, string code) => ExecuteAsync(
        asTenant,
        $"""
        INSERT INTO {Codes} (tenant_id, validation_id, case_id, partner_organisation_id, partner_id, organization_name, max_creates, remaining_creates, issued_at)
        VALUES (@t, @code, gen_random_uuid(), gen_random_uuid(), '4811230', 'Contoso Distribution', 5, 5, now())
        """,
        owner,
        code);

    private Task<int> ExecuteAsync(Guid? tenant, string sql, Guid? t, string code) =>
        AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenant, sql, ("t", t), ("code", code));

    private Task<long> CountAsync(Guid? tenant, string sql, string code) =>
        AppRoleSql.ScalarAsync<long>(fixture.Database.AppConnectionString, tenant, sql, ("t", null), ("code", code));
}
