using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Data.Migrations;

/// <summary>
/// Which (module, tenant) pairs have outbox work, so the frequent sweep visits those instead of every
/// tenant times every module. It names a tenant but holds none of its data (no payload), and the sweep
/// must read it across tenants: platform data, no RLS.
/// </summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261121000600_CreateOutboxSignals")]
internal sealed class CreateOutboxSignals : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE platform.outbox_signals (
                module_schema varchar(63) NOT NULL,
                tenant_id uuid NOT NULL,
                touched_at timestamptz NOT NULL,
                CONSTRAINT pk_outbox_signals PRIMARY KEY (module_schema, tenant_id)
            );
            CREATE INDEX ix_outbox_signals_touched_at ON platform.outbox_signals (touched_at);
            """);
    }
}
