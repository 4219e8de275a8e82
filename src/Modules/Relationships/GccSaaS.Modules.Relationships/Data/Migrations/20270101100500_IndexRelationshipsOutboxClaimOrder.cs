using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Relationships.Data.Migrations;

/// <summary>Issue 19: the outbox claim's order served by a partial index (see <see cref="MessagingMigrationExtensions.IndexOutboxClaimOrder"/>).</summary>
[DbContext(typeof(RelationshipsDbContext))]
[Migration("20270101100500_IndexRelationshipsOutboxClaimOrder")]
internal sealed class IndexRelationshipsOutboxClaimOrder : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.IndexOutboxClaimOrder(RelationshipsDbContext.SchemaName);
}
