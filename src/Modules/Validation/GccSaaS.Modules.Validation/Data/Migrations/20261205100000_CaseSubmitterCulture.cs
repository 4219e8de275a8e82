using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Validation.Data.Migrations;

/// <summary>
/// The submitter's language on each case, so the mails about it (information requested, approved, denied) speak
/// it, as invitations keep their sender's. Cases submitted before (and rows written without it) are English, the
/// language they were mailed in.
/// </summary>
[DbContext(typeof(ValidationDbContext))]
[Migration("20261205100000_CaseSubmitterCulture")]
internal sealed class CaseSubmitterCulture : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE validation.cases ADD COLUMN culture varchar(10) NOT NULL DEFAULT 'en';
            """);
    }
}
