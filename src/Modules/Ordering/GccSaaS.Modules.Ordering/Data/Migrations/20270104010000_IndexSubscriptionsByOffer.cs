using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Ordering.Data.Migrations;

/// <summary>
/// Issue 16: the provider-wide subscriptions list filtered by offer. Its one sort is by purchase (id order, either way),
/// which the primary key on (tenant_id, id) serves for the whole list; this index mirrors it with offer_id after
/// tenant_id, so one tenant's subscriptions of one offer are one range read in either direction and a page stops after
/// its rows (no per-subscription copy of the offer's name: the filter is by offer id, the name comes from the catalogue).
/// </summary>
[DbContext(typeof(OrderingDbContext))]
[Migration("20270104010000_IndexSubscriptionsByOffer")]
internal sealed class IndexSubscriptionsByOffer : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("CREATE INDEX ix_subscriptions_tenant_id_offer_id_id ON ordering.subscriptions (tenant_id, offer_id, id);");
}
