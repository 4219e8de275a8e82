using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Notifications.Data.Migrations;

/// <summary>
/// Webhooks (issue 17): a tenant's endpoints with their protected secrets, one delivery per event and endpoint, and every
/// attempt; all three fenced by tenant. The claim index serves the delivery sweep (due Pending rows, oldest first per
/// endpoint); the log index serves the keyset-paged attempts of one endpoint, newest first.
/// </summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20261230000000_CreateWebhooks")]
internal sealed class CreateWebhooks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE notifications.webhook_endpoints (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                url varchar(2000) NOT NULL,
                description varchar(200) NULL,
                event_types text[] NOT NULL,
                owner_reseller_organisation_id uuid NULL,
                protected_secret text NOT NULL,
                protected_previous_secret text NULL,
                previous_secret_expires_at timestamptz NULL,
                status varchar(20) NOT NULL,
                failing_since timestamptz NULL,
                disabled_at timestamptz NULL,
                created_at timestamptz NOT NULL,
                created_by varchar(256) NOT NULL,
                CONSTRAINT pk_webhook_endpoints PRIMARY KEY (tenant_id, id),
                CONSTRAINT ck_webhook_endpoints_status CHECK (status IN ('Active', 'Paused', 'Disabled'))
            );
            CREATE INDEX ix_webhook_endpoints_created ON notifications.webhook_endpoints (tenant_id, created_at DESC, id DESC);

            CREATE TABLE notifications.webhook_deliveries (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                endpoint_id uuid NOT NULL,
                event_type varchar(100) NOT NULL,
                payload text NOT NULL,
                source_message_id uuid NOT NULL,
                created_at timestamptz NOT NULL,
                status varchar(20) NOT NULL,
                attempt_count integer NOT NULL,
                next_attempt_at timestamptz NOT NULL,
                last_attempt_at timestamptz NULL,
                last_status_code integer NULL,
                CONSTRAINT pk_webhook_deliveries PRIMARY KEY (tenant_id, id),
                CONSTRAINT fk_webhook_deliveries_endpoint FOREIGN KEY (tenant_id, endpoint_id)
                    REFERENCES notifications.webhook_endpoints (tenant_id, id) ON DELETE CASCADE,
                CONSTRAINT ck_webhook_deliveries_status CHECK (status IN ('Pending', 'Succeeded', 'Failed'))
            );
            CREATE UNIQUE INDEX ux_webhook_deliveries_source ON notifications.webhook_deliveries (tenant_id, endpoint_id, source_message_id);
            CREATE INDEX ix_webhook_deliveries_due ON notifications.webhook_deliveries (tenant_id, endpoint_id, next_attempt_at, id) WHERE status = 'Pending';
            CREATE INDEX ix_webhook_deliveries_created ON notifications.webhook_deliveries (tenant_id, endpoint_id, created_at DESC, id DESC);

            CREATE TABLE notifications.webhook_attempts (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                delivery_id uuid NOT NULL,
                endpoint_id uuid NOT NULL,
                event_type varchar(100) NOT NULL,
                attempted_at timestamptz NOT NULL,
                status_code integer NULL,
                succeeded boolean NOT NULL,
                duration_ms integer NOT NULL,
                response varchar(1024) NULL,
                CONSTRAINT pk_webhook_attempts PRIMARY KEY (tenant_id, id),
                CONSTRAINT fk_webhook_attempts_delivery FOREIGN KEY (tenant_id, delivery_id)
                    REFERENCES notifications.webhook_deliveries (tenant_id, id) ON DELETE CASCADE
            );
            CREATE INDEX ix_webhook_attempts_log ON notifications.webhook_attempts (tenant_id, endpoint_id, attempted_at DESC, id DESC);
            CREATE INDEX ix_webhook_attempts_delivery ON notifications.webhook_attempts (tenant_id, delivery_id);
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("webhook_endpoints", NotificationsDbContext.SchemaName);
        migrationBuilder.EnableTenantRowLevelSecurity("webhook_deliveries", NotificationsDbContext.SchemaName);
        migrationBuilder.EnableTenantRowLevelSecurity("webhook_attempts", NotificationsDbContext.SchemaName);
    }
}
