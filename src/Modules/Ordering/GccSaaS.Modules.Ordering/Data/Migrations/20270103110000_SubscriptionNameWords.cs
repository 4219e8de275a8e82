using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Ordering.Data.Migrations;

/// <summary>
/// Issue 16: the provider-wide subscriptions list is searched by any word of the offer's name, or the start of its
/// offer id, index-backed the same way as the customers and indirect resellers searches (<see cref="WordIndex"/>):
/// under row-level security PostgreSQL uses only leakproof operators as index conditions, so no LIKE can serve it.
/// Every word of a subscription's offer name, and its offer id, is a row of subscription_name_words (tenant-owned,
/// RLS) in collation "C"; each word typed is one key range on its primary key; a trigger keeps the words in step in
/// the same statement. The customer's name lives in the Customers module's schema and is not searched here.
/// </summary>
[DbContext(typeof(OrderingDbContext))]
[Migration("20270103110000_SubscriptionNameWords")]
internal sealed class SubscriptionNameWords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateWordIndex(new WordIndex(
            OrderingDbContext.SchemaName, Entity: "subscription", SourceTable: "subscriptions", SourceKey: "id",
            WordsKey: "subscription_id", NameColumn: "offer_name", WholeColumn: "offer_id", WordLength: 200));
}
