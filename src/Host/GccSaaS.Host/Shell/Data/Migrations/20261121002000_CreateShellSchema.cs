using GccSaaS.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Host.Shell.Data.Migrations;

[DbContext(typeof(ShellDbContext))]
[Migration("20261121002000_CreateShellSchema")]
internal sealed class CreateShellSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateModuleSchema(ShellDbContext.SchemaName);
        migrationBuilder.CreateOutboxAndInbox(ShellDbContext.SchemaName);
    }
}
