using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// Issue 16: the one way a list searches by any word of a name, index-backed under row-level security. PostgreSQL
/// uses only leakproof operators as index conditions on a table under RLS, so neither <c>LIKE '%word%'</c> nor a
/// trigram or full-text index can serve such a search; instead every word of the name (and one whole column, such as a
/// domain or a PartnerID) is a row of a tenant-owned words table in collation "C", kept in step by a trigger in the same
/// statement, and each word typed is one key range on its primary key. <see cref="Of"/> splits a search exactly as
/// the database splits a name.
/// </summary>
/// <param name="Schema">The module's schema.</param>
/// <param name="Entity">The singular of what is searched (<c>customer</c>): the words table is <c>{Entity}_name_words</c>.</param>
/// <param name="SourceTable">The table whose rows are searched.</param>
/// <param name="SourceKey">The source row's key besides <c>tenant_id</c>.</param>
/// <param name="WordsKey">The column of the words table that holds <paramref name="SourceKey"/>.</param>
/// <param name="NameColumn">The column split into words.</param>
/// <param name="WholeColumn">A column that counts as one more word, whole.</param>
/// <param name="WordLength">The longest word kept.</param>
public sealed partial record WordIndex(
    string Schema, string Entity, string SourceTable, string SourceKey, string WordsKey, string NameColumn, string WholeColumn, int WordLength)
{
    /// <summary>The characters, besides white space, at which a name is split into words (in C# and in SQL alike).</summary>
    private const string Punctuation = ",.;:!?()&/+_@#*|-";

    /// <summary>The most words of a search that are looked up.</summary>
    public const int MaxSearchWords = 5;

    /// <summary>
    /// The words of a search as the database splits a name: lower-case, split at white space and punctuation, at most
    /// <see cref="MaxSearchWords"/>. With <paramref name="dottedTextIsOneWord"/>, a text with a dot and no space (the
    /// start of a domain) stays whole.
    /// </summary>
    public static IReadOnlyList<string> Of(string? search, bool dottedTextIsOneWord = false)
    {
        var text = search?.Trim().ToLowerInvariant() ?? string.Empty;
        if (text.Length == 0)
        {
            return [];
        }

        if (dottedTextIsOneWord && text.Contains('.', StringComparison.Ordinal) && !text.Any(char.IsWhiteSpace))
        {
            return [text];
        }

        return [.. Separators().Split(text).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxSearchWords)];
    }

    /// <summary>The words table, the function that splits a row, the trigger that keeps it in step, RLS, and the rows there are already.</summary>
    internal string CreateSql()
    {
        var words = $"{Schema}.{Entity}_name_words";
        var source = $"{Schema}.{SourceTable}";
        return $"""
            CREATE TABLE {words} (
                tenant_id uuid NOT NULL,
                word varchar({WordLength}) COLLATE "C" NOT NULL,
                {WordsKey} uuid NOT NULL,
                CONSTRAINT pk_{Entity}_name_words PRIMARY KEY (tenant_id, word, {WordsKey}),
                CONSTRAINT fk_{Entity}_name_words_{SourceTable} FOREIGN KEY (tenant_id, {WordsKey})
                    REFERENCES {source} (tenant_id, {SourceKey}) ON DELETE CASCADE
            );
            CREATE INDEX ix_{Entity}_name_words_{Entity} ON {words} (tenant_id, {WordsKey});

            CREATE FUNCTION {Schema}.{Entity}_words({NameColumn} text, {WholeColumn} text) RETURNS SETOF text
                LANGUAGE sql IMMUTABLE AS $$
                    SELECT w FROM regexp_split_to_table(lower({NameColumn}), '[[:space:]{Punctuation}]+') AS w WHERE w <> ''
                    UNION SELECT lower({WholeColumn}) WHERE {WholeColumn} <> ''
                $$;

            CREATE FUNCTION {Schema}.index_{Entity}_words() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    DELETE FROM {words} WHERE tenant_id = OLD.tenant_id AND {WordsKey} = OLD.{SourceKey};
                END IF;
                INSERT INTO {words} (tenant_id, word, {WordsKey})
                SELECT NEW.tenant_id, left(w, {WordLength}), NEW.{SourceKey} FROM {Schema}.{Entity}_words(NEW.{NameColumn}, NEW.{WholeColumn}) AS w
                ON CONFLICT DO NOTHING;
                RETURN NULL;
            END
            $$;

            CREATE TRIGGER {SourceTable}_index_words AFTER INSERT OR UPDATE OF {NameColumn}, {WholeColumn} ON {source}
                FOR EACH ROW EXECUTE FUNCTION {Schema}.index_{Entity}_words();
            """;
    }

    /// <summary>The rows there are already: the owner reads every tenant's rows only while the fence is lifted here.</summary>
    internal string BackfillSql()
    {
        var words = $"{Schema}.{Entity}_name_words";
        var source = $"{Schema}.{SourceTable}";
        return $"""
            ALTER TABLE {source} NO FORCE ROW LEVEL SECURITY;
            ALTER TABLE {words} NO FORCE ROW LEVEL SECURITY;
            INSERT INTO {words} (tenant_id, word, {WordsKey})
            SELECT s.tenant_id, left(w, {WordLength}), s.{SourceKey} FROM {source} s, {Schema}.{Entity}_words(s.{NameColumn}, s.{WholeColumn}) AS w
            ON CONFLICT DO NOTHING;
            ALTER TABLE {source} FORCE ROW LEVEL SECURITY;
            ALTER TABLE {words} FORCE ROW LEVEL SECURITY;
            """;
    }

    [GeneratedRegex(@"[\s" + Punctuation + "]+")]
    private static partial Regex Separators();
}

/// <summary>What a module migration calls to create a <see cref="WordIndex"/>.</summary>
public static class WordIndexMigrationExtensions
{
    /// <summary>Creates the words table (tenant-owned, under RLS), its trigger, and the words of the rows there are already.</summary>
    public static void CreateWordIndex(this MigrationBuilder migrationBuilder, WordIndex index)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        ArgumentNullException.ThrowIfNull(index);
        migrationBuilder.Sql(index.CreateSql());
        migrationBuilder.EnableTenantRowLevelSecurity($"{index.Entity}_name_words", index.Schema);
        migrationBuilder.Sql(index.BackfillSql());
    }
}
