using System.Text;
using GccSaaS.BuildingBlocks.Data;
using Npgsql;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>
/// Row count and checksum (<c>md5</c> of the rows as JSON, in order) of every table of every application schema,
/// read as the owner role. Row-level security is forced for the owner too, so a fenced table is read once per
/// tenant (and once with no tenant); the snapshot keys are <c>schema.table</c> and <c>schema.table@tenant-id</c>.
/// </summary>
public sealed class DatabaseSnapshot
{
    /// <summary>
    /// What is left out, with why. Everything else (every table of every schema, hangfire and migrations included)
    /// must be byte-for-byte unchanged by a refused request.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ExcludedTables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // docs/api.md: with MS-RequestId a refusal (4xx) is the request's final answer and is stored for replay.
        ["idempotency.idempotent_requests"] = "stores the final answer of every write sent with MS-RequestId, refusals (4xx) included",
        // Issue 18: every request counts against the shared budgets, and a refused guess counts against the throttle.
        ["platform.rate_limit_counters"] = "counts every request, refused ones included (the shared request budgets)",
        ["platform.sign_in_throttle"] = "counts every wrong password or code, which a refused form post may be",
        ["idempotency.platform_idempotent_requests"] = "the same for platform writes (issue 18)",
        ["identity.platform_audit_entries"] = "appends the sign-ins of the test's own sessions (issue 18); a refused command's line rolls back with it",
    };

    /// <summary>Columns left out of a table's checksum (the rest of the table still counts).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ExcludedColumns = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // Stamped by authentication itself (at most once a minute per key), whatever the request then does.
        ["identity.api_keys"] = ["last_used_at"],
        ["identity.platform_api_keys"] = ["last_used_at"],
    };

    private static readonly string[] SystemSchemas = ["pg_catalog", "information_schema", "pg_toast"];

    private DatabaseSnapshot(IReadOnlyDictionary<string, (long Rows, string Checksum)> tables, IReadOnlyDictionary<string, string[]> rows)
    {
        Tables = tables;
        SmallTableRows = rows;
    }

    public IReadOnlyDictionary<string, (long Rows, string Checksum)> Tables { get; }

    /// <summary>The rows (as JSON, cut at 400 characters) of tables of at most 200 rows, to show what changed.</summary>
    public IReadOnlyDictionary<string, string[]> SmallTableRows { get; }

    /// <summary>The table of a snapshot key: <c>customers.customers</c> of <c>customers.customers@1a2b3c4d</c>.</summary>
    public static string TableOf(string key) => key.Split('@', ' ')[0];

    /// <summary>A snapshot of every table, or of the named tables only (cheaper, to find which request changed them).</summary>
    public static async Task<DatabaseSnapshot> TakeAsync(string ownerConnectionString, IReadOnlySet<string>? only = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            // A narrowed snapshot is taken to find which request changed a table: it keeps the small tables' rows too.
            return await ReadAllAsync(ownerConnectionString, only, withRows: only is not null);
        }
        finally
        {
            Interlocked.Increment(ref _taken);
            Interlocked.Add(ref _ticks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        }
    }

    private static long _taken;
    private static long _ticks;

    /// <summary>How many snapshots this process took and how long they took in all (for the tests' timing lines).</summary>
    public static string Statistics => $"{Interlocked.Read(ref _taken)} snapshots in {TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalSeconds:F1} s";

    private static async Task<DatabaseSnapshot> ReadAllAsync(string ownerConnectionString, IReadOnlySet<string>? only, bool withRows)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        var tables = new List<(string Schema, string Name, bool Fenced)>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT n.nspname, c.relname, c.relrowsecurity
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname <> ALL(@system) AND n.nspname NOT LIKE 'pg_temp%'
            ORDER BY 1, 2
            """, connection))
        {
            list.Parameters.AddWithValue("system", SystemSchemas);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var key = reader.GetString(0) + "." + reader.GetString(1);
                if (!ExcludedTables.ContainsKey(key) && (only is null || only.Contains(key)))
                {
                    tables.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
                }
            }
        }

        var tenants = new List<Guid>();
        await using (var list = new NpgsqlCommand("SELECT id FROM platform.tenants ORDER BY id", connection))
        {
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tenants.Add(reader.GetGuid(0));
            }
        }

        var result = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        // Without a tenant a fenced table shows no row, so it is read once per tenant only.
        await ReadAsync(connection, null, [.. tables.Where(t => !t.Fenced)], result, rows, withRows);
        foreach (var tenant in tenants)
        {
            await ReadAsync(connection, tenant, [.. tables.Where(t => t.Fenced)], result, rows, withRows);
        }

        return new DatabaseSnapshot(result, rows);
    }

    /// <summary>The tables whose count or checksum differ (or that appeared or disappeared), e.g. <c>customers.customers@… 3→4 rows</c>.</summary>
    public IReadOnlyList<string> ChangesSince(DatabaseSnapshot before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var changes = new List<string>();
        foreach (var key in Tables.Keys.Union(before.Tables.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.Tables.TryGetValue(key, out var b);
            var has = Tables.TryGetValue(key, out var a);
            if (had && has && a == b)
            {
                continue;
            }

            var change = !had ? $"{key} (new, {a.Rows} rows)" : !has ? $"{key} (gone)" : a.Rows != b.Rows ? $"{key} {b.Rows}→{a.Rows} rows" : $"{key} (rows changed)";
            if (before.SmallTableRows.TryGetValue(key, out var old) && SmallTableRows.TryGetValue(key, out var now))
            {
                var added = now.Except(old, StringComparer.Ordinal).Take(1).Select(r => " +" + Cut(r));
                var removed = old.Except(now, StringComparer.Ordinal).Take(1).Select(r => " -" + Cut(r));
                change += string.Concat(removed.Concat(added));
            }

            changes.Add(change);
        }

        return changes;
    }

    private static string Cut(string row) => row.Length <= 160 ? row : row[..160] + "…";

    private static async Task ReadAsync(NpgsqlConnection connection, Guid? tenant, List<(string Schema, string Name, bool Fenced)> tables, Dictionary<string, (long, string)> into, Dictionary<string, string[]> rows, bool withRows)
    {
        if (tables.Count == 0)
        {
            return;
        }

        var sql = new StringBuilder(TenantSql.SetLocalTenant(tenant));
        for (var i = 0; i < tables.Count; i++)
        {
            var (schema, name, _) = tables[i];
            var key = schema + "." + name;
            var row = ExcludedColumns.TryGetValue(key, out var columns)
                ? $"(to_jsonb(t) - ARRAY[{string.Join(", ", columns.Select(c => "'" + c + "'"))}]::text[])::text"
                : "to_jsonb(t)::text";
            sql.Append(i == 0 ? "SELECT " : " UNION ALL SELECT ")
                .Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(withRows
                    ? ", count(*), md5(coalesce(string_agg(r, '|' ORDER BY r), '')), CASE WHEN count(*) <= 200 THEN string_agg(left(r, 400), E'\\x1e' ORDER BY r) END FROM (SELECT "
                    : ", count(*), md5(coalesce(string_agg(r, '|' ORDER BY r), '')), NULL::text FROM (SELECT ")
                .Append(row).Append(" AS r FROM \"").Append(schema).Append("\".\"").Append(name).Append("\" t) s");
        }

        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                if (reader.FieldCount < 4)
                {
                    continue;
                }

                var (schema, name, fenced) = tables[reader.GetInt32(0)];
                var key = schema + "." + name + (fenced && tenant is { } t ? "@" + t.ToString("N") : string.Empty);
                into[key] = (reader.GetInt64(1), reader.GetString(2));
                if (!reader.IsDBNull(3))
                {
                    rows[key] = reader.GetString(3).Split('\u001e');
                }
                else if (reader.GetInt64(1) == 0)
                {
                    rows[key] = [];
                }
            }
        }
        while (await reader.NextResultAsync());
    }
}
