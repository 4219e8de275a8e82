using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Identity.Data.Migrations;

/// <summary>
/// Issue 18: accounts are no longer locked after failed sign-ins (that was a weapon against known admins and told
/// who exists); guesses are throttled per account and per source instead. Existing users stop taking part in
/// Identity's lockout, and locks still running end now.
/// </summary>
[DbContext(typeof(GccSaaSIdentityDbContext))]
[Migration("20261225000100_EndAccountLockouts")]
internal sealed class EndAccountLockouts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            UPDATE identity.users SET lockout_enabled = false, lockout_end = NULL, access_failed_count = 0
             WHERE lockout_enabled OR lockout_end IS NOT NULL OR access_failed_count <> 0;
            """);
    }
}
