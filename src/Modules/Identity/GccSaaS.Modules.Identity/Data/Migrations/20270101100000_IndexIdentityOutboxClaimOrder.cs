using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>Issue 19: the outbox claim's order served by a partial index (see <see cref="MessagingMigrationExtensions.IndexOutboxClaimOrder"/>).</summary>
[DbContext(typeof(IdentityModuleDbContext))]
[Migration("20270101100000_IndexIdentityOutboxClaimOrder")]
internal sealed class IndexIdentityOutboxClaimOrder : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.IndexOutboxClaimOrder(GccSaaSIdentityDbContext.SchemaName);
}
