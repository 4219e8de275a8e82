using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Partners.Data;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GccSaaS.IntegrationTests.Notifications;

/// <summary>
/// Stand-ins for the identity area until it is composed: a header sign-in (<c>X-Test-User</c>,
/// <c>X-Test-Name</c>, <c>X-Test-Role</c>), the named policies by tenant role, an
/// <see cref="ICurrentUserAccessor"/> over it, a tenant taken from <c>X-Test-Tenant</c> for <c>/v1</c>
/// (the API key's job later), and an in-memory answer to Identity's <see cref="ListTenantMembersQuery"/>. Everything else is the
/// real host on the real database.
/// </summary>
public static class ShellTestHarness
{
    public const string Scheme = "Test";
    public const string UserHeader = "X-Test-User";
    public const string NameHeader = "X-Test-Name";
    public const string RoleHeader = "X-Test-Role";
    public const string TenantHeader = "X-Test-Tenant";
    public const string TenantRoleClaim = "gccsaas:tenant_role";
    public const string TenantIdClaim = "gccsaas:tenant_id";

    public static GccSaaSFactory StartHost(
        TestDatabase database,
        Action<IServiceCollection>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var host = new GccSaaSFactory(database, services =>
        {
            services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(Scheme, _ => { });
            services.Configure<AuthenticationOptions>(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            });
            services.AddAuthorization(o =>
            {
                foreach (var (policy, roles) in GccSaaSPolicies.Roles)
                {
                    o.AddPolicy(policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(TenantRoleClaim, roles));
                }
            });
            // The identity area's per-request membership claims would strip the header's role: tests name it.
            services.RemoveAll<IClaimsTransformation>();
            services.AddSingleton<IClaimsTransformation, NoopClaimsTransformation>();
            services.AddHttpContextAccessor();
            services.AddSingleton<ICurrentUserAccessor, TestCurrentUserAccessor>();
            services.AddSingleton<FakeTenantDirectory>();
            services.AddSingleton<IRequestHandler<ListTenantMembersQuery, IReadOnlyList<TenantMemberDto>>>(sp => sp.GetRequiredService<FakeTenantDirectory>());
            services.AddSingleton<ITenantResolutionStrategy, HeaderTenantResolutionStrategy>();
            configure?.Invoke(services);
        }, settings);
        _ = host.Server;
        return host;
    }

    /// <summary>A client signed in as <paramref name="user"/> with a role in the tenant (portal URLs and /v1).</summary>
    public static HttpClient ClientFor(this GccSaaSFactory host, TenantInfo tenant, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(user);
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(UserHeader, user.Id.ToString());
        client.DefaultRequestHeaders.Add(NameHeader, Uri.EscapeDataString(user.Name));
        client.DefaultRequestHeaders.Add(RoleHeader, user.Role);
        client.DefaultRequestHeaders.Add(TenantHeader, tenant.Identifier);
        return client;
    }

    /// <summary>Enqueues a notification the way a module does: in its outbox, in its transaction, then commits.</summary>
    public static async Task EnqueueFromPartnersAsync(this GccSaaSFactory host, TenantInfo tenant, INotification notification)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var tenantScope = host.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.EnqueueNotification(notification, scope.ServiceProvider.GetRequiredService<TimeProvider>());
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Runs a module's dispatcher for the tenant (what the after-commit path and the sweep do).</summary>
    public static Task<int> DispatchAsync(this GccSaaSFactory host, TenantInfo tenant, string module)
    {
        ArgumentNullException.ThrowIfNull(host);
        var definition = host.Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == module);
        return host.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(definition, tenant);
    }

    /// <summary>Sends a request through the real pipeline in the tenant, outside any HTTP request.</summary>
    public static async Task<TResponse> SendAsync<TResponse>(this GccSaaSFactory host, TenantInfo tenant, IRequest<TResponse> request)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var tenantScope = host.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>A scalar read as the application role in the tenant, with no EF filter in the way.</summary>
    public static async Task<T> ScalarAsync<T>(this TestDatabase database, Guid? tenant, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, tenant, sql, parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A statement as the application role in the tenant; returns the rows it touched.</summary>
    public static async Task<int> ExecuteAsync(this TestDatabase database, Guid? tenant, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, tenant, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, Guid? tenant, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant) + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}

