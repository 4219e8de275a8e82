using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Tenancy;

/// <summary>
/// Issue 19: several hosts share PostgreSQL through PgBouncer in transaction pooling mode, where consecutive
/// transactions of one client may run on different server connections and one server connection serves every client
/// in turn. The tenant setting is transaction-local (set in front of every statement, in its transaction), so no
/// server connection may ever answer one tenant's statement with another tenant's rows. Two tenants hammer one
/// PgBouncer whose pool holds a single server connection: every statement of both runs on that one connection
/// (the same backend process), and each sees exactly its own rows.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PgBouncerTests(PlatformFixture fixture) : IAsyncLifetime
{
    internal const string Executable = "/usr/sbin/pgbouncer";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gccsaas-pgbouncer-" + Guid.NewGuid().ToString("N"));
    private Process? _pgbouncer;
    private int _port;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            return;
        }

        Directory.CreateDirectory(_directory);
        var server = new NpgsqlConnectionStringBuilder(fixture.Database.AppConnectionString);
        _port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(_directory, "userlist.txt"), $"\"{server.Username}\" \"{server.Password}\"\n");
        await File.WriteAllTextAsync(Path.Combine(_directory, "pgbouncer.ini"), $"""
            [databases]
            bench = host={server.Host} port={server.Port} dbname={server.Database}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {_port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {Path.Combine(_directory, "userlist.txt")}
            pool_mode = transaction
            default_pool_size = 1
            min_pool_size = 0
            reserve_pool_size = 0
            max_client_conn = 100
            server_reset_query =
            ignore_startup_parameters = extra_float_digits
            logfile = {Path.Combine(_directory, "pgbouncer.log")}
            pidfile = {Path.Combine(_directory, "pgbouncer.pid")}
            """);
        var start = new ProcessStartInfo(Executable, [Path.Combine(_directory, "pgbouncer.ini")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Environment.UserName == "root")
        {
            // PgBouncer refuses to run as root; the tests run as root in CI containers.
            start = new ProcessStartInfo("runuser", ["-u", "postgres", "--", Executable, Path.Combine(_directory, "pgbouncer.ini")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            Process.Start("chmod", ["-R", "a+rwx", _directory])?.WaitForExit();
        }

        _pgbouncer = Process.Start(start);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("PgBouncer did not start: " + ReadLog());
    }

    public async Task DisposeAsync()
    {
        if (_pgbouncer is { HasExited: false })
        {
            _pgbouncer.Kill(entireProcessTree: true);
            await _pgbouncer.WaitForExitAsync();
        }

        _pgbouncer?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [PgBouncerFact]
    public async Task Two_tenants_through_pgbouncer_in_transaction_mode_on_one_server_connection_never_see_each_others_rows()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await SeedAsync(a, 3);
        await SeedAsync(b, 2);
        var backends = new System.Collections.Concurrent.ConcurrentDictionary<int, byte>();

        async Task Hammer(Guid tenant, int expected)
        {
            var builder = new NpgsqlConnectionStringBuilder(fixture.Database.AppConnectionString)
            {
                Host = "127.0.0.1",
                Port = _port,
                Database = "bench",
                Password = null,
                NoResetOnClose = true,
                Pooling = false,
            };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            for (var i = 0; i < 150; i++)
            {
                // What the product sends outside a transaction: the transaction-local tenant, then the statement,
                // in one batch (one implicit transaction, so PgBouncer keeps them on one server connection).
                await using var command = new NpgsqlCommand(
                    TenantSql.SetLocalTenant(tenant) + "SELECT pg_backend_pid(), tenant_id FROM partners.outbox_messages WHERE type = 'Test.PgBouncer'",
                    connection);
                var seen = new List<Guid>();
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        backends.TryAdd(reader.GetInt32(0), 0);
                        seen.Add(reader.GetGuid(1));
                    }
                }

                Assert.Equal(expected, seen.Count);
                Assert.All(seen, id => Assert.Equal(tenant, id));

                // And a statement with no tenant in between sees nothing (the previous transaction's setting is gone).
                await using var bare = new NpgsqlCommand("SELECT count(*) FROM partners.outbox_messages WHERE type = 'Test.PgBouncer'", connection);
                Assert.Equal(0L, (long)(await bare.ExecuteScalarAsync() ?? -1L));
            }
        }

        await Task.WhenAll(Task.Run(() => Hammer(a, 3)), Task.Run(() => Hammer(b, 2)), Task.Run(() => Hammer(a, 3)), Task.Run(() => Hammer(b, 2)));

        // Every statement of both tenants ran on PgBouncer's single server connection.
        Assert.Single(backends.Keys);
        await AppRoleSql.ExecuteAsync(fixture.Database.OwnerConnectionString, a, "DELETE FROM partners.outbox_messages WHERE type = 'Test.PgBouncer'");
        await AppRoleSql.ExecuteAsync(fixture.Database.OwnerConnectionString, b, "DELETE FROM partners.outbox_messages WHERE type = 'Test.PgBouncer'");
    }

    private Task<int> SeedAsync(Guid tenant, int count) =>
        AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenant,
            "INSERT INTO partners.outbox_messages (tenant_id, id, occurred_at, type, payload, processed_at) SELECT @t, gen_random_uuid(), now(), 'Test.PgBouncer', '{}', now() FROM generate_series(1, @n)",
            ("t", tenant), ("n", count));

    private string ReadLog()
    {
        var log = Path.Combine(_directory, "pgbouncer.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Runs when PgBouncer is installed, and always under CI (<c>CI=true</c>), where a missing PgBouncer fails the test.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PgBouncerFactAttribute : FactAttribute
{
    public PgBouncerFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && !File.Exists(PgBouncerTests.Executable))
        {
            Skip = $"PgBouncer is not installed ({PgBouncerTests.Executable}): build/test.sh installs the Debian package pgbouncer (apt-get install pgbouncer).";
        }
    }
}
