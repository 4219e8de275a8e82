using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Partners.Data.Migrations;

/// <summary>The module's schema with its outbox and inbox, fenced by tenant.</summary>
[DbContext(typeof(PartnersDbContext))]
[Migration("20261121001000_CreatePartnersSchema")]
internal sealed class CreatePartnersSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateModuleSchema(PartnersDbContext.SchemaName);
        migrationBuilder.CreateOutboxAndInbox(PartnersDbContext.SchemaName);
    }
}
