using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>
/// Issue 18: API keys expire (<c>expires_at</c>, by default one year after creation; keys made before get one year from
/// their creation), a rotation records the key that replaced one (<c>replaced_by_key_id</c>; the old key stays valid for
/// a short overlap), and a reseller admin's key carries its reseller organisation and a reseller role (provider keys keep
/// a provider role and no organisation).
/// </summary>
[DbContext(typeof(GccSaaSIdentityDbContext))]
[Migration("20261226000000_ApiKeyExpiryRotationAndResellerKeys")]
internal sealed class ApiKeyExpiryRotationAndResellerKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE identity.api_keys
                ADD COLUMN expires_at timestamptz NULL,
                ADD COLUMN reseller_organisation_id uuid NULL,
                ADD COLUMN replaced_by_key_id uuid NULL;
            UPDATE identity.api_keys SET expires_at = created_at + interval '1 year';
            ALTER TABLE identity.api_keys ALTER COLUMN expires_at SET NOT NULL;
            ALTER TABLE identity.api_keys DROP CONSTRAINT ck_api_keys_role;
            ALTER TABLE identity.api_keys ADD CONSTRAINT ck_api_keys_role CHECK (
                (reseller_organisation_id IS NULL AND role IN ('GlobalAdmin', 'AdminAgent', 'SalesAgent'))
                OR (reseller_organisation_id IS NOT NULL AND role IN ('ResellerAdmin', 'ResellerAgent')));
            ALTER TABLE identity.api_keys ADD CONSTRAINT ck_api_keys_expires_at CHECK (expires_at > created_at);

            ALTER TABLE identity.platform_api_keys
                ADD COLUMN expires_at timestamptz NULL,
                ADD COLUMN replaced_by_key_id uuid NULL;
            UPDATE identity.platform_api_keys SET expires_at = created_at + interval '1 year';
            ALTER TABLE identity.platform_api_keys ALTER COLUMN expires_at SET NOT NULL;
            ALTER TABLE identity.platform_api_keys ADD CONSTRAINT ck_platform_api_keys_expires_at CHECK (expires_at > created_at);
            """);
    }
}
