using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Customers.Data.Migrations;

/// <summary>The module's schema with its outbox and inbox, fenced by tenant.</summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("20261121001000_CreateCustomersSchema")]
internal sealed class CreateCustomersSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateModuleSchema(CustomersDbContext.SchemaName);
        migrationBuilder.CreateOutboxAndInbox(CustomersDbContext.SchemaName);
    }
}
