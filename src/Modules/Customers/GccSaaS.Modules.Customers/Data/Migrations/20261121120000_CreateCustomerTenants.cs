using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Customers.Data.Migrations;

/// <summary>
/// Customer tenants, their administrators, qualifications and direct subscriptions (platform level, no
/// tenant_id); the provider's customers, delegated admin grants and agreement attestations (tenant-owned,
/// row-level security). docs/adr/0014-customers.md.
/// </summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("20261121120000_CreateCustomerTenants")]
internal sealed class CreateCustomerTenants : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE customers.customer_tenants (
                id uuid PRIMARY KEY,
                company_name varchar(300) NOT NULL,
                -- R-PC-5: one tenant per primary domain, compared case-insensitively (stored lower-case).
                domain varchar(255) NOT NULL CHECK (domain = lower(domain)),
                address_line1 varchar(200) NOT NULL,
                address_line2 varchar(200) NULL,
                city varchar(100) NOT NULL,
                state varchar(50) NULL,
                postal_code varchar(20) NOT NULL,
                country varchar(2) NOT NULL,
                contact_first_name varchar(50) NOT NULL,
                contact_last_name varchar(50) NOT NULL,
                email varchar(320) NOT NULL,
                phone_number varchar(50) NULL,
                culture varchar(10) NOT NULL,
                language varchar(2) NOT NULL,
                created_by_tenant_id uuid NULL,
                created_at timestamptz NOT NULL
            );
            CREATE UNIQUE INDEX ix_customer_tenants_domain ON customers.customer_tenants (domain);

            -- R-CUS-2: a hash only; the temporary password is shown once and never stored.
            CREATE TABLE customers.customer_tenant_admins (
                customer_tenant_id uuid PRIMARY KEY REFERENCES customers.customer_tenants (id),
                user_name varchar(320) NOT NULL CHECK (user_name = lower(user_name)),
                password_hash varchar(400) NOT NULL,
                created_at timestamptz NOT NULL
            );
            CREATE UNIQUE INDEX ix_customer_tenant_admins_user_name ON customers.customer_tenant_admins (user_name);

            CREATE TABLE customers.customer_qualifications (
                customer_tenant_id uuid NOT NULL REFERENCES customers.customer_tenants (id),
                qualification varchar(40) NOT NULL CHECK (qualification IN ('GovernmentCommunityCloud', 'Education', 'StateOwnedEntity')),
                vetting_status varchar(20) NOT NULL CHECK (vetting_status IN ('InReview', 'Approved', 'Denied')),
                vetting_reason varchar(1000) NULL,
                requested_by_tenant_id uuid NULL,
                validation_code varchar(40) NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (customer_tenant_id, qualification),
                CHECK (vetting_status <> 'Denied' OR vetting_reason IS NOT NULL)
            );

            CREATE TABLE customers.direct_subscriptions (
                customer_tenant_id uuid NOT NULL REFERENCES customers.customer_tenants (id),
                id uuid NOT NULL,
                offer_name varchar(200) NOT NULL,
                quantity integer NOT NULL CHECK (quantity > 0),
                status varchar(20) NOT NULL,
                advisor_of_record varchar(300) NOT NULL,
                purchased_at timestamptz NOT NULL,
                PRIMARY KEY (customer_tenant_id, id)
            );

            CREATE TABLE customers.customers (
                tenant_id uuid NOT NULL,
                customer_tenant_id uuid NOT NULL,
                company_name varchar(300) NOT NULL,
                sort_name varchar(300) NOT NULL CHECK (sort_name = lower(company_name)),
                domain varchar(255) NOT NULL,
                reseller_organisation_id uuid NULL,
                origin varchar(20) NOT NULL CHECK (origin IN ('Created', 'Relationship')),
                created_request_id uuid NULL,
                created_by_user_id uuid NULL,
                created_by_name varchar(300) NOT NULL,
                created_at timestamptz NOT NULL,
                PRIMARY KEY (tenant_id, customer_tenant_id)
            );
            -- Keyset paging by name (and by reseller) and starts-with search stay index scans at a million rows.
            CREATE INDEX ix_customers_tenant_id_sort_name_customer_tenant_id
                ON customers.customers (tenant_id, sort_name text_pattern_ops, customer_tenant_id);
            CREATE INDEX ix_customers_tenant_id_reseller_organisation_id_sort_name_customer_tenant_id
                ON customers.customers (tenant_id, reseller_organisation_id, sort_name text_pattern_ops, customer_tenant_id);
            CREATE INDEX ix_customers_tenant_id_domain ON customers.customers (tenant_id, domain text_pattern_ops);
            CREATE UNIQUE INDEX ix_customers_tenant_id_created_request_id ON customers.customers (tenant_id, created_request_id);

            CREATE TABLE customers.delegated_admin_grants (
                tenant_id uuid NOT NULL,
                customer_tenant_id uuid NOT NULL,
                grantee_kind varchar(20) NOT NULL CHECK (grantee_kind IN ('Provider', 'Reseller')),
                grantee_organisation_id uuid NULL,
                granted_at timestamptz NOT NULL,
                PRIMARY KEY (tenant_id, customer_tenant_id, grantee_kind),
                FOREIGN KEY (tenant_id, customer_tenant_id) REFERENCES customers.customers (tenant_id, customer_tenant_id),
                CHECK ((grantee_kind = 'Provider') = (grantee_organisation_id IS NULL))
            );

            CREATE TABLE customers.agreements (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                customer_tenant_id uuid NOT NULL,
                agreement_type varchar(40) NOT NULL CHECK (agreement_type IN ('MicrosoftCustomerAgreement')),
                contact_first_name varchar(50) NOT NULL,
                contact_last_name varchar(50) NOT NULL,
                contact_email varchar(320) NOT NULL,
                contact_phone varchar(50) NULL,
                date_agreed timestamptz NOT NULL,
                recorded_by_user_id uuid NULL,
                recorded_by_name varchar(300) NOT NULL,
                recorded_at timestamptz NOT NULL,
                PRIMARY KEY (tenant_id, id),
                FOREIGN KEY (tenant_id, customer_tenant_id) REFERENCES customers.customers (tenant_id, customer_tenant_id)
            );
            -- R-PC-6: a second attestation of the same agreement is refused (409), also under races.
            CREATE UNIQUE INDEX ix_agreements_tenant_id_customer_tenant_id_agreement_type
                ON customers.agreements (tenant_id, customer_tenant_id, agreement_type);
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("customers", CustomersDbContext.SchemaName);
        migrationBuilder.EnableTenantRowLevelSecurity("delegated_admin_grants", CustomersDbContext.SchemaName);
        migrationBuilder.EnableTenantRowLevelSecurity("agreements", CustomersDbContext.SchemaName);
        migrationBuilder.MakeAppendOnly("agreements", CustomersDbContext.SchemaName);
    }
}
