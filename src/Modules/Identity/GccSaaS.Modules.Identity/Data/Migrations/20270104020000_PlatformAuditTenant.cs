using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>
/// Issue 16: the platform audit log names the tenant an act concerns (a sign-in into its workspace, a platform act on
/// it), none for the others; the log is filtered by it, newest or oldest first: one range of (tenant_id, id) read either
/// way. The table stays the platform's (read by platform admins across tenants, no row-level security): the column
/// names a tenant, it does not make the line the tenant's. Nullable, so the lines already written stay as they are.
/// </summary>
[DbContext(typeof(GccSaaSIdentityDbContext))]
[Migration("20270104020000_PlatformAuditTenant")]
internal sealed class PlatformAuditTenant : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            ALTER TABLE identity.platform_audit_entries ADD COLUMN tenant_id uuid NULL;
            CREATE INDEX ix_platform_audit_entries_tenant_id_id ON identity.platform_audit_entries (tenant_id, id);
            """);
}
