using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Data.Migrations;

/// <summary>
/// Issue 16: the platform's tenants list sorts by name (any case) or by when a tenant was created, keyset paged; each
/// order is one index range, read forwards or backwards (the identifier's order is ux_tenants_identifier's).
/// </summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20270102100000_IndexPlatformTenantsListOrders")]
internal sealed class IndexPlatformTenantsListOrders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX ix_tenants_lower_name_id ON platform.tenants (lower(name), id);
            CREATE INDEX ix_tenants_created_at_id ON platform.tenants (created_at, id);
            """);
    }
}
