using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GccSaaS.IntegrationTests.Api.Harness;

/// <summary>
/// Test-only endpoints that exercise the /v1 conventions before any module maps real ones. They are mapped
/// with the same <see cref="PartnerCenterApi.MapPartnerCenterApi"/> call modules use, and write to a real
/// tenant-fenced table (<c>harness.widgets</c>) so side effects can be counted in the database. The
/// production host knows nothing of this: it is added by <see cref="Register"/> in ConfigureTestServices.
/// </summary>
public static partial class ApiHarness
{
    public const string Widgets = "/v1/test-harness/widgets";

    public static void Register(IServiceCollection services, TimeProvider clock, HarnessProbe probe, CapturingLoggerProvider logs)
    {
        services.AddTenantResolutionStrategy<HeaderTenantResolutionStrategy>();
        services.AddSingleton(clock);
        services.AddSingleton(probe);
        services.AddSingleton<ILoggerProvider>(logs);
        services.AddTransient<IStartupFilter, HarnessStartupFilter>();
    }

    /// <summary>The harness table, created by the owner role after the host migrated the database.</summary>
    public static async Task CreateTablesAsync(string ownerConnectionString)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            CREATE SCHEMA IF NOT EXISTS harness;
            GRANT USAGE ON SCHEMA harness TO {DatabaseRoles.Application};
            CREATE TABLE IF NOT EXISTS harness.widgets (
                tenant_id uuid NOT NULL,
                id uuid NOT NULL,
                name text NOT NULL,
                request_id uuid NULL,
                PRIMARY KEY (tenant_id, id));
            GRANT SELECT, INSERT ON harness.widgets TO {DatabaseRoles.Application};
            ALTER TABLE harness.widgets ENABLE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS tenant_isolation ON harness.widgets;
            CREATE POLICY tenant_isolation ON harness.widgets USING ({TenantSql.PolicyPredicate}) WITH CHECK ({TenantSql.PolicyPredicate});
            """,
            connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows the harness wrote for a tenant and name, counted as the owner (past row-level security).</summary>
    public static async Task<long> CountWidgetsAsync(string ownerConnectionString, Guid tenantId, string name)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM harness.widgets WHERE tenant_id = @t AND name = @n", connection);
        command.Parameters.AddWithValue("t", tenantId);
        command.Parameters.AddWithValue("n", name);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void Map(IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapPartnerCenterApi().WithTags("Test harness");
        var widgets = v1.MapGroup("/test-harness/widgets");
        widgets.MapPost("", CreateWidgetAsync);
        widgets.MapGet("", ListWidgetsAsync);
        v1.MapGet("/test-harness/status/{code:int}", (int code) => Results.StatusCode(code));
        v1.MapGet("/test-harness/validation", () => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["name"] = ["Name is required."] }));
        v1.MapGet("/test-harness/crash", IResult () => throw new InvalidOperationException("The harness crashed on purpose: secret detail."));
        v1.MapGet("/test-harness/log", (string marker, ILoggerFactory loggers) =>
        {
            LogMarker(loggers.CreateLogger("GccSaaS.IntegrationTests.Harness"), marker);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> CreateWidgetAsync(WidgetRequest body, HttpContext http, NpgsqlDataSource database, HarnessProbe probe, CancellationToken cancellationToken)
    {
        probe.Invoked(body.Name);
        if (body.Hold)
        {
            await probe.HoldAsync(body.Name, cancellationToken);
        }

        switch (body.Fail)
        {
            case "refuse":
                throw new DomainRuleException("widget_refused", "The harness refuses this widget.");
            case "crash":
                throw new InvalidOperationException("The harness crashed on purpose.");
            default:
                break;
        }

        var tenant = http.GetTenant() ?? throw new TenantNotResolvedException();
        var id = Guid.CreateVersion7();
        await using var command = database.CreateCommand(
            TenantSql.SetLocalTenant(tenant.Id) + "INSERT INTO harness.widgets (tenant_id, id, name, request_id) VALUES (@t, @id, @name, @request)");
        command.Parameters.AddWithValue("t", tenant.Id);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", body.Name);
        command.Parameters.AddWithValue("request", ApiRequestId.Get(http)?.Value ?? Guid.Empty);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return Results.Created($"{Widgets}/{id}", new WidgetResponse(id, body.Name));
    }

    private static async Task<ResourceCollection<WidgetResponse>> ListWidgetsAsync(
        ContinuationPage<WidgetCursor> page, string? prefix, HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        var tenant = http.GetTenant() ?? throw new TenantNotResolvedException();
        await using var command = database.CreateCommand(
            TenantSql.SetLocalTenant(tenant.Id)
            + """
              SELECT id, name FROM harness.widgets
               WHERE (@after::uuid IS NULL OR id > @after) AND name LIKE @prefix
               ORDER BY id LIMIT @take
              """);
        command.Parameters.AddWithValue("after", NpgsqlTypes.NpgsqlDbType.Uuid, (object?)page.After?.Id ?? DBNull.Value);
        command.Parameters.AddWithValue("prefix", (prefix ?? string.Empty) + "%");
        command.Parameters.AddWithValue("take", page.Take);
        var rows = new List<WidgetResponse>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new WidgetResponse(reader.GetGuid(0), reader.GetString(1)));
            }
        }

        return page.ToCollection(rows, w => new WidgetCursor(w.Id));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Harness line {Marker}")]
    private static partial void LogMarker(ILogger logger, string marker);

    /// <summary>
    /// Maps the harness in a second routing stage after the host's pipeline: requests the host's own
    /// endpoints do not match fall through to it, still inside all of the host's middleware (correlation,
    /// errors, tenant resolution, rate limit). Its endpoints also join the OpenAPI document.
    /// </summary>
    private sealed class HarnessStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseRouting();
            app.UseEndpoints(Map);
        };
    }
}

public sealed record WidgetRequest(string Name, bool Hold = false, string? Fail = null);

public sealed record WidgetResponse(Guid Id, string Name);

public sealed record WidgetCursor(Guid Id);
