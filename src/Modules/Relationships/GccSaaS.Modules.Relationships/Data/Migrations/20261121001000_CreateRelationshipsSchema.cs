using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Relationships.Data.Migrations;

/// <summary>The module's schema with its outbox and inbox, fenced by tenant.</summary>
[DbContext(typeof(RelationshipsDbContext))]
[Migration("20261121001000_CreateRelationshipsSchema")]
internal sealed class CreateRelationshipsSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateModuleSchema(RelationshipsDbContext.SchemaName);
        migrationBuilder.CreateOutboxAndInbox(RelationshipsDbContext.SchemaName);
    }
}
