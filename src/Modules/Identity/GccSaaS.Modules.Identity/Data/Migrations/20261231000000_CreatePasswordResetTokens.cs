using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>
/// Issue 18, password reset: one row per link mailed to a portal user. Only the SHA-256 hash of the link's token is
/// kept (never the token); a link works once (<c>used_at</c>) and until <c>expires_at</c> (30 minutes). A platform table:
/// users are platform-wide (ADR 0006), so no tenant owns a reset. Old rows are deleted by the handler that writes new ones.
/// </summary>
[DbContext(typeof(GccSaaSIdentityDbContext))]
[Migration("20261231000000_CreatePasswordResetTokens")]
internal sealed class CreatePasswordResetTokens : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE identity.password_reset_tokens (
                token_hash bytea NOT NULL,
                user_id uuid NOT NULL,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                used_at timestamptz NULL,
                CONSTRAINT pk_password_reset_tokens PRIMARY KEY (token_hash),
                CONSTRAINT fk_password_reset_tokens_users FOREIGN KEY (user_id) REFERENCES identity.users (id) ON DELETE CASCADE
            );
            CREATE INDEX ix_password_reset_tokens_user_id ON identity.password_reset_tokens (user_id);
            CREATE INDEX ix_password_reset_tokens_expires_at ON identity.password_reset_tokens (expires_at);
            """);
    }
}
