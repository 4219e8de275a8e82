using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Customers.Data.Migrations;

/// <summary>
/// The list's name and domain in collation "C": one plain b-tree per access path then serves both the keyset
/// order and the starts-with search (a text_pattern_ops index serves only the search), so paging and searching
/// stay index scans at a million customers.
/// </summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("20261121121000_CustomersListInCollationC")]
internal sealed class CustomersListInCollationC : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX customers.ix_customers_tenant_id_sort_name_customer_tenant_id;
            DROP INDEX customers.ix_customers_tenant_id_reseller_organisation_id_sort_name_customer_tenant_id;
            DROP INDEX customers.ix_customers_tenant_id_domain;
            ALTER TABLE customers.customers ALTER COLUMN sort_name TYPE varchar(300) COLLATE "C";
            ALTER TABLE customers.customers ALTER COLUMN domain TYPE varchar(255) COLLATE "C";
            CREATE INDEX ix_customers_tenant_id_sort_name_customer_tenant_id
                ON customers.customers (tenant_id, sort_name, customer_tenant_id);
            CREATE INDEX ix_customers_tenant_id_reseller_organisation_id_sort_name_customer_tenant_id
                ON customers.customers (tenant_id, reseller_organisation_id, sort_name, customer_tenant_id);
            CREATE INDEX ix_customers_tenant_id_domain ON customers.customers (tenant_id, domain);
            """);
    }
}
