using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Customers.Data.Migrations;

/// <summary>
/// R-CUS-4, R-PC-6 (ADR 0014): as in Partner Center, a customer's agreement is confirmed again when the contact's name,
/// e-mail or phone changes, so one agreement type may have several confirmations; the same contact twice stays
/// refused, now by a unique index over the contact (e-mail ignoring case, no phone equal to no phone).
/// </summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("20261205150000_AgreementReconfirmedWithNewContact")]
internal sealed class AgreementReconfirmedWithNewContact : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX customers.ix_agreements_tenant_id_customer_tenant_id_agreement_type;
            CREATE INDEX ix_agreements_tenant_id_customer_tenant_id_agreement_type
                ON customers.agreements (tenant_id, customer_tenant_id, agreement_type);
            CREATE UNIQUE INDEX ux_agreements_contact
                ON customers.agreements (tenant_id, customer_tenant_id, agreement_type, contact_first_name, contact_last_name, lower(contact_email), contact_phone)
                NULLS NOT DISTINCT;
            """);
    }
}
