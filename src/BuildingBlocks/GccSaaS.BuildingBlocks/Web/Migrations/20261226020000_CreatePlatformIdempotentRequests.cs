using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Web.Migrations;

/// <summary>
/// Issue 18: <c>MS-RequestId</c> records of platform writes (<c>/v1/platform/…</c>), which have no tenant: one per caller
/// (the platform key's owner) and request id. A platform table (no tenant_id, no row-level security); every statement
/// names the owner.
/// </summary>
[DbContext(typeof(IdempotencyDbContext))]
[Migration("20261226020000_CreatePlatformIdempotentRequests")]
internal sealed class CreatePlatformIdempotentRequests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE idempotency.platform_idempotent_requests (
                owner_id uuid NOT NULL,
                request_id uuid NOT NULL,
                request_hash bytea NOT NULL,
                method varchar(16) NOT NULL,
                path varchar(2048) NOT NULL,
                state varchar(16) NOT NULL,
                lock_id uuid NULL,
                locked_until timestamptz NULL,
                created_at timestamptz NOT NULL,
                completed_at timestamptz NULL,
                expires_at timestamptz NOT NULL,
                response_status integer NULL,
                response_content_type varchar(256) NULL,
                response_location varchar(2048) NULL,
                response_body bytea NULL,
                correlation_id varchar(128) NULL,
                CONSTRAINT pk_platform_idempotent_requests PRIMARY KEY (owner_id, request_id),
                CONSTRAINT ck_platform_idempotent_requests_state CHECK (state IN ('InProgress', 'Completed')),
                CONSTRAINT ck_platform_idempotent_requests_claim CHECK (state <> 'InProgress' OR (lock_id IS NOT NULL AND locked_until IS NOT NULL)),
                CONSTRAINT ck_platform_idempotent_requests_answer CHECK (state <> 'Completed' OR response_status IS NOT NULL)
            );
            CREATE INDEX ix_platform_idempotent_requests_owner_id_expires_at ON idempotency.platform_idempotent_requests (owner_id, expires_at);
            """);
    }
}
