using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Validation.Data.Migrations;

/// <summary>
/// Issue 18, defence in depth (ADR 0021, superseding ADR 0010's "platform-level, no tenant"): a validation case belongs
/// to the tenant that submitted it, under forced row-level security by <c>submitted_by_tenant_id</c>; its events and SLA
/// reminders follow their case (a policy that asks whether the case is visible). The review desk, which reads every
/// tenant's cases, is the one named path across tenants: the <c>validation_review</c> platform path
/// (<see cref="PlatformAccess"/>), entered only after the caller's Validation reviewer role is checked. A reviewer's
/// act itself runs in the submitting tenant's scope, as before.
/// </summary>
[DbContext(typeof(ValidationDbContext))]
[Migration("20261224002000_FenceValidationCases")]
internal sealed class FenceValidationCases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        const string submitter = "submitted_by_tenant_id = nullif(current_setting('" + DatabaseRoles.TenantSetting + "', true), '')::uuid";
        const string reviewDesk = "current_setting('" + PlatformAccess.Setting + "', true) = '" + PlatformAccess.ValidationReview + "'";
        const string caseVisible = "EXISTS (SELECT 1 FROM validation.cases c WHERE c.id = case_id)";
        migrationBuilder.Sql($"""
            ALTER TABLE validation.cases ENABLE ROW LEVEL SECURITY;
            ALTER TABLE validation.cases FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON validation.cases USING ({submitter}) WITH CHECK ({submitter});
            CREATE POLICY review_desk ON validation.cases FOR SELECT USING ({reviewDesk});

            ALTER TABLE validation.case_events ENABLE ROW LEVEL SECURITY;
            ALTER TABLE validation.case_events FORCE ROW LEVEL SECURITY;
            CREATE POLICY through_case ON validation.case_events USING ({caseVisible}) WITH CHECK ({caseVisible});

            ALTER TABLE validation.sla_reminders ENABLE ROW LEVEL SECURITY;
            ALTER TABLE validation.sla_reminders FORCE ROW LEVEL SECURITY;
            CREATE POLICY through_case ON validation.sla_reminders USING ({caseVisible}) WITH CHECK ({caseVisible});
            """);
    }
}
