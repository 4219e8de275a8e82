using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Partners.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GccSaaS.IntegrationTests.Tenancy;

/// <summary>
/// The pooled-connection leak: a connection outlives the request that used it. With one connection in
/// the pool, every tenant's commands share it, and none may see another's rows or inherit its setting.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PooledConnectionTests(PlatformFixture fixture) : IAsyncLifetime
{
    private readonly LogRecorder _logs = new();
    private GccSaaSFactory? _host;

    private GccSaaSFactory Host => _host ?? throw new InvalidOperationException();

    public Task InitializeAsync()
    {
        _host = new GccSaaSFactory(fixture.Database, services => services.AddSingleton<ILoggerProvider>(_logs), new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = fixture.Database.AppConnectionStringWith(b => b.MaxPoolSize = 1),
            // The fixture's host runs the scheduler; this one only needs its pool of one connection.
            ["Jobs:Enabled"] = "false",
            // EF names every transaction it begins here (the pipeline's queries must begin none, issue 19).
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Transaction"] = "Debug",
        });
        _ = _host.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Two_tenants_interleaved_on_a_pool_of_one_connection_never_see_each_others_rows()
    {
        var a = await Host.Services.CreateTenantAsync("a");
        var b = await Host.Services.CreateTenantAsync("b");
        await SeedProcessedOutboxRowsAsync(a.Id, 3);
        await SeedProcessedOutboxRowsAsync(b.Id, 2);

        for (var round = 0; round < 10; round++)
        {
            var tenant = round % 2 == 0 ? a : b;
            var seen = await ReadTenantIdsOutsideAnyTransactionAsync(tenant);
            Assert.Equal(tenant == a ? 3 : 2, seen.Count);
            Assert.All(seen, id => Assert.Equal(tenant.Id, id));
            Assert.Equal(string.Empty, await SettingLeftOnThePooledConnectionAsync());
        }
    }

    [Fact]
    public async Task Concurrent_flows_of_two_tenants_on_a_pool_of_one_connection_stay_apart()
    {
        var a = await Host.Services.CreateTenantAsync("a");
        var b = await Host.Services.CreateTenantAsync("b");
        await SeedProcessedOutboxRowsAsync(a.Id, 4);
        await SeedProcessedOutboxRowsAsync(b.Id, 1);

        async Task ReadMany(TenantInfo tenant, int expected)
        {
            for (var i = 0; i < 15; i++)
            {
                var seen = await ReadTenantIdsOutsideAnyTransactionAsync(tenant);
                Assert.Equal(expected, seen.Count);
                Assert.All(seen, id => Assert.Equal(tenant.Id, id));
            }
        }

        await Task.WhenAll(Task.Run(() => ReadMany(a, 4)), Task.Run(() => ReadMany(b, 1)));
    }

    [Fact]
    public async Task A_query_with_no_tenant_after_a_tenants_query_on_the_same_connection_sees_nothing()
    {
        var a = await Host.Services.CreateTenantAsync("a");
        await SeedProcessedOutboxRowsAsync(a.Id, 2);
        Assert.Equal(2, (await ReadTenantIdsOutsideAnyTransactionAsync(a)).Count);

        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        var unfenced = await db.Database.SqlQueryRaw<Guid>("SELECT tenant_id AS \"Value\" FROM partners.outbox_messages").ToListAsync();

        Assert.Empty(unfenced);
    }

    /// <summary>
    /// Issue 19: a MediatR query runs without a transaction of its own (TransactionBehavior), so only the tenant
    /// setting the interceptor puts in front of each statement fences it. Identity's member list filters by the
    /// request's tenant id alone, so asking for the other tenant's members under this tenant's scope is answered by
    /// row-level security: nothing. On a pool of one connection, interleaved, no query sees the other tenant's rows
    /// and the connection never keeps a tenant's setting afterwards.
    /// </summary>
    [Fact]
    public async Task A_query_through_the_pipeline_runs_outside_a_transaction_and_sees_only_its_tenants_rows_on_a_pooled_connection()
    {
        var a = await Host.Services.CreateTenantAsync("a");
        var b = await Host.Services.CreateTenantAsync("b");
        var userA = await SeedMemberAsync(a.Id);
        var userB = await SeedMemberAsync(b.Id);
        var transactionsBefore = TransactionsBegun();

        for (var round = 0; round < 10; round++)
        {
            var (tenant, other, user) = round % 2 == 0 ? (a, b, userA) : (b, a, userB);
            var own = await SendInTenantAsync(tenant, new ListTenantMembersQuery(tenant.Id));
            var others = await SendInTenantAsync(tenant, new ListTenantMembersQuery(other.Id));

            Assert.Equal(user, Assert.Single(own).UserId);
            Assert.Empty(others);
            Assert.Equal(string.Empty, await SettingLeftOnThePooledConnectionAsync());
        }

        Assert.Equal(transactionsBefore, TransactionsBegun());
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            // The control: a transaction EF begins is seen by the count above.
            await using var transaction = await scope.ServiceProvider.GetRequiredService<PartnersDbContext>().Database.BeginTransactionAsync();
        }

        Assert.Equal(transactionsBefore + 1, TransactionsBegun());
    }

    /// <summary>
    /// Issue 19: the application's pool skips Npgsql's reset (<c>No Reset On Close</c>), so nothing but the tenant
    /// setting's own transaction scope clears it. On a pool of one connection (the same server process throughout),
    /// after a tenant's committed command, its rolled-back command and its queries, the connection carries no tenant
    /// and the other tenant sees only its own rows.
    /// </summary>
    [Fact]
    public async Task A_reused_connection_without_the_reset_on_close_carries_no_previous_tenants_setting()
    {
        Assert.True(new NpgsqlConnectionStringBuilder(Host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString).NoResetOnClose);
        var a = await Host.Services.CreateTenantAsync("a");
        var b = await Host.Services.CreateTenantAsync("b");
        await SeedProcessedOutboxRowsAsync(b.Id, 2);
        var backend = await BackendAsync();

        for (var round = 0; round < 6; round++)
        {
            await WriteInTransactionAsync(a, commit: round % 2 == 0);
            Assert.Equal(string.Empty, await SettingLeftOnThePooledConnectionAsync());
            var seen = await ReadTenantIdsOutsideAnyTransactionAsync(b);
            Assert.Equal(2, seen.Count);
            Assert.All(seen, id => Assert.Equal(b.Id, id));
            Assert.Equal(string.Empty, await SettingLeftOnThePooledConnectionAsync());
            Assert.Equal(backend, await BackendAsync());
        }

        Assert.Equal(3, (await ReadTenantIdsOutsideAnyTransactionAsync(a)).Count);
    }

    /// <summary>
    /// Issue 19: module DbContexts come from a pool. The instance that served tenant a (a query, an unsaved tracked
    /// row, an enqueued notification, a transaction left open) is leased again to tenant b's scope: it tracks nothing,
    /// is in no transaction, runs on b's session's connection and is known as b's session's, and its query filter and
    /// row-level security see only b's rows. The tenant is never a context's state: both read the flow's tenant.
    /// </summary>
    [Fact]
    public async Task A_pooled_DbContext_leased_to_another_tenant_keeps_nothing_of_the_previous_lease()
    {
        var a = await Host.Services.CreateTenantAsync("a");
        var b = await Host.Services.CreateTenantAsync("b");
        await SeedProcessedOutboxRowsAsync(a.Id, 3);
        await SeedProcessedOutboxRowsAsync(b.Id, 2);
        var accessor = Host.Services.GetRequiredService<ITenantContextAccessor>();

        DbContextId first;
        using (accessor.BeginScope(a))
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
            first = db.ContextId;
            Assert.Equal(3, await db.OutboxMessages.CountAsync());
            db.EnqueueOutboxMessage(new OutboxMessage { Id = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Type = "Test.Unsaved", Payload = "{}" });
            _ = await db.Database.BeginTransactionAsync(); // never committed
        }

        using (accessor.BeginScope(b))
        {
            // The pool hands instances out first in, first out: lease until a's instance comes back, holding the others.
            var scopes = new List<AsyncServiceScope>();
            try
            {
                PartnersDbContext? again = null;
                for (var i = 0; i < 64 && again is null; i++)
                {
                    var scope = Host.Services.CreateAsyncScope();
                    scopes.Add(scope);
                    var leased = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
                    again = leased.ContextId.InstanceId == first.InstanceId ? leased : null;
                }

                Assert.NotNull(again);
                var session = scopes[^1].ServiceProvider.GetRequiredService<DatabaseSession>();
                Assert.True(again.ContextId.Lease > first.Lease);
                Assert.Empty(again.ChangeTracker.Entries());
                Assert.False(again.TakeEnqueuedNotifications());
                Assert.Null(again.Database.CurrentTransaction);
                Assert.Same(session, DatabaseSession.Of(again));
                Assert.Same(session.Connection, again.Database.GetDbConnection());
                var seen = await again.OutboxMessages.Select(m => m.TenantId).ToListAsync();
                Assert.Equal(2, seen.Count);
                Assert.All(seen, id => Assert.Equal(b.Id, id));
                Assert.Equal(string.Empty, await SettingLeftOnThePooledConnectionAsync());
            }
            finally
            {
                foreach (var scope in scopes)
                {
                    await scope.DisposeAsync();
                }
            }
        }

        Assert.Equal(3, (await ReadTenantIdsOutsideAnyTransactionAsync(a)).Count);
    }

    private async Task WriteInTransactionAsync(TenantInfo tenant, bool commit)
    {
        var accessor = Host.Services.GetRequiredService<ITenantContextAccessor>();
        using var tenantScope = accessor.BeginScope(tenant);
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO partners.outbox_messages (tenant_id, id, occurred_at, type, payload, processed_at) VALUES ({0}, {1}, now(), 'Test.Seed', '{{}}', now())",
            tenant.Id, Guid.NewGuid());
        if (commit)
        {
            await transaction.CommitAsync();
        }
    }

    private async Task<int> BackendAsync()
    {
        var dataSource = Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private int TransactionsBegun() => _logs.Containing("Beginning transaction").Count;

    private async Task<T> SendInTenantAsync<T>(TenantInfo tenant, IRequest<T> query)
    {
        var accessor = Host.Services.GetRequiredService<ITenantContextAccessor>();
        using var tenantScope = accessor.BeginScope(tenant);
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    /// <summary>A user (platform table) and its Global admin membership in <paramref name="tenantId"/>.</summary>
    private async Task<Guid> SeedMemberAsync(Guid tenantId)
    {
        var userId = Guid.NewGuid();
        var email = $"member-{userId:N}@pool.test";
        await AppRoleSql.ExecuteAsync(fixture.Database.OwnerConnectionString, null,
            """
            INSERT INTO identity.users (id, display_name, created_at, user_name, normalized_user_name, email, normalized_email,
                email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES (@id, 'Pool member', now(), @email, upper(@email), @email, upper(@email), true, false, false, false, 0)
            """,
            ("id", userId), ("email", email));
        await AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenantId,
            "INSERT INTO identity.memberships (tenant_id, user_id, role, created_at) VALUES (@t, @u, 'GlobalAdmin', now())",
            ("t", tenantId), ("u", userId));
        return userId;
    }

    /// <summary>
    /// Reads through EF with raw SQL, so the query filter is not involved: only row-level security
    /// and the interceptor's per-batch setting decide what comes back. No explicit transaction.
    /// </summary>
    private async Task<List<Guid>> ReadTenantIdsOutsideAnyTransactionAsync(TenantInfo tenant)
    {
        var accessor = Host.Services.GetRequiredService<ITenantContextAccessor>();
        using var tenantScope = accessor.BeginScope(tenant);
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        Assert.Null(db.Database.CurrentTransaction);
        return await db.Database.SqlQueryRaw<Guid>("SELECT tenant_id AS \"Value\" FROM partners.outbox_messages").ToListAsync();
    }

    /// <summary>What the single pooled connection says about the tenant when nobody set one.</summary>
    private async Task<string> SettingLeftOnThePooledConnectionAsync()
    {
        var dataSource = Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"SELECT coalesce(current_setting('{DatabaseRoles.TenantSetting}', true), '')", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task SeedProcessedOutboxRowsAsync(Guid tenantId, int count)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < count; i++)
        {
            await using var command = new NpgsqlCommand(
                TenantSql.SetLocalTenant(tenantId)
                + "INSERT INTO partners.outbox_messages (tenant_id, id, occurred_at, type, payload, processed_at) VALUES (@t, @id, now(), 'Test.Seed', '{}', now())",
                connection);
            command.Parameters.AddWithValue("t", tenantId);
            command.Parameters.AddWithValue("id", Guid.NewGuid());
            await command.ExecuteNonQueryAsync();
        }
    }
}
