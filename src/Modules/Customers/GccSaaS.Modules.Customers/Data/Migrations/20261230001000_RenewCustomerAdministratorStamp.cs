using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Customers.Data.Migrations;

/// <summary>
/// Issue 18: signing out of the customer workspace ends every session of the administrator by renewing its credential
/// stamp. The application role may not write the stamp itself (ADR 0021), so it goes through one more named
/// <c>SECURITY DEFINER</c> function that renews one administrator's stamp and nothing else.
/// </summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("20261230001000_RenewCustomerAdministratorStamp")]
internal sealed class RenewCustomerAdministratorStamp : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE FUNCTION customers.renew_customer_admin_stamp(p_customer_tenant_id uuid)
                RETURNS integer
                LANGUAGE sql SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$
                    WITH renewed AS (
                        UPDATE customers.customer_tenant_admins SET credential_stamp = gen_random_uuid()
                         WHERE customer_tenant_id = p_customer_tenant_id
                        RETURNING 1)
                    SELECT count(*)::integer FROM renewed
                $$;
            REVOKE ALL ON FUNCTION customers.renew_customer_admin_stamp(uuid) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION customers.renew_customer_admin_stamp(uuid) TO {DatabaseRoles.Application};
            """);
    }
}
