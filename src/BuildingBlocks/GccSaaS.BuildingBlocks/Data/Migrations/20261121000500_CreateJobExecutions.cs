using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Data.Migrations;

/// <summary>
/// The last start, success and failure of every clustered job, written by whichever host ran it, so the
/// operator page on any host shows the same state. Platform data, not tenant data: no tenant_id, no RLS.
/// </summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261121000500_CreateJobExecutions")]
internal sealed class CreateJobExecutions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE platform.job_executions (
                job_name varchar(200) NOT NULL,
                last_started_at timestamptz NULL,
                last_succeeded_at timestamptz NULL,
                last_failed_at timestamptz NULL,
                last_error text NULL,
                last_instance_id varchar(200) NULL,
                CONSTRAINT pk_job_executions PRIMARY KEY (job_name)
            );
            -- The schema's default privileges grant DML; the scheduler only upserts, it never deletes.
            REVOKE DELETE, TRUNCATE ON platform.job_executions FROM gccsaas_app;
            """);
    }
}
