using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>
/// Platform API keys (ADR 0011): one platform user's credential for <c>/v1/platform/</c>, with no tenant and
/// no stored role (the user's platform roles are read at each use). Platform-level like the rest of the
/// identity schema; every query filters by the owning user.
/// </summary>
[DbContext(typeof(GccSaaSIdentityDbContext))]
[Migration("20261121013000_CreatePlatformApiKeys")]
internal sealed class CreatePlatformApiKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE identity.platform_api_keys (
                id uuid NOT NULL,
                user_id uuid NOT NULL,
                name varchar(100) NOT NULL,
                prefix varchar(32) NOT NULL,
                secret_hash bytea NOT NULL,
                created_at timestamptz NOT NULL,
                last_used_at timestamptz NULL,
                revoked_at timestamptz NULL,
                CONSTRAINT pk_platform_api_keys PRIMARY KEY (id),
                CONSTRAINT fk_platform_api_keys_users_user_id FOREIGN KEY (user_id) REFERENCES identity.users (id) ON DELETE CASCADE,
                CONSTRAINT ck_platform_api_keys_secret_hash CHECK (octet_length(secret_hash) = 32)
            );
            CREATE UNIQUE INDEX ix_platform_api_keys_prefix ON identity.platform_api_keys (prefix);
            CREATE INDEX ix_platform_api_keys_user_id_created_at ON identity.platform_api_keys (user_id, created_at);
            """);
    }
}