public sealed record TestUser(Guid Id, string Name, string Email, string Role)
{
    public static TestUser Create(string role, string name = "Test User") =>
        new(Guid.NewGuid(), name, $"user-{Guid.NewGuid():N}@example.test", role);

    public TenantMemberDto AsMember() => new(Id, Name, Email, Role, null);
}

/// <summary>Who acts outside HTTP (a test calling the mediator directly); null means nobody, like a job.</summary>
public static class TestActor
{
    private static readonly AsyncLocal<CurrentUser?> Value = new();

    public static CurrentUser? Current => Value.Value;

    public static IDisposable Begin(CurrentUser user)
    {
        var previous = Value.Value;
        Value.Value = user;
        return new Restore(previous);
    }

    private sealed class Restore(CurrentUser? previous) : IDisposable
    {
        public void Dispose() => Value.Value = previous;
    }
}

internal sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Guid.TryParse(Request.Headers[ShellTestHarness.UserHeader].ToString(), out var userId))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString()),
            new(ClaimTypes.Name, Uri.UnescapeDataString(Request.Headers[ShellTestHarness.NameHeader].ToString())),
        };
        var role = Request.Headers[ShellTestHarness.RoleHeader].ToString();
        if (role.Length > 0 && Context.GetTenant() is { } tenant)
        {
            claims.Add(new Claim(ShellTestHarness.TenantIdClaim, tenant.Id.ToString("D")));
            claims.Add(new Claim(ShellTestHarness.TenantRoleClaim, role));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ShellTestHarness.Scheme));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, ShellTestHarness.Scheme)));
    }
}

internal sealed class TestCurrentUserAccessor(IHttpContextAccessor http) : ICurrentUserAccessor
{
    public CurrentUser? Current
    {
        get
        {
            if (TestActor.Current is { } actor)
            {
                return actor;
            }

            var user = http.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            {
                return null;
            }

            return new CurrentUser(id, user.FindFirstValue(ClaimTypes.Name) ?? "?", null, user.FindFirstValue(ShellTestHarness.TenantRoleClaim), null, []);
        }
    }
}

/// <summary>For <c>/v1</c> in tests: the tenant named in a header (the API key names it in production).</summary>
internal sealed class HeaderTenantResolutionStrategy : ITenantResolutionStrategy
{
    public Task<TenantInfo?> ResolveAsync(HttpContext context, ITenantLookup store) =>
        context.Request.Path.StartsWithSegments("/v1") && context.Request.Headers[ShellTestHarness.TenantHeader].ToString() is { Length: > 0 } identifier
            ? store.FindByIdentifierAsync(identifier, context.RequestAborted)
            : Task.FromResult<TenantInfo?>(null);
}

/// <summary>Members per tenant, as Identity's <see cref="ListTenantMembersQuery"/> answers.</summary>
public sealed class FakeTenantDirectory : IRequestHandler<ListTenantMembersQuery, IReadOnlyList<TenantMemberDto>>
{
    private readonly ConcurrentDictionary<Guid, List<TenantMemberDto>> _members = new();

    public void Add(Guid tenantId, params TestUser[] users)
    {
        var list = _members.GetOrAdd(tenantId, _ => []);
        lock (list)
        {
            list.AddRange(users.Select(u => u.AsMember()));
        }
    }

    public Task<IReadOnlyList<TenantMemberDto>> Handle(ListTenantMembersQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var list = _members.GetValueOrDefault(request.TenantId) ?? [];
        lock (list)
        {
            return Task.FromResult<IReadOnlyList<TenantMemberDto>>([.. list.Where(m => request.Role is null || m.Role == request.Role)]);
        }
    }
}
