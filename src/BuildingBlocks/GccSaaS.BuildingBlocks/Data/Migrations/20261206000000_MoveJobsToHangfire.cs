using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Data.Migrations;

/// <summary>
/// Background jobs moved to Hangfire (docs/adr/0004): the former scheduler's schema and its execution table go
/// (Hangfire keeps the job history in schema <c>hangfire</c>, installed after the platform's migrations), and each
/// tenant's last failure of each sweep gets a tenant table, fenced by row-level security, for the provider's own
/// settings pages.
/// </summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261206000000_MoveJobsToHangfire")]
internal sealed class MoveJobsToHangfire : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            -- The scheduler used before Hangfire (ADR 0004, history) kept its tables in this schema.
            DROP SCHEMA IF EXISTS quartz CASCADE;
            DROP TABLE IF EXISTS platform.job_executions;

            CREATE TABLE platform.sweep_failures (
                tenant_id uuid NOT NULL REFERENCES platform.tenants (id),
                job_name varchar(200) NOT NULL,
                failed_at timestamptz NOT NULL,
                background_job_id varchar(100) NULL,
                error text NOT NULL,
                resolved_at timestamptz NULL,
                CONSTRAINT pk_sweep_failures PRIMARY KEY (tenant_id, job_name)
            );
            -- A sweep records and resolves failures; it never deletes them.
            REVOKE DELETE, TRUNCATE ON platform.sweep_failures FROM gccsaas_app;
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("sweep_failures", PlatformDbContext.Schema);
    }
}
