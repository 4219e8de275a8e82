using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Relationships.Data.Migrations;

/// <summary>
/// Partnerships, invitations of every kind, the reminders sent and the per-tenant invitation settings: all
/// tenant-owned, fenced by row-level security (docs/adr/0013-invitations-and-partnerships.md).
/// </summary>
[DbContext(typeof(RelationshipsDbContext))]
[Migration("20261121200000_CreatePartnershipsAndInvitations")]
internal sealed class CreatePartnershipsAndInvitations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE relationships.partnerships (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                reseller_organisation_id uuid NOT NULL,
                reseller_name varchar(200) NOT NULL,
                partner_id varchar(20) NOT NULL,
                status varchar(20) NOT NULL CHECK (status IN ('Active', 'Removed')),
                since timestamptz NOT NULL,
                invitation_id uuid NULL,
                established_by_user_id uuid NULL,
                removed_at timestamptz NULL,
                removed_by_user_id uuid NULL,
                removed_by_name varchar(300) NULL,
                attestation_version varchar(20) NULL,
                attestation_text varchar(4000) NULL,
                PRIMARY KEY (tenant_id, id),
                -- R-REL-3: a removal always carries who attested, when and which wording.
                CHECK (status = 'Active' OR (removed_at IS NOT NULL AND removed_by_user_id IS NOT NULL AND attestation_version IS NOT NULL))
            );
            -- One active partnership per reseller organisation and tenant (partnership_already_active under races).
            CREATE UNIQUE INDEX ux_partnerships_active_reseller ON relationships.partnerships (tenant_id, reseller_organisation_id)
                WHERE status = 'Active';
            -- The Indirect resellers list: search and keyset paging by name.
            CREATE INDEX ix_partnerships_name ON relationships.partnerships (tenant_id, lower(reseller_name), id) WHERE status = 'Active';

            CREATE TABLE relationships.invitations (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                kind varchar(30) NOT NULL CHECK (kind IN ('Partnership', 'CustomerRelationship')),
                status varchar(20) NOT NULL CHECK (status IN ('Pending', 'Accepted', 'Expired', 'Revoked')),
                token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
                invited_email varchar(320) NULL,
                created_by_user_id uuid NOT NULL,
                created_by_name varchar(300) NOT NULL,
                culture varchar(10) NOT NULL,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                reseller_organisation_id uuid NULL,
                accepted_at timestamptz NULL,
                accepted_by_user_id uuid NULL,
                accepted_by varchar(320) NULL,
                partnership_id uuid NULL,
                customer_tenant_id uuid NULL,
                revoked_at timestamptz NULL,
                revoked_by_user_id uuid NULL,
                expired_at timestamptz NULL,
                send_count integer NOT NULL CHECK (send_count >= 1),
                PRIMARY KEY (tenant_id, id),
                CHECK (kind <> 'Partnership' OR invited_email IS NOT NULL),
                CHECK (status <> 'Accepted' OR accepted_at IS NOT NULL)
            );
            CREATE UNIQUE INDEX ux_invitations_token_hash ON relationships.invitations (tenant_id, token_hash);
            -- Pending actions and the sweeps: open invitations by age / by expiry.
            CREATE INDEX ix_invitations_pending_created ON relationships.invitations (tenant_id, created_at, id) WHERE status = 'Pending';
            CREATE INDEX ix_invitations_pending_expires ON relationships.invitations (tenant_id, expires_at) WHERE status = 'Pending';
            CREATE INDEX ix_invitations_created ON relationships.invitations (tenant_id, created_at DESC, id DESC);

            CREATE TABLE relationships.invitation_reminders (
                tenant_id uuid NOT NULL,
                invitation_id uuid NOT NULL,
                send_number integer NOT NULL,
                days_before integer NOT NULL,
                sent_at timestamptz NOT NULL,
                PRIMARY KEY (tenant_id, invitation_id, send_number, days_before),
                FOREIGN KEY (tenant_id, invitation_id) REFERENCES relationships.invitations (tenant_id, id) ON DELETE CASCADE
            );

            CREATE TABLE relationships.invitation_settings (
                tenant_id uuid NOT NULL PRIMARY KEY,
                lifetime_days integer NOT NULL CHECK (lifetime_days BETWEEN 1 AND 90),
                reminder_days_before integer[] NOT NULL,
                updated_at timestamptz NOT NULL,
                updated_by_user_id uuid NULL
            );
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("partnerships", RelationshipsDbContext.SchemaName);
        migrationBuilder.EnableTenantRowLevelSecurity("invitations", RelationshipsDbContext.SchemaName);
        migrationBuilder.EnableTenantRowLevelSecurity("invitation_reminders", RelationshipsDbContext.SchemaName);
        migrationBuilder.EnableTenantRowLevelSecurity("invitation_settings", RelationshipsDbContext.SchemaName);
    }
}
