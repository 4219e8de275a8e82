using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Customers.Data.Migrations;

/// <summary>
/// Issue 18, defence in depth (ADR 0021): the customer administrators' password hashes (R-CUS-2) are never read by a
/// plain query of the application role. It keeps column grants on what is not secret (who the administrator is, the
/// sign-in counters and the credential stamp the workspace cookie is checked against) and may insert a new
/// administrator with its first hash; the hash itself is read only through <c>find_customer_admin</c> (one user
/// name, one row) and replaced only through <c>reset_customer_admin_password</c>, both <c>SECURITY DEFINER</c>
/// functions of the owner role with a fixed search path.
/// </summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("20261224001000_FenceCustomerAdministratorSecrets")]
internal sealed class FenceCustomerAdministratorSecrets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            REVOKE ALL ON customers.customer_tenant_admins FROM {DatabaseRoles.Application};
            GRANT SELECT (customer_tenant_id, user_name, created_at, failed_sign_ins, locked_until, credential_stamp)
                ON customers.customer_tenant_admins TO {DatabaseRoles.Application};
            GRANT INSERT ON customers.customer_tenant_admins TO {DatabaseRoles.Application};
            GRANT UPDATE (failed_sign_ins, locked_until) ON customers.customer_tenant_admins TO {DatabaseRoles.Application};

            -- The administrator a sign-in names, with the hash to verify against: one user name, at most one row.
            CREATE FUNCTION customers.find_customer_admin(p_user_name text)
                RETURNS SETOF customers.customer_tenant_admins
                LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$ SELECT a.* FROM customers.customer_tenant_admins a WHERE a.user_name = p_user_name $$;

            -- A new password for one administrator (R-CUS-2 reset): a new credential stamp ends the workspace's cookies,
            -- and the sign-in counters start again. Answers the new stamp, or null when there is no such administrator.
            CREATE FUNCTION customers.reset_customer_admin_password(p_customer_tenant_id uuid, p_password_hash text)
                RETURNS uuid
                LANGUAGE sql SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$
                    UPDATE customers.customer_tenant_admins
                       SET password_hash = p_password_hash, credential_stamp = gen_random_uuid(), failed_sign_ins = 0, locked_until = NULL
                     WHERE customer_tenant_id = p_customer_tenant_id
                    RETURNING credential_stamp
                $$;

            REVOKE ALL ON FUNCTION customers.find_customer_admin(text), customers.reset_customer_admin_password(uuid, text) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION customers.find_customer_admin(text), customers.reset_customer_admin_password(uuid, text)
                TO {DatabaseRoles.Application};
            """);
    }
}
