using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Notifications.Data.Migrations;

/// <summary>Issue 19: the outbox claim's order served by a partial index (see <see cref="MessagingMigrationExtensions.IndexOutboxClaimOrder"/>).</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20270101100100_IndexNotificationsOutboxClaimOrder")]
internal sealed class IndexNotificationsOutboxClaimOrder : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.IndexOutboxClaimOrder(NotificationsDbContext.SchemaName);
}
