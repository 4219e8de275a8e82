using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace GccSaaS.Bench;

/// <summary>
/// Loads the benchmark's data sets through binary COPY (issue 19). Tenant tables are written with the tenant set on
/// the session (<c>app.tenant_id</c>), so every row passes the same row-level security policy (FORCE'd, so the owner
/// obeys it too) and every constraint the product's own writes meet. Platform tables (organisations, customer
/// tenants) have no tenant and are written as they are; validation cases, fenced by the submitting tenant, are staged. Identifiers come from a seeded random, so
/// two runs at the same scale make the same data.
/// </summary>
internal sealed class Generator(NpgsqlDataSource db, double scale, TextWriter log)
{
    private static readonly string[] Adjectives =
    [
        "Alpine", "Blue", "Cedar", "Delta", "Eagle", "Falcon", "Granite", "Harbor", "Iron", "Juniper", "Keystone", "Liberty",
        "Maple", "Northern", "Ocean", "Pioneer", "Quarry", "River", "Summit", "Timber", "Union", "Valley", "Western", "Yellow",
    ];

    private static readonly string[] Nouns =
    [
        "Analytics", "Builders", "Clinics", "Dynamics", "Energy", "Foods", "Group", "Health", "Industries", "Justice",
        "Kitchens", "Logistics", "Medical", "Networks", "Offices", "Partners", "Research", "Systems", "Transit", "Utilities",
    ];

    private static readonly (string Id, string Name, string Family)[] Offers =
    [
        ("CFQ7TTC0LH18:0001", "Microsoft 365 E3 (GCC)", "Microsoft365"),
        ("CFQ7TTC0LFLX:0002", "Microsoft 365 E5 (GCC)", "Microsoft365"),
        ("CFQ7TTC0LHSV:0001", "Teams Essentials (GCC)", "Teams"),
    ];

    private static readonly string[] StateEntities = ["State"];

    private static readonly Dictionary<NpgsqlConnection, (string Table, string Columns)> Staged = [];

    private readonly Random _random = new(19);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly Guid _actor = Guid.Parse("00000000-0000-4000-8000-000000000019");
    private readonly Dictionary<Guid, Guid> _resellerTenantIds = [];
    private int _partnerIdCounter = 7_000_000;

    public int Count(int full) => Math.Max(1, (int)Math.Round(full * scale));

    /// <summary>What the benchmark needs to find again: written to bench.env by the caller.</summary>
    public Dictionary<string, string> Facts { get; } = [];

    public async Task RunAsync(string largeTenantIdentifier, int smallTenants, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var large = await FindTenantAsync(largeTenantIdentifier, cancellationToken)
            ?? throw new InvalidOperationException($"Tenant '{largeTenantIdentifier}' does not exist: run the host once with Demo:Seed first.");
        await LoadTenantAsync(large, "large", Count(10_000), Count(1_000_000), 3, Count(200_000), Count(50_000), Count(2_000_000), cancellationToken);

        for (var i = 1; i <= smallTenants; i++)
        {
            var tenant = await CreateTenantAsync($"bench-small-{i:D3}", $"Bench Small Distributor {i:D3}", cancellationToken);
            await LoadTenantAsync(tenant, null, 10, 100, 3, 20, 5, 200, cancellationToken);
        }

        await ExecAsync(null, "ANALYZE", cancellationToken);
        log.WriteLine($"generate: done in {total.Elapsed.TotalSeconds:F0} s");
    }

