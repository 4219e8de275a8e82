using GccSaaS.BuildingBlocks.Data;
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
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE customers.customer_name_words (
                tenant_id uuid NOT NULL,
                word varchar(300) COLLATE "C" NOT NULL,
                customer_tenant_id uuid NOT NULL,
                CONSTRAINT pk_customer_name_words PRIMARY KEY (tenant_id, word, customer_tenant_id),
                CONSTRAINT fk_customer_name_words_customers FOREIGN KEY (tenant_id, customer_tenant_id)
                    REFERENCES customers.customers (tenant_id, customer_tenant_id) ON DELETE CASCADE
            );
            CREATE INDEX ix_customer_name_words_customer ON customers.customer_name_words (tenant_id, customer_tenant_id);

            -- The words of a name (already lower-case): split at spaces and punctuation, as CustomerSearchWords splits
            -- a search; the whole domain counts as one more word.
            CREATE FUNCTION customers.customer_words(sort_name text, domain text) RETURNS SETOF text
                LANGUAGE sql IMMUTABLE AS $$
                    SELECT w FROM regexp_split_to_table(sort_name, '[[:space:],.;:!?()&/+_@#*|-]+') AS w WHERE w <> ''
                    UNION SELECT lower(domain)
                $$;

            CREATE FUNCTION customers.index_customer_words() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    DELETE FROM customers.customer_name_words
                     WHERE tenant_id = OLD.tenant_id AND customer_tenant_id = OLD.customer_tenant_id;
                END IF;
                INSERT INTO customers.customer_name_words (tenant_id, word, customer_tenant_id)
                SELECT NEW.tenant_id, left(w, 300), NEW.customer_tenant_id FROM customers.customer_words(NEW.sort_name, NEW.domain) AS w
                ON CONFLICT DO NOTHING;
                RETURN NULL;
            END
            $$;

            CREATE TRIGGER customers_index_words AFTER INSERT OR UPDATE OF sort_name, domain ON customers.customers
                FOR EACH ROW EXECUTE FUNCTION customers.index_customer_words();
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("customer_name_words", CustomersDbContext.SchemaName);

        // The customers there are already: the owner reads every tenant's rows only while the fence is lifted here.
        migrationBuilder.Sql("""
            ALTER TABLE customers.customers NO FORCE ROW LEVEL SECURITY;
            ALTER TABLE customers.customer_name_words NO FORCE ROW LEVEL SECURITY;
            INSERT INTO customers.customer_name_words (tenant_id, word, customer_tenant_id)
            SELECT c.tenant_id, left(w, 300), c.customer_tenant_id FROM customers.customers c, customers.customer_words(c.sort_name, c.domain) AS w
            ON CONFLICT DO NOTHING;
            ALTER TABLE customers.customers FORCE ROW LEVEL SECURITY;
            ALTER TABLE customers.customer_name_words FORCE ROW LEVEL SECURITY;
            """);
    }
}
