using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>
/// Issue 16: the platform audit log is filtered by action, newest or oldest first: one range of (action, id) read
/// either way; the page's list of actions is a skip scan over the same index. The table is the platform's (no
/// tenant_id, no row-level security), so the index leads with the filter's column.
/// </summary>
[DbContext(typeof(GccSaaSIdentityDbContext))]
[Migration("20270103110100_IndexPlatformAuditAction")]
internal sealed class IndexPlatformAuditAction : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("CREATE INDEX ix_platform_audit_entries_action_id ON identity.platform_audit_entries (action, id);");
}
