using GccSaaS.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Web.Migrations;

/// <summary><c>MS-RequestId</c> records of the /v1 API (R-PC-10), one per tenant and request id, fenced by tenant.</summary>
[DbContext(typeof(IdempotencyDbContext))]
[Migration("20261215000100_CreateIdempotentRequests")]
internal sealed class CreateIdempotentRequests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateModuleSchema(IdempotencyDbContext.SchemaName);
        migrationBuilder.Sql(IdempotencyTableSql.Create("idempotent_requests", "tenant_id"));
        migrationBuilder.EnableTenantRowLevelSecurity("idempotent_requests", IdempotencyDbContext.SchemaName);
    }
}
