using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Notifications.Data.Migrations;

/// <summary>
/// Issue 16 item 7: a notification keeps the sender's texts in the portal's other languages (culture → [subject, body]),
/// so the centre shows each reader their own language. A new column of a table already fenced by tenant (its
/// row-level security policy covers it).
/// </summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20270101200000_NotificationTranslations")]
internal sealed class NotificationTranslations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE notifications.notifications ADD COLUMN translations jsonb NULL;");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE notifications.notifications DROP COLUMN translations;");
}
