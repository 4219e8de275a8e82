using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Relationships.Data.Migrations;

/// <summary>
/// Issue 16: the Indirect resellers search (R-REL-2) finds a word anywhere in the reseller's name, or the start of its
/// PartnerID, still index-backed — the same way as the customers search (Customers' CustomerNameWords): under
/// row-level security PostgreSQL uses only leakproof operators as index conditions, so neither ILIKE '%word%' nor a
/// trigram index can serve it. Every word of a partnership's reseller name, and its PartnerID, is a row of
/// partnership_name_words (tenant-owned, RLS) in collation "C", and each word typed is one key range on its primary
/// key. A trigger keeps the words in step with the name in the same statement.
/// </summary>
[DbContext(typeof(RelationshipsDbContext))]
[Migration("20270101201000_PartnershipNameWords")]
internal sealed class PartnershipNameWords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateWordIndex(new WordIndex(
            RelationshipsDbContext.SchemaName, Entity: "partnership", SourceTable: "partnerships", SourceKey: "id",
            WordsKey: "partnership_id", NameColumn: "reseller_name", WholeColumn: "partner_id", WordLength: 200));
}
