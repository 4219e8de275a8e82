using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Identity;
using Npgsql;
using Xunit.Abstractions;

namespace GccSaaS.IntegrationTests.Tenancy;

/// <summary>
/// Issue 18, defence in depth (ADR 0021): PostgreSQL's catalogue over every schema, not only the modules'. Every table
/// with a <c>tenant_id</c> column is under forced row-level security with a tenant policy that binds the application
/// role; every other table is named below as a platform table, with why, so a new table fails here until somebody
/// classifies it. Then one generated test takes every tenant table of the seeded demo platform and, as the application
/// role with raw SQL, proves that another tenant's rows cannot be read, updated, deleted or inserted.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class RowLevelSecurityCatalogueTests(IdentityFixture fixture, ITestOutputHelper output)
{
    /// <summary>Tables without <c>tenant_id</c>: platform-level by design. Adding a table means adding it here, or fencing it.</summary>
    private static readonly Dictionary<string, string> PlatformTables = new(StringComparer.Ordinal)
    {
        // Tenants themselves and the platform's machinery: no tenant owns them.
        ["platform.tenants"] = "the tenant store: resolving a URL's tenant reads it before any tenant is set",
        ["hangfire.*"] = "Hangfire's own schema (ADR 0004): job state, runs for every tenant in a fresh scope",
        // Users are platform-wide (a reseller signs in once and switches tenant, ADR 0006); their tenant data lives in
        // identity.memberships, which is fenced.
        ["identity.users"] = "platform-wide accounts",
        ["identity.roles"] = "platform roles only",
        ["identity.user_roles"] = "platform roles held",
        ["identity.user_claims"] = "ASP.NET Core Identity, per user",
        ["identity.user_logins"] = "ASP.NET Core Identity, per user",
        ["identity.user_tokens"] = "ASP.NET Core Identity, per user (authenticator keys, recovery codes)",
        ["identity.role_claims"] = "ASP.NET Core Identity, per platform role",
        ["identity.platform_api_keys"] = "a platform user's key for /v1/platform (ADR 0011): no tenant",
        ["identity.data_protection_keys"] = "the host-shared key ring, append-only for the application role",
        ["identity.password_reset_tokens"] = "hashes of a platform-wide user's password reset links (issue 18): no tenant owns an account",
        ["idempotency.platform_idempotent_requests"] = "MS-RequestId replay of platform writes, keyed by the platform caller (issue 18)",
        // Abuse budgets are shared by every host and counted before any tenant is known (issue 18).
        ["platform.rate_limit_counters"] = "request budgets per tenant, source or user, shared by every host",
        ["platform.sign_in_throttle"] = "guess counters per hashed account name and per source, before any tenant is known",
        // The partner directory is the provider-independent register of organisations (ADR 0009).
        ["partners.partner_organisations"] = "the directory",
        ["partners.listing_change_requests"] = "reviewed by the platform across tenants",
        // Customer tenants are the customers' own, shared by every provider that serves them (ADR 0014, 0020).
        ["customers.customer_tenants"] = "a customer tenant, served by several providers",
        ["customers.customer_tenant_admins"] = "password hashes: no plain SELECT of the hash by the application role, definer functions only (ADR 0021)",
        ["customers.customer_qualifications"] = "vetted by the platform for the customer tenant",
        ["customers.direct_subscriptions"] = "the customer tenant's direct purchases",
        ["customers.customer_tenant_providers"] = "which providers serve a customer tenant (ADR 0020)",
        // Ordering's catalogue is the provider-independent offer list and price list (issue 14).
        ["ordering.offers"] = "the offer catalogue",
        ["ordering.offer_prices"] = "the offer catalogue's prices",
    };

    /// <summary>
    /// The one table with a <c>tenant_id</c> that is not a tenant's data: it only says which (module, tenant) pairs have
    /// outbox work, with no payload, and the outbox sweep must read it across tenants to find them (ADR 0003). Adding a
    /// table here needs the same argument: it names a tenant but holds nothing of it.
    /// </summary>
    private static readonly Dictionary<string, string> NamesATenantButHoldsNoneOfItsData = new(StringComparer.Ordinal)
    {
        ["platform.outbox_signals"] = "which module has outbox work for which tenant; the sweep reads it across tenants",
        // Issue 16: the platform's own log (sign-ins, tenant creation, platform operators' acts), append-only, read by
        // platform admins across tenants; tenant_id only says which tenant an act concerned, to filter the log by it.
        ["identity.platform_audit_entries"] = "the platform's audit log; tenant_id names the tenant an act concerned, for the platform admin's filter",
    };

    /// <summary>
    /// Tenant tables whose tenant is not a <c>tenant_id</c> column: fenced all the same (forced, with a policy for every
    /// command that binds the application role). The column, where there is one, is what the generated test attacks.
    /// </summary>
    private static readonly Dictionary<string, string?> FencedByAnotherColumn = new(StringComparer.Ordinal)
    {
        ["validation.cases"] = "submitted_by_tenant_id", // the submitting tenant; the review desk reads on its named path
        ["validation.case_events"] = null, // visible when its case is
        ["validation.sla_reminders"] = null, // visible when its case is
    };

    [Fact]
    public async Task Every_table_in_every_schema_is_a_fenced_tenant_table_or_a_listed_platform_table()
    {
        var tables = await ReadCatalogueAsync();
        var problems = new List<string>();
        foreach (var table in tables)
        {
            if (FencedByAnotherColumn.ContainsKey(table.Name))
            {
                if (!table.RowSecurity || !table.ForceRowSecurity || !table.AppPolicy)
                {
                    problems.Add($"{table.Name}: a tenant table by another column, but not under forced row-level security with a policy for the application role");
                }

                continue;
            }

            if (NamesATenantButHoldsNoneOfItsData.ContainsKey(table.Name))
            {
                continue;
            }

            if (!table.HasTenantId)
            {
                if (!IsPlatformTable(table.Name))
                {
                    problems.Add($"{table.Name}: no tenant_id and not in the list of platform tables (fence it, or list it with why)");
                }

                continue;
            }

            if (!table.RowSecurity) problems.Add($"{table.Name}: row-level security is not enabled");
            if (!table.ForceRowSecurity) problems.Add($"{table.Name}: row-level security is not forced");
            if (!table.AppTenantPolicy) problems.Add($"{table.Name}: no policy for all commands that binds the application role to app.tenant_id in USING and WITH CHECK");
        }

        var stale = PlatformTables.Keys.Concat(NamesATenantButHoldsNoneOfItsData.Keys).Concat(FencedByAnotherColumn.Keys).Where(k => !k.EndsWith(".*", StringComparison.Ordinal) && tables.All(t => t.Name != k)).ToList();
        problems.AddRange(stale.Select(k => $"{k}: listed as a platform table but not in the database"));
        Assert.True(tables.Count(t => t.HasTenantId) >= 30, $"expected the modules' tenant tables, found {tables.Count(t => t.HasTenantId)}");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Identity_memberships_api_keys_and_invitations_are_tenant_tables_now()
    {
        var tables = await ReadCatalogueAsync();
        foreach (var name in new[] { "identity.memberships", "identity.api_keys", "identity.user_invitations" })
        {
            var table = Assert.Single(tables, t => t.Name == name);
            Assert.True(table.HasTenantId && table.RowSecurity && table.ForceRowSecurity && table.AppTenantPolicy, name);
        }
    }

    /// <summary>
    /// One generated test across the catalogue: for every tenant table and every tenant that has rows there (the demo
    /// seed fills most of them), another tenant sees none of them, and its UPDATE and DELETE reach none of them (each in
    /// a transaction that is rolled back, so the seed stays); an INSERT of a row for another tenant is refused by the
    /// policy, before any constraint is checked, so it needs no valid row. No tenant set sees nothing.
    /// </summary>
    [Fact]
    public async Task As_the_application_role_every_tenant_table_refuses_another_tenants_rows_for_select_update_delete_and_insert()
    {
        var tables = (await ReadCatalogueAsync())
            .Where(t => !NamesATenantButHoldsNoneOfItsData.ContainsKey(t.Name))
            .Select(t => t.HasTenantId ? t : FencedByAnotherColumn.GetValueOrDefault(t.Name) is { } column ? t with { TenantColumn = column } : null)
            .OfType<CatalogueTable>()
            .ToList();
        var tenants = await TenantIdsAsync();
        Assert.True(tenants.Count >= 3, "the demo seed's tenants and customer tenants");

        var problems = new List<string>();
        var proven = new List<string>();
        var statements = 0;
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            var owners = new List<Guid>();
            statements += (tenants.Count * 2) + 5;
            foreach (var tenant in tenants)
            {
                var own = await ScalarAsync(connection, tenant, $"SELECT count(*) FROM {table.Quoted}");
                var foreign = await ScalarAsync(connection, tenant, $"SELECT count(*) FROM {table.Quoted} WHERE {table.TenantColumnQuoted} IS DISTINCT FROM @me", ("me", tenant));
                if (foreign != 0) problems.Add($"{table.Name}: tenant {tenant} reads {foreign} rows of other tenants");
                if (own > 0) owners.Add(tenant);
            }

            if (await ScalarAsync(connection, null, $"SELECT count(*) FROM {table.Quoted}") != 0)
            {
                problems.Add($"{table.Name}: with no tenant set, rows are visible");
            }

            // The attacker is a tenant other than one that holds rows (or any tenant, if none does).
            var victim = owners.FirstOrDefault();
            var attacker = tenants.First(t => t != victim);
            if (owners.Count > 0)
            {
                proven.Add(table.Name);
                var visibleToAttacker = await ScalarAsync(connection, attacker, $"SELECT count(*) FROM {table.Quoted} WHERE {table.TenantColumnQuoted} = @victim", ("victim", victim));
                if (visibleToAttacker != 0) problems.Add($"{table.Name}: SELECT of another tenant's rows found {visibleToAttacker}");
            }

            foreach (var (verb, sql) in new[]
            {
                ("UPDATE", $"UPDATE {table.Quoted} SET {table.TenantColumnQuoted} = {table.TenantColumnQuoted} WHERE {table.TenantColumnQuoted} = @victim"),
                ("DELETE", $"DELETE FROM {table.Quoted} WHERE {table.TenantColumnQuoted} = @victim"),
            })
            {
                var (affected, refused) = await InRolledBackTransactionAsync(connection, attacker, sql, ("victim", victim));
                if (!refused && affected != 0) problems.Add($"{table.Name}: {verb} reached {affected} rows of another tenant");
            }

            var columns = string.Join(", ", table.InsertableColumns.Select(Quote));
            var insert = $"INSERT INTO {table.Quoted} ({columns}) OVERRIDING SYSTEM VALUE SELECT {columns} FROM json_populate_record(NULL::{table.Quoted}, json_build_object('{table.TenantColumn}', @victim::uuid))";
            var (_, insertRefused, state, message) = await TryInRolledBackTransactionAsync(connection, attacker, insert, ("victim", victim));
            if (!insertRefused || state != PostgresErrorCodes.InsufficientPrivilege)
            {
                problems.Add($"{table.Name}: INSERT of a row for another tenant was not refused by row-level security ({state}: {message})");
            }
        }

        output.WriteLine(
            $"{tables.Count} tenant tables x {tenants.Count} tenants: {statements} statements as the application role, " +
            $"{proven.Count} tables attacked with another tenant's real rows, {problems.Count} leaks or writes that got through.");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // Proven with real rows of another tenant (the rest with the INSERT and the policies above).
        Assert.True(proven.Count >= 10, $"only {proven.Count} tenant tables hold seeded rows: {string.Join(", ", proven)}");
        Assert.Contains("identity.memberships", proven);
        Assert.Contains("validation.cases", proven);
    }

    private static bool IsPlatformTable(string name) =>
        PlatformTables.ContainsKey(name) || PlatformTables.ContainsKey(name[..name.IndexOf('.', StringComparison.Ordinal)] + ".*");

    private sealed record CatalogueTable(
        string Schema, string Table, bool HasTenantId, bool RowSecurity, bool ForceRowSecurity, bool AppTenantPolicy, bool AppPolicy, IReadOnlyList<string> InsertableColumns)
    {
        public string Name => $"{Schema}.{Table}";

        public string TenantColumn { get; init; } = "tenant_id";

        public string TenantColumnQuoted => Quote(TenantColumn);

        public string Quoted => $"{Quote(Schema)}.{Quote(Table)}";
    }

    private async Task<List<CatalogueTable>> ReadCatalogueAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT n.nspname, c.relname,
                   EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped),
                   c.relrowsecurity,
                   c.relforcerowsecurity,
                   EXISTS (SELECT 1 FROM pg_policy p
                            WHERE p.polrelid = c.oid
                              AND p.polcmd = '*'
                              AND p.polpermissive
                              AND (0::oid = ANY (p.polroles) OR '{DatabaseRoles.Application}'::regrole::oid = ANY (p.polroles))
                              AND pg_get_expr(p.polqual, p.polrelid) LIKE '%app.tenant_id%'
                              AND pg_get_expr(p.polwithcheck, p.polrelid) LIKE '%app.tenant_id%'),
                   EXISTS (SELECT 1 FROM pg_policy p
                            WHERE p.polrelid = c.oid
                              AND p.polcmd = '*'
                              AND p.polpermissive
                              AND (0::oid = ANY (p.polroles) OR '{DatabaseRoles.Application}'::regrole::oid = ANY (p.polroles))),
                   ARRAY(SELECT a.attname::text FROM pg_attribute a
                          WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                          ORDER BY a.attnum)
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p')
               AND n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND n.nspname NOT LIKE 'pg\_%'
               AND c.relname <> '__EFMigrationsHistory'
               AND NOT c.relispartition
             ORDER BY 1, 2
            """,
            connection);
        var tables = new List<CatalogueTable>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(new CatalogueTable(
                reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6),
                reader.GetFieldValue<string[]>(7)));
        }

        Assert.Contains(tables, t => t.Schema == "hangfire"); // every schema, not only the modules'
        return tables;
    }

    private async Task<List<Guid>> TenantIdsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id FROM platform.tenants UNION SELECT id FROM customers.customer_tenants ORDER BY 1", connection);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, Guid? tenant, string sql, params (string Name, object Value)[] parameters)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = Command(connection, transaction, tenant, sql, parameters);
        var result = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.RollbackAsync();
        return result;
    }

    private static async Task<(int Affected, bool Refused)> InRolledBackTransactionAsync(
        NpgsqlConnection connection, Guid tenant, string sql, params (string Name, object Value)[] parameters)
    {
        var (affected, refused, state, _) = await TryInRolledBackTransactionAsync(connection, tenant, sql, parameters);
        // Refused outright is fine only when it is a privilege refusal (an append-only table).
        return refused && state != PostgresErrorCodes.InsufficientPrivilege ? (-1, false) : (affected, refused);
    }

    private static async Task<(int Affected, bool Refused, string? State, string? Message)> TryInRolledBackTransactionAsync(
        NpgsqlConnection connection, Guid tenant, string sql, params (string Name, object Value)[] parameters)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await using var command = Command(connection, transaction, tenant, sql, parameters);
            return (await command.ExecuteNonQueryAsync(), false, null, null);
        }
        catch (PostgresException ex)
        {
            return (0, true, ex.SqlState, ex.MessageText);
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid? tenant, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant) + sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
