using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Customers.Data.Migrations;

/// <summary>Issue 19: the outbox claim's order served by a partial index (see <see cref="MessagingMigrationExtensions.IndexOutboxClaimOrder"/>).</summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("20270101100200_IndexCustomersOutboxClaimOrder")]
internal sealed class IndexCustomersOutboxClaimOrder : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.IndexOutboxClaimOrder(CustomersDbContext.SchemaName);
}
