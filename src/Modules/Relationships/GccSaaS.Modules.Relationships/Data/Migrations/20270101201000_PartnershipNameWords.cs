using GccSaaS.BuildingBlocks.Data;
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
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE relationships.partnership_name_words (
                tenant_id uuid NOT NULL,
                word varchar(200) COLLATE "C" NOT NULL,
                partnership_id uuid NOT NULL,
                CONSTRAINT pk_partnership_name_words PRIMARY KEY (tenant_id, word, partnership_id),
                CONSTRAINT fk_partnership_name_words_partnerships FOREIGN KEY (tenant_id, partnership_id)
                    REFERENCES relationships.partnerships (tenant_id, id) ON DELETE CASCADE
            );
            CREATE INDEX ix_partnership_name_words_partnership ON relationships.partnership_name_words (tenant_id, partnership_id);

            -- The words of a reseller name (lower-case), split at spaces and punctuation as ResellerSearchWords splits a
            -- search; the PartnerID counts as one more word.
            CREATE FUNCTION relationships.partnership_words(reseller_name text, partner_id text) RETURNS SETOF text
                LANGUAGE sql IMMUTABLE AS $$
                    SELECT w FROM regexp_split_to_table(lower(reseller_name), '[[:space:],.;:!?()&/+_@#*|-]+') AS w WHERE w <> ''
                    UNION SELECT lower(partner_id) WHERE partner_id <> ''
                $$;

            CREATE FUNCTION relationships.index_partnership_words() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    DELETE FROM relationships.partnership_name_words WHERE tenant_id = OLD.tenant_id AND partnership_id = OLD.id;
                END IF;
                INSERT INTO relationships.partnership_name_words (tenant_id, word, partnership_id)
                SELECT NEW.tenant_id, left(w, 200), NEW.id FROM relationships.partnership_words(NEW.reseller_name, NEW.partner_id) AS w
                ON CONFLICT DO NOTHING;
                RETURN NULL;
            END
            $$;

            CREATE TRIGGER partnerships_index_words AFTER INSERT OR UPDATE OF reseller_name, partner_id ON relationships.partnerships
                FOR EACH ROW EXECUTE FUNCTION relationships.index_partnership_words();
            """);
        migrationBuilder.EnableTenantRowLevelSecurity("partnership_name_words", RelationshipsDbContext.SchemaName);

        // The partnerships there are already: the owner reads every tenant's rows only while the fence is lifted here.
        migrationBuilder.Sql("""
            ALTER TABLE relationships.partnerships NO FORCE ROW LEVEL SECURITY;
            ALTER TABLE relationships.partnership_name_words NO FORCE ROW LEVEL SECURITY;
            INSERT INTO relationships.partnership_name_words (tenant_id, word, partnership_id)
            SELECT p.tenant_id, left(w, 200), p.id FROM relationships.partnerships p, relationships.partnership_words(p.reseller_name, p.partner_id) AS w
            ON CONFLICT DO NOTHING;
            ALTER TABLE relationships.partnerships FORCE ROW LEVEL SECURITY;
            ALTER TABLE relationships.partnership_name_words FORCE ROW LEVEL SECURITY;
            """);
    }
}
