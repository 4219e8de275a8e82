using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Data.Migrations;

/// <summary>
/// Issue 18 (abuse): the counters every host shares. <c>rate_limit_counters</c> holds one row per (key, fixed
/// window), bumped by one upsert per request; <c>sign_in_throttle</c> holds the failed guesses per account and per
/// source with the time before which the next guess is refused. Keys name a tenant, a user, an address or a hash of
/// an account name, never a tenant's data, and every host must read them across tenants: platform data, no RLS.
/// The abuse sweep deletes expired rows.
/// </summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261225000000_CreateRateLimitsAndSignInThrottle")]
internal sealed class CreateRateLimitsAndSignInThrottle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE platform.rate_limit_counters (
                key varchar(200) NOT NULL,
                window_start timestamptz NOT NULL,
                count integer NOT NULL,
                expires_at timestamptz NOT NULL,
                CONSTRAINT pk_rate_limit_counters PRIMARY KEY (key, window_start)
            );
            CREATE INDEX ix_rate_limit_counters_expires_at ON platform.rate_limit_counters (expires_at);

            CREATE TABLE platform.sign_in_throttle (
                key varchar(200) NOT NULL,
                failures integer NOT NULL,
                blocked_until timestamptz NULL,
                expires_at timestamptz NOT NULL,
                CONSTRAINT pk_sign_in_throttle PRIMARY KEY (key)
            );
            CREATE INDEX ix_sign_in_throttle_expires_at ON platform.sign_in_throttle (expires_at);
            """);
    }
}
