using GccSaaS.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Web.Migrations;

/// <summary><c>MS-RequestId</c> records of the /v1 API (R-PC-10), one per tenant and request id, fenced by tenant.</summary>
[DbContext(typeof(IdempotencyDbContext))]
[Migration("20261215000100_CreateIdempotentRequests")]
internal sealed class CreateIdempotentRequests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateModuleSchema(IdempotencyDbContext.SchemaName);
        migrationBuilder.Sql("""
            CREATE TABLE idempotency.idempotent_requests (
                tenant_id uuid NOT NULL,
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
                CONSTRAINT pk_idempotent_requests PRIMARY KEY (tenant_id, request_id),
                CONSTRAINT ck_idempotent_requests_state CHECK (state IN ('InProgress', 'Completed')),
                CONSTRAINT ck_idempotent_requests_claim CHECK (state <> 'InProgress' OR (lock_id IS NOT NULL AND locked_until IS NOT NULL)),
                CONSTRAINT ck_idempotent_requests_answer CHECK (state <> 'Completed' OR response_status IS NOT NULL)
            );
            CREATE INDEX ix_idempotent_requests_tenant_id_expires_at ON idempotency.idempotent_requests (tenant_id, expires_at);
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("idempotent_requests", IdempotencyDbContext.SchemaName);
    }
}
