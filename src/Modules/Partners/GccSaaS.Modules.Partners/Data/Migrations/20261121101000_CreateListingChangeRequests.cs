using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Partners.Data.Migrations;

/// <summary>
/// R-PAR-5 listing change requests (ADR 0011): platform level like the directory (no tenant_id, no RLS; the
/// requesting tenant is <c>requested_by_tenant_id</c> and every tenant read filters by it); one open request
/// per organisation (partial unique index). Also the index the directory API's name order pages on.
/// </summary>
[DbContext(typeof(PartnersDbContext))]
[Migration("20261121101000_CreateListingChangeRequests")]
internal sealed class CreateListingChangeRequests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE partners.listing_change_requests (
                id uuid NOT NULL,
                organisation_id uuid NOT NULL,
                requested_by_tenant_id uuid NOT NULL,
                requested_by_user_id uuid NOT NULL,
                requested_by_name varchar(200) NOT NULL,
                requested_with_api_key boolean NOT NULL,
                kind varchar(20) NOT NULL,
                text varchar(2000) NOT NULL,
                state varchar(20) NOT NULL,
                requested_at timestamptz NOT NULL,
                decided_at timestamptz NULL,
                decided_by_user_id uuid NULL,
                decision_reason varchar(2000) NULL,
                CONSTRAINT pk_listing_change_requests PRIMARY KEY (id),
                CONSTRAINT fk_listing_change_requests_partner_organisations_organisation_id
                    FOREIGN KEY (organisation_id) REFERENCES partners.partner_organisations (id) ON DELETE RESTRICT,
                CONSTRAINT ck_listing_change_requests_kind CHECK (kind IN ('List', 'Unlist', 'Correct')),
                CONSTRAINT ck_listing_change_requests_state CHECK (state IN ('Open', 'Approved', 'Declined')),
                CONSTRAINT ck_listing_change_requests_text CHECK (length(btrim(text)) > 0),
                CONSTRAINT ck_listing_change_requests_decided CHECK ((state = 'Open') = (decided_at IS NULL)),
                CONSTRAINT ck_listing_change_requests_decline_reason CHECK (state <> 'Declined' OR length(btrim(coalesce(decision_reason, ''))) > 0)
            );
            CREATE UNIQUE INDEX ix_listing_change_requests_organisation_id ON partners.listing_change_requests (organisation_id) WHERE state = 'Open';
            CREATE INDEX ix_listing_change_requests_requested_by_tenant_id_requested_at_id ON partners.listing_change_requests (requested_by_tenant_id, requested_at, id);
            CREATE INDEX ix_listing_change_requests_state_requested_at_id ON partners.listing_change_requests (state, requested_at, id);
            CREATE INDEX ix_partner_organisations_legal_name_id ON partners.partner_organisations (legal_name, id);
            """);
    }
}
