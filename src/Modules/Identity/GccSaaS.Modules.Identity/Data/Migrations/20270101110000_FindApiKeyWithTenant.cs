using GccSaaS.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>
/// Issue 19: one round trip fewer per <c>/v1</c> request. The key lookup by prefix (the named path of ADR 0021, before
/// any tenant is known) also returns the key's tenant (identifier, name, status), so the tenant resolution does not
/// read <c>platform.tenants</c> by id in a second statement. Same rule as <c>find_api_key</c>: at most one row, by
/// equality on the unique prefix, never a list.
/// </summary>
[DbContext(typeof(IdentityModuleDbContext))]
[Migration("20270101110000_FindApiKeyWithTenant")]
internal sealed class FindApiKeyWithTenant : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE FUNCTION identity.find_api_key_with_tenant(p_prefix text)
                RETURNS TABLE (id uuid, tenant_id uuid, name varchar, role varchar, secret_hash bytea, reseller_organisation_id uuid,
                               created_by_user_id uuid, expires_at timestamptz, tenant_identifier varchar, tenant_name varchar, tenant_status varchar)
                LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$
                    SELECT k.id, k.tenant_id, k.name, k.role, k.secret_hash, k.reseller_organisation_id, k.created_by_user_id, k.expires_at,
                           t.identifier, t.name, t.status
                      FROM identity.api_keys k
                      LEFT JOIN platform.tenants t ON t.id = k.tenant_id
                     WHERE k.prefix = p_prefix AND k.revoked_at IS NULL
                $$;
            REVOKE ALL ON FUNCTION identity.find_api_key_with_tenant(text) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION identity.find_api_key_with_tenant(text) TO {DatabaseRoles.Application};
            """);
    }
}
