using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Validation.Data.Migrations;

/// <summary>
/// Issue 16: a tenant's own cases list pages by the time-ordered case id, newest or oldest first. One b-tree per
/// access path, the submitting tenant first: the tenant's whole list, and a reseller's cases (R-VAL-6).
/// </summary>
[DbContext(typeof(ValidationDbContext))]
[Migration("20261231142000_OwnCasesByTenantAndId")]
internal sealed class OwnCasesByTenantAndId : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX ix_cases_submitted_by_tenant_id_id ON validation.cases (submitted_by_tenant_id, id);
            CREATE INDEX ix_cases_submitted_by_tenant_id_reseller_id
                ON validation.cases (submitted_by_tenant_id, submitted_for_reseller_organisation_id, id);
            """);
    }
}
