using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Ordering.Data.Migrations;

/// <summary>Issue 19: the outbox claim's order served by a partial index (see <see cref="MessagingMigrationExtensions.IndexOutboxClaimOrder"/>).</summary>
[DbContext(typeof(OrderingDbContext))]
[Migration("20270101100400_IndexOrderingOutboxClaimOrder")]
internal sealed class IndexOrderingOutboxClaimOrder : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.IndexOutboxClaimOrder(OrderingDbContext.SchemaName);
}
