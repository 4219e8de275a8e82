using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.Modules.Customers.Data.Migrations;

/// <summary>
/// Issue 16: the customer search finds a word anywhere in the name (and the domain), still index-backed. Under
/// row-level security PostgreSQL uses only leakproof operators as index conditions, so neither LIKE '%word%' nor a
/// trigram or full-text index can serve it; instead every word of a customer's name, and its domain, is a row of
/// customer_name_words (tenant-owned, RLS), and the search is one key range per word typed on its primary key, in
/// collation "C" like the list's name. A trigger keeps the words in step with the name and the domain in the same
/// statement, whoever writes the customer.
/// </summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("20261231143000_CustomerNameWords")]
internal sealed class CustomerNameWords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateWordIndex(new WordIndex(
            CustomersDbContext.SchemaName, Entity: "customer", SourceTable: "customers", SourceKey: "customer_tenant_id",
            WordsKey: "customer_tenant_id", NameColumn: "sort_name", WholeColumn: "domain", WordLength: 300));
}
