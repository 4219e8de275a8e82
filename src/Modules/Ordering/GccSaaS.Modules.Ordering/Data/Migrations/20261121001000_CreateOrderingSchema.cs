using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Ordering.Data.Migrations;

/// <summary>The module's schema with its outbox and inbox, fenced by tenant.</summary>
[DbContext(typeof(OrderingDbContext))]
[Migration("20261121001000_CreateOrderingSchema")]
internal sealed class CreateOrderingSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateModuleSchema(OrderingDbContext.SchemaName);
        migrationBuilder.CreateOutboxAndInbox(OrderingDbContext.SchemaName);
    }
}
