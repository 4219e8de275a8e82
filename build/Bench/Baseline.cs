using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace GccSaaS.Bench;

/// <summary>
/// The floor each read scenario is measured against (issue 19 "Baseline"): the same rows as the product's endpoint,
/// through ONE hand-written query per request (the tenant set transaction-locally in the same round trip, under the
/// same row-level security, as the application role), written straight to the response as JSON. No MediatR, no EF,
/// no authentication, no tenant resolution: what is left is Kestrel, Npgsql and PostgreSQL. It lives only in this
/// benchmark tool, never in the product's host (a test proves the host does not answer its routes).
/// </summary>
internal static class Baseline
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var connectionString = builder.Configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default (the application role) is required.");
        var tenant = Guid.Parse(builder.Configuration["BENCH_TENANT_ID"]
            ?? throw new InvalidOperationException("BENCH_TENANT_ID is required."));
        var db = NpgsqlDataSource.Create(connectionString);
        var app = builder.Build();

        app.MapGet("/baseline/customers", (HttpContext http) =>
        {
            var q = http.Request.Query;
            var size = int.Parse(q["size"].FirstOrDefault() ?? "100", CultureInfo.InvariantCulture);
            var sql = new StringBuilder("""
                SELECT customer_tenant_id, company_name, domain, reseller_organisation_id, created_at, sort_name
                FROM customers.customers WHERE true
                """);
            var parameters = new List<object>();
            if (q["search"].FirstOrDefault() is { Length: > 0 } search)
            {
                var s = search.ToLowerInvariant();
                parameters.Add(s);
                parameters.Add(s + char.ConvertFromUtf32(0x10FFFF));
                sql.Append(" AND ((sort_name >= $1 AND sort_name < $2) OR (domain >= $1 AND domain < $2))");
            }

            if (q["reseller"].FirstOrDefault() is { Length: > 0 } reseller)
            {
                parameters.Add(Guid.Parse(reseller));
                sql.Append(CultureInfo.InvariantCulture, $" AND reseller_organisation_id = ${parameters.Count}");
            }

            if (q["after"].FirstOrDefault() is { Length: > 0 } after)
            {
                parameters.Add(after);
                sql.Append(CultureInfo.InvariantCulture, $" AND sort_name > ${parameters.Count}");
            }

            parameters.Add(size);
            sql.Append(CultureInfo.InvariantCulture, $" ORDER BY sort_name, customer_tenant_id LIMIT ${parameters.Count}");
            return WriteAsync(http, db, tenant, sql.ToString(), parameters, static (w, r) =>
            {
                w.WriteString("id", r.GetGuid(0));
                w.WriteString("companyName", r.GetString(1));
                w.WriteString("domain", r.GetString(2));
                if (!r.IsDBNull(3))
                {
                    w.WriteString("resellerOrganisationId", r.GetGuid(3));
                }

                w.WriteString("createdAt", r.GetFieldValue<DateTimeOffset>(4));
            });
        });

        app.MapGet("/baseline/customers/{id:guid}", (HttpContext http, Guid id) =>
            WriteAsync(http, db, tenant, """
                SELECT c.customer_tenant_id, c.company_name, c.domain, c.reseller_organisation_id, t.email, t.culture, t.language,
                       t.address_line1, t.city, t.state, t.postal_code, t.country, t.contact_first_name, t.contact_last_name
                FROM customers.customers c JOIN customers.customer_tenants t ON t.id = c.customer_tenant_id
                WHERE c.customer_tenant_id = $1
                """, [id], static (w, r) =>
            {
                w.WriteString("id", r.GetGuid(0));
                w.WriteString("companyName", r.GetString(1));
                w.WriteString("domain", r.GetString(2));
                w.WriteString("email", r.GetString(4));
                w.WriteString("culture", r.GetString(5));
                w.WriteString("language", r.GetString(6));
                w.WriteString("addressLine1", r.GetString(7));
                w.WriteString("city", r.GetString(8));
                w.WriteString("postalCode", r.GetString(10));
                w.WriteString("country", r.GetString(11));
                w.WriteString("firstName", r.GetString(12));
                w.WriteString("lastName", r.GetString(13));
            }));

        app.MapGet("/baseline/customers/{id:guid}/subscriptions", (HttpContext http, Guid id) =>
            WriteAsync(http, db, tenant, """
                SELECT id, offer_id, offer_name, quantity, status, term_duration, billing_cycle, auto_renew_enabled, created_at, commitment_ends_at
                FROM ordering.subscriptions WHERE customer_id = $1 ORDER BY id LIMIT 500
                """, [id], WriteSubscription));

        app.MapGet("/baseline/subscriptions", (HttpContext http) =>
            WriteAsync(http, db, tenant, """
                SELECT id, offer_id, offer_name, quantity, status, term_duration, billing_cycle, auto_renew_enabled, created_at, commitment_ends_at,
                       customer_id
                FROM ordering.subscriptions ORDER BY id LIMIT 100
                """, [], WriteSubscription));

        app.MapGet("/baseline/resellers", (HttpContext http) =>
            WriteAsync(http, db, tenant, """
                SELECT id, reseller_organisation_id, reseller_name, partner_id, status, since
                FROM relationships.partnerships WHERE status = 'Active' ORDER BY lower(reseller_name), id LIMIT 100
                """, [], static (w, r) =>
            {
                w.WriteString("partnershipId", r.GetGuid(0));
                w.WriteString("partnerOrganisationId", r.GetGuid(1));
                w.WriteString("name", r.GetString(2));
                w.WriteString("mpnId", r.GetString(3));
                w.WriteString("state", r.GetString(4));
                w.WriteString("since", r.GetFieldValue<DateTimeOffset>(5));
            }));

        // The review desk's queue is platform-wide (no tenant): open cases by due date.
        app.MapGet("/baseline/validationqueue", (HttpContext http) =>
            WriteAsync(http, db, null, """
                SELECT id, kind, state, partner_name, customer_legal_name, submitted_at, due_at
                FROM validation.cases WHERE state IN ('Submitted', 'InReview', 'InformationRequested')
                ORDER BY COALESCE(due_at, TIMESTAMPTZ '9999-12-31 00:00:00+00'), id LIMIT 100
                """, [], static (w, r) =>
            {
                w.WriteString("id", r.GetGuid(0));
                w.WriteString("kind", r.GetString(1));
                w.WriteString("state", r.GetString(2));
                w.WriteString("partnerName", r.GetString(3));
                if (!r.IsDBNull(4))
                {
                    w.WriteString("customerLegalName", r.GetString(4));
                }

                w.WriteString("submittedAt", r.GetFieldValue<DateTimeOffset>(5));
            }));

        // Every customer as CSV, streamed row by row from one query.
        app.MapGet("/baseline/customers.csv", async (HttpContext http) =>
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
            await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
            await SetTenantAsync(connection, transaction, tenant, http.RequestAborted);
            await using var command = new NpgsqlCommand(
                "SELECT company_name, domain, reseller_organisation_id, created_at FROM customers.customers ORDER BY sort_name, customer_tenant_id",
                connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
            await using var body = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 65536);
            await body.WriteLineAsync("Company,Domain,Reseller,Created");
            while (await reader.ReadAsync(http.RequestAborted))
            {
                await body.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"\"{reader.GetString(0).Replace("\"", "\"\"", StringComparison.Ordinal)}\",{reader.GetString(1)},{(reader.IsDBNull(2) ? string.Empty : reader.GetGuid(2))},{reader.GetFieldValue<DateTimeOffset>(3):O}"));
            }
        });

        await app.RunAsync();
    }

    private static void WriteSubscription(Utf8JsonWriter w, NpgsqlDataReader r)
    {
        w.WriteString("id", r.GetGuid(0));
        w.WriteString("offerId", r.GetString(1));
        w.WriteString("offerName", r.GetString(2));
        w.WriteNumber("quantity", r.GetInt32(3));
        w.WriteString("status", r.GetString(4));
        w.WriteString("termDuration", r.GetString(5));
        w.WriteString("billingCycle", r.GetString(6));
        w.WriteBoolean("autoRenewEnabled", r.GetBoolean(7));
        w.WriteString("creationDate", r.GetFieldValue<DateTimeOffset>(8));
        w.WriteString("commitmentEndDate", r.GetFieldValue<DateTimeOffset>(9));
    }

    /// <summary>
    /// One round trip: the tenant set transaction-locally and the query, in one batch (one implicit transaction). No
    /// tenant is the review desk's platform read: the named path (ADR 0021) the product's reviewer takes, without which
    /// row-level security shows no case at all.
    /// </summary>
    private static async Task WriteAsync(
        HttpContext http, NpgsqlDataSource db, Guid? tenant, string sql, IReadOnlyList<object> parameters,
        Action<Utf8JsonWriter, NpgsqlDataReader> row)
    {
        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('app.tenant_id', $1, true), set_config('app.platform_access', $2, true)")
        {
            Parameters =
            {
                new NpgsqlParameter { Value = tenant?.ToString("D") ?? string.Empty },
                new NpgsqlParameter { Value = tenant is null ? "validation_review" : string.Empty },
            },
        });
        var query = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters)
        {
            query.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        batch.BatchCommands.Add(query);
        await using var reader = await batch.ExecuteReaderAsync(http.RequestAborted);
        await reader.NextResultAsync(http.RequestAborted);
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WritePropertyName("items");
        json.WriteStartArray();
        var count = 0;
        while (await reader.ReadAsync(http.RequestAborted))
        {
            json.WriteStartObject();
            row(json, reader);
            json.WriteEndObject();
            count++;
        }

        json.WriteEndArray();
        json.WriteNumber("totalCount", count);
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }

    private static async Task SetTenantAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.ToString("D") });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
