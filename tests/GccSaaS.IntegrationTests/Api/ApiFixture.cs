using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Api.Harness;
using GccSaaS.IntegrationTests.Infrastructure;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>
/// One real host over a real database with the API test harness: a header names the tenant (until API
/// keys land), a moveable clock, a probe to hold writes, and a log sink.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private GccSaaSFactory? _factory;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public GccSaaSFactory Factory => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

    public IServiceProvider Services => Factory.Services;

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public HarnessProbe Probe { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        // The scheduler runs here: the idempotency sweep test triggers its job on this host.
        _factory = new GccSaaSFactory(
            _database,
            services => ApiHarness.Register(services, Clock, Probe, Logs),
            new Dictionary<string, string?> { ["Jobs:Enabled"] = "true" });
        _ = _factory.Server; // starts the host, which migrates
        await ApiHarness.CreateTablesAsync(_database.OwnerConnectionString);
    }

    /// <summary>
    /// Another host on the same database with the same harness (e.g. with other settings). It logs to its own
    /// sink: a logger provider takes the scope provider of the one host that owns it.
    /// </summary>
    public GccSaaSFactory CreateFactory(IDictionary<string, string?>? settings = null) =>
        new(Database, services => ApiHarness.Register(services, Clock, Probe, new CapturingLoggerProvider()), settings);

    public Task<TenantInfo> CreateTenantAsync() => Services.CreateTenantAsync("api");

    /// <summary>A client whose calls resolve to <paramref name="tenant"/> (null: no tenant).</summary>
    public HttpClient ClientFor(TenantInfo? tenant, GccSaaSFactory? factory = null)
    {
        var client = (factory ?? Factory).CreateClient();
        if (tenant is not null)
        {
            client.DefaultRequestHeaders.Add(HeaderTenantResolutionStrategy.Header, tenant.Identifier);
        }

        return client;
    }

    public Task<long> CountWidgetsAsync(TenantInfo tenant, string name) =>
        ApiHarness.CountWidgetsAsync(Database.OwnerConnectionString, tenant.Id, name);

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "API conventions";
}

/// <summary>Small helpers for talking to /v1 the way a Partner Center client does.</summary>
public static class ApiCalls
{
    /// <summary>
    /// Every <c>/v1</c> code read straight from the API's conventions and each module's own table (issue 12), not from
    /// the host: a module that forgot to register its table answers the unlisted number, and the check below fails.
    /// </summary>
    private static readonly ApiErrorCatalog ErrorCodes = new(
    [
        .. ApiErrorCodes.Conventions,
        .. ApiErrorCodes.Of(typeof(GccSaaS.Modules.Identity.IdentityErrorCodes)),
        .. ApiErrorCodes.Of(typeof(GccSaaS.Modules.Partners.Domain.PartnersErrorCodes)),
        .. ApiErrorCodes.Of(typeof(GccSaaS.Modules.Customers.Domain.CustomerErrorCodes)),
        .. ApiErrorCodes.Of(typeof(GccSaaS.Modules.Relationships.Domain.RelationshipErrorCodes)),
        .. ApiErrorCodes.Of(typeof(GccSaaS.Modules.Validation.Domain.ValidationErrorCodes)),
        .. ApiErrorCodes.Of(typeof(GccSaaS.Modules.Ordering.Domain.OrderingErrorCodes)),
        .. ApiErrorCodes.Of(typeof(GccSaaS.Modules.Notifications.NotificationsErrorCodes)),
    ]);

    public static HttpRequestMessage CreateWidget(string name, Guid? requestId = null, bool hold = false, string? fail = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ApiHarness.Widgets)
        {
            Content = JsonContent.Create(new WidgetRequest(name, hold, fail)),
        };
        if (requestId is { } id)
        {
            request.Headers.Add(ApiHeaders.RequestId, id.ToString());
        }

        return request;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"{(int)response.StatusCode} has an empty body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    /// <summary>
    /// The /v1 error shape (R-PC-10, issue 13): problem details whose <c>type</c> names the error
    /// (<c>urn:gccsaas:error:{name}</c>), Partner Center's numeric <c>code</c> from the one table, description, source,
    /// <c>data</c> always an array, and the correlation id.
    /// </summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string name)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(ApiProblems.ContentType, response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(name, ErrorName(problem));
        Assert.Equal(name, problem.GetProperty("errorName").GetString());
        Assert.Equal(ErrorCodes.NumberOf(name), problem.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("description").GetString()));
        Assert.True(problem.GetProperty("description").GetString()!.Length <= ApiProblems.MaxDescriptionLength);
        Assert.Equal(JsonValueKind.Array, problem.GetProperty("data").ValueKind);
        Assert.Equal("GccSaaS", problem.GetProperty("source").GetString());
        var correlationId = response.Header(ApiHeaders.CorrelationId);
        Assert.NotNull(correlationId);
        Assert.Equal(correlationId, problem.GetProperty("correlationId").GetString());
        return problem;
    }

    /// <summary>
    /// The stable snake_case name of a /v1 error: its problem <c>type</c> without <c>urn:gccsaas:error:</c> (the
    /// <c>code</c> is Partner Center's number). Empty when the body is no such problem.
    /// </summary>
    public static string ErrorName(JsonElement problem) =>
        problem.ValueKind == JsonValueKind.Object
        && problem.TryGetProperty("type", out var type)
        && type.GetString() is { } uri
        && uri.StartsWith(ApiErrorCodes.TypePrefix, StringComparison.Ordinal)
            ? uri[ApiErrorCodes.TypePrefix.Length..]
            : string.Empty;
}
