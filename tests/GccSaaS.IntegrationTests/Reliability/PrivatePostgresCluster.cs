using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace GccSaaS.IntegrationTests.Reliability;

/// <summary>
/// A throw-away PostgreSQL cluster of one test class, so a test may restart or crash the server without touching the
/// cluster other runs share (issue 18). Made as build/pg.sh makes its own: the server binaries from PATH or
/// /usr/lib/postgresql/*/bin, run as <c>postgres</c> when the tests run as root, loopback only with scram, the
/// owner role (migrations, CREATEDB) and the application role (owns nothing, no BYPASSRLS). Unlike pg.sh it keeps
/// <c>synchronous_commit</c> on, as production does, since a crash restart must lose nothing a client was told is
/// committed. Stopped and deleted on dispose.
/// </summary>
public sealed class PrivatePostgresCluster : IAsyncDisposable
{
    private const string OwnerRole = "gccsaas_owner";
    private const string AppRole = "gccsaas_app";

    private readonly string _bin;
    private readonly bool _asRoot;
    private readonly string _superuser;
    private readonly string _superPassword;
    private readonly string _ownerPassword;
    private readonly string _appPassword;

    private PrivatePostgresCluster(string bin, string home, int port)
    {
        _bin = bin;
        Home = home;
        Port = port;
        _asRoot = Environment.UserName == "root";
        _superuser = _asRoot ? "postgres" : Environment.UserName;
        _superPassword = Secret();
        _ownerPassword = Secret();
        _appPassword = Secret();
    }

    public string Home { get; }

    public int Port { get; }

    public string DataDirectory => Path.Combine(Home, "data");

    public string LogFile => Path.Combine(Home, "postgres.log");

    /// <summary>The owner role on the maintenance database: creates the test's database (as <c>GCCSAAS_PG_ADMIN_CS</c>).</summary>
    public string AdminConnectionString => ConnectionString(OwnerRole, _ownerPassword, "postgres");

    /// <summary>The application role (as <c>ConnectionStrings__Default</c>); the database is replaced by the test's.</summary>
    public string AppConnectionString => ConnectionString(AppRole, _appPassword, "postgres");

    /// <summary>Initialises, starts and prepares a cluster on a free loopback port.</summary>
    public static async Task<PrivatePostgresCluster> StartAsync()
    {
        var bin = FindBinDirectory();
        var home = Path.Combine("/var/tmp", "gccsaas-private-pg-" + Guid.NewGuid().ToString("N")[..10]);
        var cluster = new PrivatePostgresCluster(bin, home, FreePort());
        try
        {
            await cluster.InitialiseAsync();
            await cluster.RunAsync("pg_ctl", "start", "-D", cluster.DataDirectory, "-l", cluster.LogFile, "-w", "-t", "120", "-o", $"-p {cluster.Port}");
            await cluster.PrepareRolesAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// <c>pg_ctl restart -m <paramref name="mode"/></c>: <c>fast</c> ends every session and checkpoints, <c>immediate</c>
    /// ends the server without either (a crash: the start replays the WAL). Returns once the server accepts connections.
    /// </summary>
    public Task RestartAsync(string mode) =>
        RunAsync("pg_ctl", "restart", "-D", DataDirectory, "-l", LogFile, "-m", mode, "-w", "-t", "120", "-o", $"-p {Port}");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await RunAsync("pg_ctl", "stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "60");
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"PrivatePostgresCluster: stopping {DataDirectory} failed: {e.Message}");
            }
        }

        try
        {
            if (Directory.Exists(Home))
            {
                Directory.Delete(Home, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"PrivatePostgresCluster: could not delete {Home}: {e.Message}");
        }
    }

    /// <summary>The last lines of the server's log, for a failing test's message.</summary>
    public string LogTail(int lines = 30)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(lines));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private async Task InitialiseAsync()
    {
        Directory.CreateDirectory(Home);
        var passwordFile = Path.Combine(Home, "superuser.pw");
        await File.WriteAllTextAsync(passwordFile, _superPassword + "\n");
        if (_asRoot)
        {
            // PostgreSQL refuses to run as root: the home is the postgres user's, as build/pg.sh arranges.
            await RunToolAsync("chown", "-R", "postgres:", Home);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        await RunAsync("initdb", "-D", DataDirectory, "-U", _superuser, "--encoding=UTF8", "--locale=C.UTF-8",
            "--auth-local=peer", "--auth-host=scram-sha-256", "--pwfile=" + passwordFile);
        File.Delete(passwordFile);
        var socketDirectory = Path.Combine(Home, "run");
        Directory.CreateDirectory(socketDirectory);
        if (_asRoot)
        {
            await RunToolAsync("chown", "postgres:", socketDirectory);
        }

        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "pg_hba.conf"), $"""
            local   all       {_superuser}                   peer
            host    all       all           127.0.0.1/32   scram-sha-256

            """);
        // synchronous_commit stays on (production's setting); fsync off only spares the shared disk: a server process
        // that dies (immediate shutdown) loses nothing the kernel already has, only a machine crash would.
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            # --- PrivatePostgresCluster (a test's own cluster) ---
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{socketDirectory}'
            password_encryption = 'scram-sha-256'
            max_connections = 100
            fsync = off
            logging_collector = off

            """);
    }

    private async Task PrepareRolesAsync()
    {
        var super = ConnectionString(_superuser, _superPassword, "postgres", pooling: false);
        await ExecuteAsync(super, $"""
            CREATE ROLE {OwnerRole} WITH LOGIN NOSUPERUSER NOBYPASSRLS CREATEDB NOCREATEROLE NOREPLICATION PASSWORD '{_ownerPassword}';
            CREATE ROLE {AppRole} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '{_appPassword}';
            """);
        // Nobody but owners creates objects in public, in template1 too, which the test's database copies.
        await ExecuteAsync(ConnectionString(_superuser, _superPassword, "template1", pooling: false), "REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>As build/pg.sh prints them (pooled, Npgsql's defaults); the setup's own connections unpooled.</summary>
    private string ConnectionString(string user, string password, string database, bool pooling = true) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = user,
        Password = password,
        Database = database,
        Pooling = pooling,
    }.ConnectionString;

    /// <summary>A PostgreSQL server tool, as the postgres user when the tests run as root.</summary>
    private Task RunAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        return _asRoot ? RunToolAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunToolAsync(path, arguments);
    }

    private static async Task RunToolAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = "/", // postgres may not read the caller's directory
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    /// <summary>As build/pg.sh's find_bindir: the directory of PATH's pg_ctl if initdb is beside it, else the newest installed.</summary>
    private static string FindBinDirectory()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var pgCtl = Path.Combine(directory, "pg_ctl");
            if (File.Exists(pgCtl))
            {
                var real = new FileInfo(pgCtl).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pgCtl;
                var bin = Path.GetDirectoryName(real) ?? directory;
                if (File.Exists(Path.Combine(bin, "initdb")))
                {
                    return bin;
                }
            }
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found in PATH or /usr/lib/postgresql/*/bin.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
