using Microsoft.Playwright;

namespace GccSaaS.BrowserTests.Infrastructure;

/// <summary>
/// One headless Debian Chromium per test collection, started once (each test gets a fresh context: its own cookies and
/// storage). Playwright never downloads a browser here: the executable comes from GCCSAAS_CHROMIUM
/// (build/test.sh sets it) or /usr/bin/chromium (apt-get install chromium).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Fixture not initialised.");

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("GCCSAAS_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {ExecutablePath}. Install Debian's package (apt-get install -y chromium) or set GCCSAAS_CHROMIUM; browsers are never downloaded.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
