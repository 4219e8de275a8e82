using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>
/// Issue 18: the platform audit log, for acts without a tenant (creating a tenant, signing in, two-factor changes,
/// platform operators' acts). A platform table (no tenant owns its lines), append-only for the application role:
/// it may insert and read, never update, delete or truncate. Paged newest first by <c>id</c>.
/// </summary>
[DbContext(typeof(GccSaaSIdentityDbContext))]
[Migration("20261226010000_CreatePlatformAuditLog")]
internal sealed class CreatePlatformAuditLog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE identity.platform_audit_entries (
                id bigint GENERATED ALWAYS AS IDENTITY,
                occurred_at timestamptz NOT NULL,
                action varchar(200) NOT NULL,
                module varchar(40) NOT NULL,
                details text NOT NULL,
                user_id uuid NULL,
                actor varchar(256) NOT NULL,
                api_key_id uuid NULL,
                correlation_id varchar(128) NULL,
                CONSTRAINT pk_platform_audit_entries PRIMARY KEY (id)
            );
            CREATE INDEX ix_platform_audit_entries_user_id ON identity.platform_audit_entries (user_id);
            """);
        migrationBuilder.MakeAppendOnly("platform_audit_entries", GccSaaSIdentityDbContext.SchemaName);
    }
}