    private async Task LoadTenantAsync(
        Guid tenant, string? facts, int resellers, int customers, int subscriptionsPerCustomer, int invitations, int cases, int audits,
        CancellationToken cancellationToken)
    {
        var step = Stopwatch.StartNew();
        var resellerIds = await LoadResellersAsync(tenant, resellers, cancellationToken);
        var customerIds = await LoadCustomersAsync(tenant, customers, resellerIds, cancellationToken);
        await LoadAgreementsAsync(tenant, customerIds, cancellationToken);
        await LoadOrdersAndSubscriptionsAsync(tenant, customerIds, resellerIds, subscriptionsPerCustomer, cancellationToken);
        await LoadInvitationsAsync(tenant, invitations, cancellationToken);
        await LoadValidationCasesAsync(tenant, cases, resellerIds, cancellationToken);
        await LoadAuditAsync(tenant, audits, cancellationToken);
        if (facts is not null)
        {
            Facts["BENCH_TENANT_ID"] = tenant.ToString("D");
            Facts["BENCH_CUSTOMER_ID"] = customerIds[customerIds.Count / 2].Id.ToString("D");
            // /v1 names a reseller by its tenant ID (the organisation's commercial tenant), the portal by its organisation id.
            Facts["BENCH_RESELLER_ORG_ID"] = resellerIds[resellerIds.Count / 3].ToString("D");
            Facts["BENCH_RESELLER_ID"] = _resellerTenantIds[resellerIds[resellerIds.Count / 3]].ToString("D");
            Facts["BENCH_PLATFORM_KEY"] = await CreatePlatformApiKeyAsync("reviewer@gccsaas.demo", cancellationToken);
            Facts["BENCH_CUSTOMERS"] = customers.ToString(CultureInfo.InvariantCulture);
            Facts["BENCH_API_KEY"] = await CreateApiKeyAsync(tenant, cancellationToken);
            log.WriteLine($"generate: large tenant {tenant}: {resellers} resellers, {customers} customers, "
                + $"{customers * subscriptionsPerCustomer} subscriptions, {invitations} invitations, {cases} cases, {audits} audit rows "
                + $"in {step.Elapsed.TotalSeconds:F0} s");
        }
    }

