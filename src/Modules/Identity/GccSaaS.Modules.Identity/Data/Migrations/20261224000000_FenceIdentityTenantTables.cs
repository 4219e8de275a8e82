using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>
/// Issue 18, defence in depth (ADR 0021, superseding ADR 0006's "not fenced"): memberships, API keys and user
/// invitations are tenant tables under forced row-level security like every other. The reads that happen before a
/// tenant is known go through one narrow, named path each: a <c>SECURITY DEFINER</c> function owned by the owner
/// role, with a fixed search path, that takes the lookup key and returns only what that key names (a key by its
/// prefix, an invitation by its token hash, one user's own memberships, member counts of named tenants). The
/// owner reads these tables through the <c>definer_lookup</c> policy; the application role has no such policy, so
/// a plain query of it sees only the tenant of its transaction.
/// </summary>
[DbContext(typeof(GccSaaSIdentityDbContext))]
[Migration("20261224000000_FenceIdentityTenantTables")]
internal sealed class FenceIdentityTenantTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "memberships", "api_keys", "user_invitations" })
        {
            migrationBuilder.EnableTenantRowLevelSecurity(table, GccSaaSIdentityDbContext.SchemaName);
            // The owner role is what the definer functions below run as; no login of the application uses it.
            migrationBuilder.Sql($"CREATE POLICY definer_lookup ON identity.{table} FOR SELECT TO {DatabaseRoles.Owner} USING (true);");
        }

        migrationBuilder.Sql($"""
            -- The last-used time of a key is written before its tenant is known (touch_api_key).
            CREATE POLICY definer_touch ON identity.api_keys FOR UPDATE TO {DatabaseRoles.Owner} USING (true) WITH CHECK (true);

            -- An API key by its public prefix (unique): at most one row, never a list (equality, not a pattern).
            CREATE FUNCTION identity.find_api_key(p_prefix text)
                RETURNS SETOF identity.api_keys
                LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$ SELECT k.* FROM identity.api_keys k WHERE k.prefix = p_prefix AND k.revoked_at IS NULL $$;

            -- Records a key's use at most once per resolution window (the guarded UPDATE of ADR 0006); nothing else.
            CREATE FUNCTION identity.touch_api_key(p_id uuid, p_now timestamptz, p_stale_before timestamptz)
                RETURNS integer
                LANGUAGE sql SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$
                    WITH touched AS (
                        UPDATE identity.api_keys k SET last_used_at = p_now
                         WHERE k.id = p_id AND k.revoked_at IS NULL AND (k.last_used_at IS NULL OR k.last_used_at < p_stale_before)
                        RETURNING 1)
                    SELECT count(*)::integer FROM touched
                $$;

            -- An invitation by the SHA-256 of its link token (unique): at most one row.
            CREATE FUNCTION identity.find_invitation(p_token_hash bytea)
                RETURNS SETOF identity.user_invitations
                LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$ SELECT i.* FROM identity.user_invitations i WHERE i.token_hash = p_token_hash $$;

            -- One user's own memberships (sign-in landing, tenant switch): the caller proved who the user is.
            CREATE FUNCTION identity.memberships_of_user(p_user_id uuid)
                RETURNS SETOF identity.memberships
                LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$ SELECT m.* FROM identity.memberships m WHERE m.user_id = p_user_id $$;

            -- How many members each named tenant has (the Platform admin's tenant list): counts, never members.
            CREATE FUNCTION identity.member_counts(p_tenant_ids uuid[])
                RETURNS TABLE (tenant_id uuid, members integer)
                LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$
                    SELECT m.tenant_id, count(*)::integer FROM identity.memberships m
                     WHERE m.tenant_id = ANY (p_tenant_ids) AND cardinality(p_tenant_ids) <= 500
                     GROUP BY m.tenant_id
                $$;

            REVOKE ALL ON FUNCTION identity.find_api_key(text), identity.touch_api_key(uuid, timestamptz, timestamptz),
                identity.find_invitation(bytea), identity.memberships_of_user(uuid), identity.member_counts(uuid[]) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION identity.find_api_key(text), identity.touch_api_key(uuid, timestamptz, timestamptz),
                identity.find_invitation(bytea), identity.memberships_of_user(uuid), identity.member_counts(uuid[]) TO {DatabaseRoles.Application};
            """);
    }
}
