using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Relationships.Data.Migrations;

/// <summary>
/// Issue 16: the Indirect resellers list (R-REL-2) sorts by the partnership's start (<c>?sort=since</c>, either way),
/// one b-tree range per page like the name's (tenant_id first, active partnerships only).
/// </summary>
[DbContext(typeof(RelationshipsDbContext))]
[Migration("20261231141000_ResellersSortedBySince")]
internal sealed class ResellersSortedBySince : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX ix_partnerships_since ON relationships.partnerships (tenant_id, since, id) WHERE status = 'Active';
            """);
    }
}
