using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Partners.Data.Migrations;

/// <summary>
/// The partner directory: platform level, no RLS; the tenant ↔ organisation link is the organisation's
/// <c>workspace_tenant_id</c> (see docs/adr/0009-partner-directory.md).
/// </summary>
[DbContext(typeof(PartnersDbContext))]
[Migration("20261121100000_CreatePartnerDirectory")]
internal sealed class CreatePartnerDirectory : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE partners.partner_organisations (
                id uuid NOT NULL,
                legal_name varchar(200) NOT NULL,
                partner_id varchar(20) NOT NULL,
                type varchar(40) NOT NULL,
                csp_enrolled boolean NOT NULL,
                partner_agreement_signed boolean NOT NULL,
                country_code varchar(2) NOT NULL,
                csp_region varchar(10) NOT NULL,
                commercial_tenant_id uuid NOT NULL,
                azure_gcc_tenant_id uuid NULL,
                workspace_tenant_id uuid NULL,
                qualifications text[] NOT NULL,
                officially_listed boolean NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                CONSTRAINT pk_partner_organisations PRIMARY KEY (id),
                CONSTRAINT ck_partner_organisations_listing CHECK (NOT officially_listed OR type = 'IndirectProvider'),
                CONSTRAINT ck_partner_organisations_gcc_tenant CHECK (azure_gcc_tenant_id IS NULL OR azure_gcc_tenant_id <> commercial_tenant_id)
            );
            CREATE UNIQUE INDEX ix_partner_organisations_partner_id ON partners.partner_organisations (partner_id);
            CREATE UNIQUE INDEX ix_partner_organisations_commercial_tenant_id ON partners.partner_organisations (commercial_tenant_id);
            CREATE UNIQUE INDEX ix_partner_organisations_workspace_tenant_id ON partners.partner_organisations (workspace_tenant_id);
            CREATE INDEX ix_partner_organisations_legal_name ON partners.partner_organisations (lower(legal_name), id);

            """);
    }
}
