using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Ordering.Data.Migrations;

/// <summary>
/// Reseller prices (issue 14): the provider's default markup and each reseller's own (tenant-owned, row-level
/// security), and on an order the markup in force at checkout and each line's reseller price. Orders stay
/// append-only: the prices are written with the order, never after. Orders placed before this migration have none.
/// </summary>
[DbContext(typeof(OrderingDbContext))]
[Migration("20261221000000_CreateResellerMarkups")]
internal sealed class CreateResellerMarkups : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE ordering.markup_settings (
                tenant_id uuid NOT NULL PRIMARY KEY,
                default_markup_percent numeric(5, 2) NOT NULL CHECK (default_markup_percent BETWEEN 0 AND 100),
                updated_at timestamptz NOT NULL,
                updated_by varchar(300) NOT NULL
            );

            CREATE TABLE ordering.reseller_markups (
                tenant_id uuid NOT NULL,
                reseller_organisation_id uuid NOT NULL,
                markup_percent numeric(5, 2) NOT NULL CHECK (markup_percent BETWEEN 0 AND 100),
                updated_at timestamptz NOT NULL,
                updated_by varchar(300) NOT NULL,
                PRIMARY KEY (tenant_id, reseller_organisation_id)
            );

            ALTER TABLE ordering.orders ADD COLUMN markup_percent numeric(5, 2) NULL
                CHECK (markup_percent IS NULL OR (markup_percent BETWEEN 0 AND 100 AND reseller_organisation_id IS NOT NULL));
            ALTER TABLE ordering.order_line_items ADD COLUMN reseller_price numeric(12, 2) NULL CHECK (reseller_price IS NULL OR reseller_price >= 0);
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("markup_settings", OrderingDbContext.SchemaName);
        migrationBuilder.EnableTenantRowLevelSecurity("reseller_markups", OrderingDbContext.SchemaName);
    }
}
