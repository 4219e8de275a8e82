using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Customers.Data.Migrations;

/// <summary>
/// Issue 16: the Customers list sorts by when a customer was added (<c>?sort=created</c>, either way). One b-tree per
/// access path, tenant_id first, like the name's: the whole list, and a reseller's customers (R-CUS-3), so every
/// page of that sort is an index range read forwards or backwards.
/// </summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("20261231140000_CustomersSortedByCreation")]
internal sealed class CustomersSortedByCreation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX ix_customers_tenant_id_created_at_customer_tenant_id
                ON customers.customers (tenant_id, created_at, customer_tenant_id);
            CREATE INDEX ix_customers_tenant_id_reseller_organisation_id_created_at_customer_tenant_id
                ON customers.customers (tenant_id, reseller_organisation_id, created_at, customer_tenant_id);
            """);
    }
}
