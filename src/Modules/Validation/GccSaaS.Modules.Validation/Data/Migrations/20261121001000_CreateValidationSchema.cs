using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Validation.Data.Migrations;

/// <summary>The module's schema with its outbox and inbox, fenced by tenant.</summary>
[DbContext(typeof(ValidationDbContext))]
[Migration("20261121001000_CreateValidationSchema")]
internal sealed class CreateValidationSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateModuleSchema(ValidationDbContext.SchemaName);
        migrationBuilder.CreateOutboxAndInbox(ValidationDbContext.SchemaName);
    }
}
