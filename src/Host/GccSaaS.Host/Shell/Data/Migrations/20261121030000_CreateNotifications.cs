using GccSaaS.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Host.Shell.Data.Migrations;

/// <summary>The in-app notification centre: one row per recipient, tenant-fenced.</summary>
[DbContext(typeof(ShellDbContext))]
[Migration("20261121030000_CreateNotifications")]
internal sealed class CreateNotifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE shell.notifications (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                recipient_user_id uuid NOT NULL,
                kind varchar(100) NOT NULL,
                subject varchar(400) NOT NULL,
                body varchar(4000) NOT NULL,
                link_url varchar(2000) NULL,
                created_at timestamptz NOT NULL,
                read_at timestamptz NULL,
                source_message_id uuid NOT NULL,
                CONSTRAINT pk_notifications PRIMARY KEY (tenant_id, id)
            );
            CREATE UNIQUE INDEX ux_notifications_source_recipient
                ON shell.notifications (tenant_id, source_message_id, recipient_user_id);
            CREATE INDEX ix_notifications_recipient_newest
                ON shell.notifications (tenant_id, recipient_user_id, created_at DESC, id DESC);
            CREATE INDEX ix_notifications_recipient_unread
                ON shell.notifications (tenant_id, recipient_user_id) WHERE read_at IS NULL;
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("notifications", ShellDbContext.SchemaName);
    }
}
