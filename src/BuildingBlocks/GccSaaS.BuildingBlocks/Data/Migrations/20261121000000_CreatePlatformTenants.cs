using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Data.Migrations;

[DbContext(typeof(PlatformDbContext))]
[Migration("20261121000000_CreatePlatformTenants")]
internal sealed class CreatePlatformTenants : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateModuleSchema(PlatformDbContext.Schema);
        migrationBuilder.Sql("""
            CREATE TABLE platform.tenants (
                id uuid NOT NULL,
                identifier varchar(63) NOT NULL,
                name varchar(200) NOT NULL,
                status varchar(20) NOT NULL,
                created_at timestamptz NOT NULL,
                CONSTRAINT pk_tenants PRIMARY KEY (id),
                CONSTRAINT ck_tenants_identifier CHECK (identifier ~ '^[a-z0-9][a-z0-9-]{1,62}$')
            );
            CREATE UNIQUE INDEX ux_tenants_identifier ON platform.tenants (identifier);
            -- The platform's tenants are not tenant data: the application reads and adds them, never deletes.
            REVOKE DELETE, TRUNCATE ON platform.tenants FROM gccsaas_app;
            """);
    }
}
