using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Customers.Data.Migrations;

/// <summary>
/// The customer administrator's workspace (issue 15, ADR 0020): sign-in throttling and a credential stamp on the
/// customer tenant's admin; which providers serve a customer tenant (platform level, so the workspace finds its
/// CSP subscriptions without reading every tenant); the customer's own users and license assignments (R-ORD-7),
/// owned by the customer tenant itself (tenant_id is the customer tenant's id, row-level security).
/// </summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("20261223000000_CustomerWorkspace")]
internal sealed class CustomerWorkspace : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE customers.customer_tenant_admins
                ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
                ADD COLUMN locked_until timestamptz NULL,
                -- Changes with the password: a workspace cookie issued before a reset stops working.
                ADD COLUMN credential_stamp uuid NOT NULL DEFAULT gen_random_uuid();

            -- Platform level: which provider tenants hold a customer tenant (AddCustomer, an accepted relationship).
            CREATE TABLE customers.customer_tenant_providers (
                customer_tenant_id uuid NOT NULL REFERENCES customers.customer_tenants (id),
                provider_tenant_id uuid NOT NULL,
                since timestamptz NOT NULL,
                PRIMARY KEY (customer_tenant_id, provider_tenant_id)
            );

            -- The providers' existing customers, tenant by tenant (RLS is forced for the owner too). The module reads
            -- only its own schema: the tenants are those that created a customer tenant (a tenant whose customers all
            -- came by relationship requests is not back-filled; ADR 0020).
            DO $$
            DECLARE t uuid;
            BEGIN
                FOR t IN SELECT DISTINCT created_by_tenant_id FROM customers.customer_tenants WHERE created_by_tenant_id IS NOT NULL LOOP
                    PERFORM set_config('app.tenant_id', t::text, true);
                    INSERT INTO customers.customer_tenant_providers (customer_tenant_id, provider_tenant_id, since)
                    SELECT c.customer_tenant_id, c.tenant_id, c.created_at FROM customers.customers c
                    ON CONFLICT DO NOTHING;
                END LOOP;
                PERFORM set_config('app.tenant_id', '', true);
            END $$;

            -- R-ORD-7: the customer's own users (tenant_id = the customer tenant).
            CREATE TABLE customers.customer_users (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                display_name varchar(200) NOT NULL,
                email varchar(320) NOT NULL CHECK (email = lower(email)),
                created_at timestamptz NOT NULL,
                PRIMARY KEY (tenant_id, id)
            );
            CREATE UNIQUE INDEX ix_customer_users_tenant_id_email ON customers.customer_users (tenant_id, email);

            -- R-ORD-7: one license of a product assigned to one user.
            CREATE TABLE customers.license_assignments (
                tenant_id uuid NOT NULL,
                product_id varchar(60) NOT NULL,
                user_id uuid NOT NULL,
                assigned_at timestamptz NOT NULL,
                PRIMARY KEY (tenant_id, product_id, user_id),
                FOREIGN KEY (tenant_id, user_id) REFERENCES customers.customer_users (tenant_id, id) ON DELETE CASCADE
            );
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("customer_users", CustomersDbContext.SchemaName);
        migrationBuilder.EnableTenantRowLevelSecurity("license_assignments", CustomersDbContext.SchemaName);
    }
}
