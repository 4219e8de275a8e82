using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Validation.Data.Migrations;

/// <summary>
/// Cases, their history and the SLA reminder log (platform-level, no tenant_id); GCC validation codes and
/// their uses (tenant-owned, row-level security). docs/adr/0010-validation-cases.md.
/// </summary>
[DbContext(typeof(ValidationDbContext))]
[Migration("20261121110000_CreateValidationCases")]
internal sealed class CreateValidationCases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE validation.cases (
                id uuid PRIMARY KEY,
                kind varchar(20) NOT NULL CHECK (kind IN ('Partner', 'Customer')),
                state varchar(30) NOT NULL CHECK (state IN ('Submitted', 'InReview', 'InformationRequested', 'Approved', 'Denied')),
                submitted_by_tenant_id uuid NOT NULL,
                partner_organisation_id uuid NOT NULL,
                partner_name varchar(300) NOT NULL,
                commercial_tenant_id uuid NOT NULL,
                submitted_by_user_id uuid NOT NULL,
                submitted_by_name varchar(300) NOT NULL,
                submitted_for_reseller_organisation_id uuid NULL,
                submitted_at timestamptz NOT NULL,
                due_at timestamptz NULL,
                updated_at timestamptz NOT NULL,
                decided_at timestamptz NULL,
                decision_reason varchar(4000) NULL,
                government_entities_served text[] NOT NULL,
                holds_direct_contracts boolean NOT NULL,
                holds_indirect_contracts boolean NOT NULL,
                contract_vehicles varchar(4000) NULL,
                customer_legal_name varchar(300) NULL,
                customer_domain varchar(255) NULL,
                customer_address varchar(1000) NULL,
                customer_tenant_id uuid NULL,
                customer_contact_name varchar(300) NULL,
                customer_contact_email varchar(320) NULL,
                customer_contact_phone varchar(50) NULL,
                eligibility_category varchar(60) NULL,
                regulated_data text[] NOT NULL,
                version integer NOT NULL,
                CHECK (state NOT IN ('Denied') OR decision_reason IS NOT NULL)
            );
            CREATE INDEX ix_cases_submitted_by_tenant_id_submitted_at ON validation.cases (submitted_by_tenant_id, submitted_at);
            CREATE INDEX ix_cases_due_at_id ON validation.cases (due_at, id);
            -- At most one open partner case per organisation (validation_case_already_open under races).
            CREATE UNIQUE INDEX ux_cases_open_partner_case ON validation.cases (partner_organisation_id)
                WHERE kind = 'Partner' AND state NOT IN ('Approved', 'Denied');

            CREATE TABLE validation.case_events (
                id uuid PRIMARY KEY,
                case_id uuid NOT NULL REFERENCES validation.cases (id) ON DELETE CASCADE,
                sequence integer NOT NULL,
                occurred_at timestamptz NOT NULL,
                action varchar(40) NOT NULL,
                from_state varchar(30) NULL,
                to_state varchar(30) NOT NULL,
                actor_user_id uuid NOT NULL,
                actor_name varchar(300) NOT NULL,
                by_reviewer boolean NOT NULL,
                message varchar(4000) NULL
            );
            CREATE UNIQUE INDEX ix_case_events_case_id_sequence ON validation.case_events (case_id, sequence);

            CREATE TABLE validation.sla_reminders (
                case_id uuid NOT NULL REFERENCES validation.cases (id) ON DELETE CASCADE,
                business_day date NOT NULL,
                sent_at timestamptz NOT NULL,
                PRIMARY KEY (case_id, business_day)
            );

            CREATE TABLE validation.validation_codes (
                tenant_id uuid NOT NULL,
                validation_id varchar(40) NOT NULL,
                case_id uuid NOT NULL,
                partner_organisation_id uuid NOT NULL,
                partner_id varchar(40) NOT NULL,
                organization_name varchar(300) NOT NULL,
                max_creates integer NOT NULL CHECK (max_creates > 0),
                remaining_creates integer NOT NULL CHECK (remaining_creates >= 0 AND remaining_creates <= max_creates),
                issued_at timestamptz NOT NULL,
                PRIMARY KEY (tenant_id, validation_id)
            );
            CREATE UNIQUE INDEX ix_validation_codes_tenant_id_case_id ON validation.validation_codes (tenant_id, case_id);

            CREATE TABLE validation.validation_code_uses (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                validation_id varchar(40) NOT NULL,
                customer_tenant_id uuid NOT NULL,
                used_at timestamptz NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, validation_id) REFERENCES validation.validation_codes (tenant_id, validation_id)
            );
            CREATE UNIQUE INDEX ix_validation_code_uses_tenant_id_validation_id_customer_tenant_id
                ON validation.validation_code_uses (tenant_id, validation_id, customer_tenant_id);
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("validation_codes", ValidationDbContext.SchemaName);
        migrationBuilder.EnableTenantRowLevelSecurity("validation_code_uses", ValidationDbContext.SchemaName);
    }
}
