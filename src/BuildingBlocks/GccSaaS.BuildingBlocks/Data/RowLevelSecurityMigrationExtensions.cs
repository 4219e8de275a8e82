using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>What a module migration calls to create its schema and to fence a tenant table.</summary>
public static class RowLevelSecurityMigrationExtensions
{
    /// <summary>
    /// Creates the module's schema and lets the application role use what the owner creates in it later.
    /// The EF history table is created before this runs, so the application role never gets it.
    /// </summary>
    public static void CreateModuleSchema(this MigrationBuilder migrationBuilder, string schema)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var s = Quote(schema);
        migrationBuilder.Sql($"""
            CREATE SCHEMA IF NOT EXISTS {s};
            GRANT USAGE ON SCHEMA {s} TO {DatabaseRoles.Application};
            ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {DatabaseRoles.Application};
            ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {DatabaseRoles.Application};
            """);
    }

    /// <summary>
    /// Fences a tenant table: RLS enabled and forced (the owner obeys it too) with one policy that
    /// compares <c>tenant_id</c> with the transaction's <c>app.tenant_id</c> for reads and writes.
    /// </summary>
    public static void EnableTenantRowLevelSecurity(this MigrationBuilder migrationBuilder, string table, string schema)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var qualified = $"{Quote(schema)}.{Quote(table)}";
        migrationBuilder.Sql($"""
            ALTER TABLE {qualified} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {qualified} FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON {qualified}
                USING ({TenantSql.PolicyPredicate})
                WITH CHECK ({TenantSql.PolicyPredicate});
            """);
    }

    /// <summary>Makes a table append-only for the application role (audit logs, attestations).</summary>
    public static void MakeAppendOnly(this MigrationBuilder migrationBuilder, string table, string schema)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(
            $"REVOKE UPDATE, DELETE, TRUNCATE ON {Quote(schema)}.{Quote(table)} FROM {DatabaseRoles.Application};");
    }

    internal static string Quote(string identifier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identifier);
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
