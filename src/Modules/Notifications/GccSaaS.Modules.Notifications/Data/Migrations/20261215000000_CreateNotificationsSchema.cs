using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Notifications.Data.Migrations;

/// <summary>
/// The module's schema with its outbox and inbox; the in-app notification centre (one row per recipient) and the
/// tenant audit log (append-only for the application role), both fenced by tenant.
/// </summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20261215000000_CreateNotificationsSchema")]
internal sealed class CreateNotificationsSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateModuleSchema(NotificationsDbContext.SchemaName);
        migrationBuilder.CreateOutboxAndInbox(NotificationsDbContext.SchemaName);
        migrationBuilder.Sql("""
            CREATE TABLE notifications.notifications (
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
                ON notifications.notifications (tenant_id, source_message_id, recipient_user_id);
            CREATE INDEX ix_notifications_recipient_newest
                ON notifications.notifications (tenant_id, recipient_user_id, created_at DESC, id DESC);
            CREATE INDEX ix_notifications_recipient_unread
                ON notifications.notifications (tenant_id, recipient_user_id) WHERE read_at IS NULL;

            CREATE TABLE notifications.audit_entries (
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
            CREATE INDEX ix_audit_entries_newest ON notifications.audit_entries (tenant_id, occurred_at DESC, id DESC);
            CREATE INDEX ix_audit_entries_user ON notifications.audit_entries (tenant_id, user_id, occurred_at DESC);
            CREATE INDEX ix_audit_entries_action ON notifications.audit_entries (tenant_id, action, occurred_at DESC);
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("notifications", NotificationsDbContext.SchemaName);
        migrationBuilder.EnableTenantRowLevelSecurity("audit_entries", NotificationsDbContext.SchemaName);
        migrationBuilder.MakeAppendOnly("audit_entries", NotificationsDbContext.SchemaName);
    }
}
