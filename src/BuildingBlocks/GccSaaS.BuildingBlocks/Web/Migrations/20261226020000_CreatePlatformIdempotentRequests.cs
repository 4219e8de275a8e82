using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Web.Migrations;

/// <summary>
/// Issue 18: <c>MS-RequestId</c> records of platform writes (<c>/v1/platform/…</c>), which have no tenant: one per caller
/// (the platform key's owner) and request id. A platform table (no tenant_id, no row-level security); every statement
/// names the owner.
/// </summary>
[DbContext(typeof(IdempotencyDbContext))]
[Migration("20261226020000_CreatePlatformIdempotentRequests")]
internal sealed class CreatePlatformIdempotentRequests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(IdempotencyTableSql.Create("platform_idempotent_requests", "owner_id"));
    }
}
