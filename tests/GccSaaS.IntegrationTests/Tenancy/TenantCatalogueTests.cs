using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Tenancy;

/// <summary>
/// Reads PostgreSQL's catalogue: every table in a module schema that has tenant_id is fenced, whoever
/// wrote its migration. A table added without the fence fails here. The identity store's tables are left to
/// <see cref="RowLevelSecurityCatalogueTests"/> (fence and policy, over every schema): API keys and invitations are found
/// by a platform-wide unique key (prefix, token hash) before their tenant is known (ADR 0021), so tenant_id cannot lead
/// their unique indexes. They are named by the store's own model, so a new tenant table of Identity's module context is
/// still checked here.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TenantCatalogueTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Every_tenant_table_has_forced_row_level_security_a_tenant_policy_and_tenant_id_leading_its_keys()
    {
        // Every module's schema, and the platform schema of the MS-RequestId records (tenant rows outside any module).
        var schemas = fixture.Services.GetRequiredService<ModuleCatalog>().Modules.Select(m => m.Schema)
            .Append(IdempotencyDbContext.SchemaName).ToArray();
        await using var scope = fixture.Services.CreateAsyncScope();
        var identityStore = scope.ServiceProvider.GetRequiredService<GccSaaSIdentityDbContext>().Model.GetEntityTypes()
            .Select(e => $"{e.GetSchema()}.{e.GetTableName()}")
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("notifications", schemas);
        Assert.True(schemas.Length >= 8, "seven modules and the idempotency records");

        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT n.nspname || '.' || c.relname AS table_name,
                   c.relrowsecurity,
                   c.relforcerowsecurity,
                   EXISTS (SELECT 1 FROM pg_policy p
                            WHERE p.polrelid = c.oid
                              AND pg_get_expr(p.polqual, p.polrelid) LIKE '%app.tenant_id%'
                              AND pg_get_expr(p.polwithcheck, p.polrelid) LIKE '%app.tenant_id%') AS has_policy,
                   EXISTS (SELECT 1 FROM pg_index i
                            WHERE i.indrelid = c.oid AND i.indisprimary AND i.indkey[0] = a.attnum) AS pk_leads,
                   (SELECT count(*) FROM pg_index i
                     WHERE i.indrelid = c.oid AND i.indisunique AND i.indkey[0] <> a.attnum) AS unique_not_leading
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
             WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(@schemas)
             ORDER BY 1
            """,
            connection);
        command.Parameters.AddWithValue("schemas", schemas);

        var checkedTables = 0;
        var problems = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (identityStore.Contains(table))
                {
                    continue;
                }

                checkedTables++;
                if (!reader.GetBoolean(1)) problems.Add($"{table}: row-level security is not enabled");
                if (!reader.GetBoolean(2)) problems.Add($"{table}: row-level security is not forced");
                if (!reader.GetBoolean(3)) problems.Add($"{table}: no policy on app.tenant_id for USING and WITH CHECK");
                if (!reader.GetBoolean(4)) problems.Add($"{table}: tenant_id does not lead the primary key");
                if (reader.GetInt64(5) > 0) problems.Add($"{table}: a unique index does not start with tenant_id");
            }
        }

        Assert.True(checkedTables >= schemas.Length * 2, $"expected at least the outbox and inbox of each module, found {checkedTables} tables");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// Issue 19 (docs/scale-out.md): the schema can be distributed by tenant_id (Citus) because every foreign key
    /// between two tenant tables carries tenant_id as its first column on both sides, so the referenced row always
    /// lives in the same tenant (the same shard). Keys from a tenant table to a platform table (a reference table)
    /// need no tenant. The validation cases are fenced by the submitting tenant and their events and reminders through
    /// their case (ADR 0021), with no tenant_id column: docs/scale-out.md says what they need before distribution.
    /// </summary>
    [Fact]
    public async Task Every_foreign_key_between_tenant_tables_leads_with_tenant_id_on_both_sides()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT con.conrelid::regclass::text || ' ' || con.conname
              FROM pg_constraint con
             WHERE con.contype = 'f'
               AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = con.conrelid)
               AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = con.confrelid)
               AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
               AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
               AND ((SELECT a.attname FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = con.conkey[1]) <> 'tenant_id'
                 OR (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attnum = con.confkey[1]) <> 'tenant_id')
             ORDER BY 1
            """,
            connection);
        await using var counting = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_constraint con
             WHERE con.contype = 'f'
               AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = con.conrelid)
               AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = con.confrelid)
               AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
               AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
            """,
            connection);

        var violations = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                violations.Add(reader.GetString(0));
            }
        }

        Assert.True(Convert.ToInt64(await counting.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 5,
            "the orders, reminders and grants keys at least are tenant-to-tenant");
        Assert.True(violations.Count == 0, "Foreign keys between tenant tables without a leading tenant_id: " + string.Join(", ", violations));
    }
}
