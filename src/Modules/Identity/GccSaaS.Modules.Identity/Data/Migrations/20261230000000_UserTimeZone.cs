using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>The time zone a user picked for the portal's times (null follows the browser's).</summary>
[DbContext(typeof(GccSaaSIdentityDbContext))]
[Migration("20261230000000_UserTimeZone")]
internal sealed class UserTimeZone : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE identity.users ADD COLUMN time_zone varchar(64) NULL;");
}