    private async Task<Guid?> FindTenantAsync(string identifier, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("SELECT id FROM platform.tenants WHERE identifier = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = identifier });
        return await command.ExecuteScalarAsync(cancellationToken) is Guid id ? id : null;
    }

    private async Task<Guid> CreateTenantAsync(string identifier, string name, CancellationToken cancellationToken)
    {
        if (await FindTenantAsync(identifier, cancellationToken) is { } existing)
        {
            throw new InvalidOperationException($"Tenant {identifier} ({existing}) already exists: generate into a fresh database.");
        }

        var id = NextGuid();
        await using var command = db.CreateCommand(
            "INSERT INTO platform.tenants (id, identifier, name, status, created_at) VALUES ($1, $2, $3, 'Active', now())");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = identifier });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>A tenant API key (Global admin) whose secret the benchmark knows: SHA-256 of the whole key, as the product stores it.</summary>
    private async Task<string> CreateApiKeyAsync(Guid tenant, CancellationToken cancellationToken)
    {
        const string Prefix = "benchlarge01";
        var key = $"gcc_{Prefix}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        // identity.api_keys is a tenant table under row-level security (ADR 0021): insert with the tenant set.
        await using var connection = await OpenForTenantAsync(tenant, cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO identity.api_keys (id, tenant_id, name, role, prefix, secret_hash, created_at, created_by_user_id, expires_at)
            VALUES ($1, $2, 'Benchmark', 'GlobalAdmin', $3, $4, now(), $5, now() + interval '1 year')
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = NextGuid() });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = Prefix });
        command.Parameters.Add(new NpgsqlParameter { Value = SHA256.HashData(Encoding.UTF8.GetBytes(key)) });
        command.Parameters.Add(new NpgsqlParameter { Value = _actor });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return key;
    }

    /// <summary>A platform key of the demo's validation reviewer, for the review queue scenario.</summary>
    private async Task<string> CreatePlatformApiKeyAsync(string email, CancellationToken cancellationToken)
    {
        const string Prefix = "benchreview1";
        var key = $"gccp_{Prefix}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        await using var command = db.CreateCommand("""
            INSERT INTO identity.platform_api_keys (id, user_id, name, prefix, secret_hash, created_at, expires_at)
            SELECT $1, u.id, 'Benchmark', $2, $3, now(), now() + interval '1 year' FROM identity.users u WHERE u.normalized_email = upper($4)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = NextGuid() });
        command.Parameters.Add(new NpgsqlParameter { Value = Prefix });
        command.Parameters.Add(new NpgsqlParameter { Value = SHA256.HashData(Encoding.UTF8.GetBytes(key)) });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1
            ? key
            : throw new InvalidOperationException($"No user {email}: run the host once with Demo:Seed first.");
    }

    private async Task<List<Guid>> LoadResellersAsync(Guid tenant, int count, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>(count);
        var names = new List<(Guid Id, string Name, string PartnerId)>(count);
        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY partners.partner_organisations (id, legal_name, partner_id, type, csp_enrolled, partner_agreement_signed, country_code,
                csp_region, commercial_tenant_id, qualifications, officially_listed, created_at, updated_at) FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            for (var i = 0; i < count; i++)
            {
                var id = NextGuid();
                var partnerId = (++_partnerIdCounter).ToString(CultureInfo.InvariantCulture);
                var name = $"{Pick(Adjectives)} {Pick(Nouns)} Reseller {partnerId}";
                var commercialTenant = NextGuid();
                ids.Add(id);
                names.Add((id, name, partnerId));
                _resellerTenantIds[id] = commercialTenant;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(partnerId, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("IndirectReseller", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync("US", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("US", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(commercialTenant, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(_now.AddDays(-400), NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(_now.AddDays(-400), NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var connection = await OpenForTenantAsync(tenant, cancellationToken))
        await using (var writer = await BeginStagedAsync(connection, """
            COPY relationships.partnerships (tenant_id, id, reseller_organisation_id, reseller_name, partner_id, status, since)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var (id, name, partnerId) in names)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(tenant, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(partnerId, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("Active", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(_now.AddDays(-300), NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await CompleteStagedAsync(connection, writer, cancellationToken);
        }

        return ids;
    }

    private async Task<List<(Guid Id, Guid? Reseller, string PartnerId)>> LoadCustomersAsync(
        Guid tenant, int count, List<Guid> resellers, CancellationToken cancellationToken)
    {
        var customers = new List<(Guid Id, Guid? Reseller, string PartnerId)>(count);
        var rows = new List<(Guid Id, string Name, string Domain, Guid? Reseller)>(count);
        for (var i = 0; i < count; i++)
        {
            var id = NextGuid();
            var serial = id.ToString("N")[..10];
            var name = $"{Pick(Adjectives)} {Pick(Nouns)} {serial}";
            var domain = $"c{serial}.example.gov";
            // Two customers in three are a reseller's (R-CUS-3); the rest are the provider's own.
            Guid? reseller = i % 3 == 2 ? null : resellers[_random.Next(resellers.Count)];
            rows.Add((id, name, domain, reseller));
            customers.Add((id, reseller, reseller is null ? string.Empty : "r"));
        }

        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY customers.customer_tenants (id, company_name, domain, address_line1, city, state, postal_code, country,
                contact_first_name, contact_last_name, email, culture, language, created_by_tenant_id, created_at) FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var (id, name, domain, _) in rows)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(domain, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("1 Main Street", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("Springfield", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("VA", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("22150", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("US", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("Casey", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("Contact", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("it@" + domain, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("en-US", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("en", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(tenant, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(_now.AddDays(-200), NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var connection = await OpenForTenantAsync(tenant, cancellationToken))
        await using (var writer = await BeginStagedAsync(connection, """
            COPY customers.customers (tenant_id, customer_tenant_id, company_name, sort_name, domain, reseller_organisation_id, origin,
                created_by_name, created_at) FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var (id, name, domain, reseller) in rows)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(tenant, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(name.ToLowerInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(domain, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(writer, reseller, cancellationToken);
                await writer.WriteAsync("Created", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("Bench Loader", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(_now.AddDays(-200), NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await CompleteStagedAsync(connection, writer, cancellationToken);
        }

        return customers;
    }

    /// <summary>
    /// R-CUS-4, R-PC-6: every customer has the Microsoft Customer Agreement attestation on file, as a customer with
    /// orders must (without it checkout refuses <c>customer_agreement_missing</c>, so the checkout scenario needs it).
    /// </summary>
    private async Task LoadAgreementsAsync(Guid tenant, List<(Guid Id, Guid? Reseller, string PartnerId)> customers, CancellationToken cancellationToken)
    {
        await using var connection = await OpenForTenantAsync(tenant, cancellationToken);
        await using var writer = await BeginStagedAsync(connection, """
            COPY customers.agreements (tenant_id, id, customer_tenant_id, agreement_type, contact_first_name, contact_last_name,
                contact_email, date_agreed, recorded_by_name, recorded_at) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (customer, _, _) in customers)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(tenant, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(customer, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync("MicrosoftCustomerAgreement", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync("Casey", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync("Contact", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync("it@c" + customer.ToString("N")[..10] + ".example.gov", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(_now.AddDays(-200), NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync("Bench Loader", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(_now.AddDays(-200), NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await CompleteStagedAsync(connection, writer, cancellationToken);
    }

    private async Task LoadOrdersAndSubscriptionsAsync(
        Guid tenant, List<(Guid Id, Guid? Reseller, string PartnerId)> customers, List<Guid> resellers, int perCustomer,
        CancellationToken cancellationToken)
    {
        _ = resellers;
        var orders = new List<(Guid Order, Guid Customer, Guid? Reseller)>(customers.Count);
        await using (var connection = await OpenForTenantAsync(tenant, cancellationToken))
        await using (var writer = await BeginStagedAsync(connection, """
            COPY ordering.orders (tenant_id, id, customer_id, cart_id, request_id, status, currency_code, reseller_organisation_id,
                reseller_partner_id, created_at, created_by) FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var (customer, reseller, _) in customers)
            {
                var order = NextGuid();
                orders.Add((order, customer, reseller));
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(tenant, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(order, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(customer, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync("Completed", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync("USD", NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(writer, reseller, cancellationToken);
                await WriteNullableAsync(writer, reseller is null ? null : "7000001", cancellationToken);
                await writer.WriteAsync(_now.AddDays(-150), NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync("Bench Loader", NpgsqlDbType.Varchar, cancellationToken);
            }

            await CompleteStagedAsync(connection, writer, cancellationToken);
        }

        await using (var connection = await OpenForTenantAsync(tenant, cancellationToken))
        await using (var writer = await BeginStagedAsync(connection, """
            COPY ordering.subscriptions (tenant_id, id, customer_id, order_id, offer_id, offer_name, product_family, segment, quantity,
                term_duration, billing_cycle, status, auto_renew_enabled, reseller_organisation_id, reseller_partner_id,
                support_contact_kind, support_contact_organisation_id, created_at, commitment_ends_at) FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var (order, customer, reseller) in orders)
            {
                for (var n = 0; n < perCustomer; n++)
                {
                    var (offerId, offerName, family) = Offers[n % Offers.Length];
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(tenant, NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(customer, NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(order, NpgsqlDbType.Uuid, cancellationToken);
                    await writer.WriteAsync(offerId, NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync(offerName, NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync(family, NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync("Government", NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync(1 + _random.Next(50), NpgsqlDbType.Integer, cancellationToken);
                    await writer.WriteAsync("P1Y", NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync("Monthly", NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync("Active", NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                    await WriteNullableAsync(writer, reseller, cancellationToken);
                    await WriteNullableAsync(writer, reseller is null ? null : "7000001", cancellationToken);
                    await writer.WriteAsync("Provider", NpgsqlDbType.Varchar, cancellationToken);
                    await writer.WriteNullAsync(cancellationToken);
                    await writer.WriteAsync(_now.AddDays(-150), NpgsqlDbType.TimestampTz, cancellationToken);
                    await writer.WriteAsync(_now.AddDays(215), NpgsqlDbType.TimestampTz, cancellationToken);
                }
            }

            await CompleteStagedAsync(connection, writer, cancellationToken);
        }
    }

    /// <summary>Pending partnership invitations; half of them are past their expiry (the sweep's work, issue 19 "Jobs").</summary>
    private async Task LoadInvitationsAsync(Guid tenant, int count, CancellationToken cancellationToken)
    {
        await using var connection = await OpenForTenantAsync(tenant, cancellationToken);
        await using var writer = await BeginStagedAsync(connection, """
            COPY relationships.invitations (tenant_id, id, kind, status, token_hash, invited_email, created_by_user_id, created_by_name,
                culture, created_at, expires_at, send_count) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        for (var i = 0; i < count; i++)
        {
            var created = _now.AddDays(i % 2 == 0 ? -40 : -5).AddSeconds(-i);
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(tenant, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync("Partnership", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync("Pending", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(RandomNumberGenerator.GetBytes(32), NpgsqlDbType.Bytea, cancellationToken);
            await writer.WriteAsync($"invitee{i}@reseller{i % 997}.example.com", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(_actor, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync("Bench Loader", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync("en", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(created, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(created.AddDays(30), NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
        }

        await CompleteStagedAsync(connection, writer, cancellationToken);
    }

    private async Task LoadValidationCasesAsync(Guid tenant, int count, List<Guid> resellers, CancellationToken cancellationToken)
    {
        // The cases are fenced by the submitting tenant (row-level security): staged like every tenant table.
        await using var connection = await OpenForTenantAsync(tenant, cancellationToken);
        await using var writer = await BeginStagedAsync(connection, """
            COPY validation.cases (id, kind, state, submitted_by_tenant_id, partner_organisation_id, partner_name, commercial_tenant_id,
                submitted_by_user_id, submitted_by_name, submitted_for_reseller_organisation_id, submitted_at, due_at, updated_at,
                government_entities_served, holds_direct_contracts, holds_indirect_contracts, customer_legal_name, customer_domain,
                customer_address, customer_contact_name, customer_contact_email, eligibility_category, regulated_data, version)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        for (var i = 0; i < count; i++)
        {
            var submitted = _now.AddMinutes(-i);
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync("Customer", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(i % 4 == 0 ? "InReview" : "Submitted", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(tenant, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(resellers[i % resellers.Count], NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync("Bench Distributor", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(_actor, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync("Bench Loader", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteNullAsync(cancellationToken);
            await writer.WriteAsync(submitted, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(submitted.AddDays(2), NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(submitted, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(StateEntities, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync($"Agency {i}", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync($"agency{i}.example.gov", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync("1 Capitol Way, Olympia, WA", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync("Casey Contact", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync($"it@agency{i}.example.gov", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync("UsStateGovernment", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
        }

        await CompleteStagedAsync(connection, writer, cancellationToken);
    }

    private async Task LoadAuditAsync(Guid tenant, int count, CancellationToken cancellationToken)
    {
        await using var connection = await OpenForTenantAsync(tenant, cancellationToken);
        await using var writer = await BeginStagedAsync(connection, """
            COPY notifications.audit_entries (tenant_id, id, occurred_at, action, module, details, user_id, actor, recorded_at)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        for (var i = 0; i < count; i++)
        {
            var at = _now.AddSeconds(-i * 7);
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(tenant, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(i % 2 == 0 ? "AddCustomerCommand" : "CheckoutCartCommand", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(i % 2 == 0 ? "Customers" : "Ordering", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync("{\"bench\":true}", NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteAsync(_actor, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync("Bench Loader", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await CompleteStagedAsync(connection, writer, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL refuses COPY FROM into a table under row-level security, so a tenant table is loaded in two steps:
    /// binary COPY into a temporary table of the same shape, then one INSERT … SELECT into the real table, with the
    /// tenant set, so that the policy's WITH CHECK, every constraint and every index see each row.
    /// </summary>
    private static async Task<NpgsqlBinaryImporter> BeginStagedAsync(NpgsqlConnection connection, string copy, CancellationToken cancellationToken)
    {
        var match = System.Text.RegularExpressions.Regex.Match(copy, @"COPY\s+(\S+)\s*\(([^)]*)\)\s*FROM STDIN", System.Text.RegularExpressions.RegexOptions.Singleline);
        var (table, columns) = (match.Groups[1].Value, match.Groups[2].Value);
        Staged[connection] = (table, columns);
        await using (var create = new NpgsqlCommand($"DROP TABLE IF EXISTS bench_stage; CREATE TEMP TABLE bench_stage (LIKE {table} INCLUDING DEFAULTS)", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return await connection.BeginBinaryImportAsync($"COPY bench_stage ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
    }

    private static async Task CompleteStagedAsync(NpgsqlConnection connection, NpgsqlBinaryImporter writer, CancellationToken cancellationToken)
    {
        await writer.CompleteAsync(cancellationToken);
        await writer.DisposeAsync();
        var (table, columns) = Staged[connection];
        Staged.Remove(connection);
        await using var insert = new NpgsqlCommand($"INSERT INTO {table} ({columns}) SELECT {columns} FROM bench_stage; DROP TABLE bench_stage", connection)
        {
            CommandTimeout = 0,
        };
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A connection whose session carries the tenant, so COPY into a tenant table meets its policy's WITH CHECK.</summary>
    private async Task<NpgsqlConnection> OpenForTenantAsync(Guid tenant, CancellationToken cancellationToken)
    {
        var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.ToString("D") });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private async Task ExecAsync(Guid? tenant, string sql, CancellationToken cancellationToken)
    {
        await using var connection = tenant is { } t ? await OpenForTenantAsync(t, cancellationToken) : await db.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, Guid? value, CancellationToken cancellationToken)
    {
        if (value is { } v)
        {
            await writer.WriteAsync(v, NpgsqlDbType.Uuid, cancellationToken);
        }
        else
        {
            await writer.WriteNullAsync(cancellationToken);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken)
    {
        if (value is { } v)
        {
            await writer.WriteAsync(v, NpgsqlDbType.Varchar, cancellationToken);
        }
        else
        {
            await writer.WriteNullAsync(cancellationToken);
        }
    }

    private string Pick(string[] words) => words[_random.Next(words.Length)];

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 in Guid's little-endian layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
