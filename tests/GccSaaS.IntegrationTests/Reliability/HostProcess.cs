using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GccSaaS.IntegrationTests.Infrastructure;

namespace GccSaaS.IntegrationTests.Reliability;

/// <summary>
/// The built host (src/Host/…/GccSaaS.Host.dll) as a separate operating-system process on a loopback port, on a
/// test's database, so a test can kill it with SIGKILL in the middle of requests, as a crash or an OOM kill does, and
/// start it again. Its console output is kept for the test's messages and for the secret scans.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private HostProcess(Process process, int port, StringBuilder output)
    {
        _process = process;
        Port = port;
        _output = output;
    }

    /// <summary>How long a start may take: minutes when the soak's batteries load the machine beside it.</summary>
    public static TimeSpan StartTimeout { get; } = TimeSpan.FromMinutes(5);

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string HostAssembly()
    {
        var bin = Path.Combine(RepositoryPaths.Root(), "src", "Host", "GccSaaS.Host", "bin");
        var built = Directory.Exists(bin)
            ? Directory.GetFiles(bin, "GccSaaS.Host.dll", SearchOption.AllDirectories)
                .Where(p => p.Contains(Path.DirectorySeparatorChar + "Release" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        return built ?? throw new InvalidOperationException($"The host is not built under {bin}: dotnet build -c Release first.");
    }

    /// <summary>Starts the host and waits until it answers <c>/health/live</c>.</summary>
    public static async Task<HostProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?> settings, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        var chosen = port ?? FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { HostAssembly() },
            WorkingDirectory = Path.GetDirectoryName(HostAssembly()) ?? ".",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{chosen}";
        info.Environment["ConnectionStrings__Default"] = database.AppConnectionString;
        info.Environment["ConnectionStrings__Migrations"] = database.OwnerConnectionString;
        info.Environment["Database__MigrateOnStartup"] = "false";
        info.Environment["Demo__Seed"] = "false";
        info.Environment["RateLimiting__PermitsPerMinute"] = "1000000";
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, chosen, output);
        using var probe = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {process.ExitCode} while starting:\n{host.Output}");
            }

            try
            {
                using var live = await probe.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (live.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        host.Kill();
        throw new InvalidOperationException($"The host did not answer within {StartTimeout.TotalSeconds:0} s:\n{host.Output}");
    }

    /// <summary>A client of this host that follows no redirects, optionally with an API key.</summary>
    public HttpClient Client(string? apiKey = null, bool cookies = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies, CookieContainer = new CookieContainer() }, disposeHandler: true)
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>SIGKILL: the process ends at once, with no shutdown, no flushing, no finally blocks.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 4_000_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
