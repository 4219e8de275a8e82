using GccSaaS.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Host.Shell.Data.Migrations;

/// <summary>The tenant audit log: tenant-fenced and append-only for the application role.</summary>
[DbContext(typeof(ShellDbContext))]
[Migration("20261121030100_CreateAuditEntries")]
internal sealed class CreateAuditEntries : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE shell.audit_entries (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                occurred_at timestamptz NOT NULL,
                action varchar(200) NOT NULL,
                module varchar(100) NOT NULL,
                details jsonb NOT NULL,
                user_id uuid NULL,
                actor varchar(256) NOT NULL,
                api_key_id uuid NULL,
                correlation_id varchar(128) NULL,
                recorded_at timestamptz NOT NULL,
                CONSTRAINT pk_audit_entries PRIMARY KEY (tenant_id, id)
            );
            CREATE INDEX ix_audit_entries_newest ON shell.audit_entries (tenant_id, occurred_at DESC, id DESC);
            CREATE INDEX ix_audit_entries_user ON shell.audit_entries (tenant_id, user_id, occurred_at DESC);
            CREATE INDEX ix_audit_entries_action ON shell.audit_entries (tenant_id, action, occurred_at DESC);
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("audit_entries", ShellDbContext.SchemaName);
        migrationBuilder.MakeAppendOnly("audit_entries", ShellDbContext.SchemaName);
    }
}
