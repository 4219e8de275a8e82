using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Relationships.Data.Migrations;

/// <summary>
/// R-REL-4 (issue 13): <c>GET /v1/customers/relationshiprequests</c> is safe and answers the same link until it is used,
/// expires or is revoked, so the standing link's token is kept, encrypted with the Data Protection key ring (ADR 0013),
/// and found by the partial index of pending standing links. The table's row-level security covers the new column.
/// </summary>
[DbContext(typeof(RelationshipsDbContext))]
[Migration("20261205151000_StandingCustomerRelationshipLink")]
internal sealed class StandingCustomerRelationshipLink : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE relationships.invitations ADD COLUMN protected_link_token varchar(1000) NULL;
            CREATE INDEX ix_invitations_standing_links ON relationships.invitations (tenant_id, reseller_organisation_id, created_at DESC)
                WHERE status = 'Pending' AND protected_link_token IS NOT NULL;
            """);
    }
}
