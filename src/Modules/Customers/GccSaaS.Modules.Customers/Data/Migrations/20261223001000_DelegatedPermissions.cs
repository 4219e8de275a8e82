using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Customers.Data.Migrations;

/// <summary>
/// R-CUS-6 (ADR 0020): a reseller's delegated admin grant carries the permissions the customer's administrator left
/// it (null: the default set, all of them) and, as Partner Center's granular delegated admin does, an end date; the
/// customer's own activity list.
/// </summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("20261223001000_DelegatedPermissions")]
internal sealed class DelegatedPermissions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE customers.delegated_admin_grants
                ADD COLUMN permissions text[] NULL
                    CHECK (permissions <@ ARRAY['ManageAccount', 'ManageSubscriptions', 'ManageUsers', 'OpenSupportRequests', 'ReadBilling']::text[]),
                ADD COLUMN ends_at timestamptz NULL,
                ADD CHECK (grantee_kind = 'Reseller' OR permissions IS NULL);
            -- The expiry job finds a tenant's due grants by index.
            CREATE INDEX ix_delegated_admin_grants_tenant_id_ends_at
                ON customers.delegated_admin_grants (tenant_id, ends_at) WHERE ends_at IS NOT NULL;

            -- The customer's own activity list (tenant_id = the customer tenant): grants, narrowing, removals,
            -- license assignments, whoever made them (append-only).
            CREATE TABLE customers.customer_activity (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                at timestamptz NOT NULL,
                action varchar(60) NOT NULL,
                detail varchar(400) NOT NULL,
                actor varchar(320) NOT NULL,
                PRIMARY KEY (tenant_id, id)
            );
            CREATE INDEX ix_customer_activity_tenant_id_at_id ON customers.customer_activity (tenant_id, at DESC, id DESC);
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("customer_activity", CustomersDbContext.SchemaName);
        migrationBuilder.MakeAppendOnly("customer_activity", CustomersDbContext.SchemaName);
    }
}
