using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>
/// Identity's outbox and inbox, fenced by tenant, in the schema the identity store created (its migrations share the
/// schema's history table; each context applies only its own).
/// </summary>
[DbContext(typeof(IdentityModuleDbContext))]
[Migration("20261205000000_CreateIdentityOutboxAndInbox")]
internal sealed class CreateIdentityOutboxAndInbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateModuleSchema(GccSaaSIdentityDbContext.SchemaName);
        migrationBuilder.CreateOutboxAndInbox(GccSaaSIdentityDbContext.SchemaName);
    }
}
