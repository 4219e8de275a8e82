using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests.Infrastructure;

/// <summary>
/// Base of the browser tests: each journey runs in a fresh browser context (English browser, desktop
/// window), waits on the page rather than on the clock, and on failure leaves a screenshot, the page's
/// HTML and a Playwright trace in artifacts/browser/ under the test's name.
/// </summary>
public abstract class BrowserTest(PortalFixture portal, ChromiumFixture chromium)
{
    /// <summary>Long enough for a cold first page (Razor compiles views on first use), short enough to fail fast.</summary>
    private const float TimeoutMs = 15_000;

    protected PortalFixture Portal => portal;

    protected Uri BaseAddress => portal.BaseAddress;

    protected static string ArtifactsDirectory { get; } = Path.Combine(RepositoryRoot(), "artifacts", "browser");

    /// <summary>Runs a journey in a new context; on failure saves what the browser showed, then fails with its path.</summary>
    protected async Task RunAsync(
        Func<IPage, Task> journey, string locale = "en-US", [CallerMemberName] string test = "", int width = 1280, string timeZone = "UTC")
    {
        ArgumentNullException.ThrowIfNull(journey);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(),
            Locale = locale,
            TimezoneId = timeZone,
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 800 },
        });
        context.SetDefaultTimeout(TimeoutMs);
        context.SetDefaultNavigationTimeout(TimeoutMs);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        var name = $"{GetType().Name}.{test}";
        try
        {
            await journey(page);
            await context.Tracing.StopAsync();
        }
        catch (Exception failure)
        {
            var saved = await SaveFailureAsync(context, page, name);
            throw new BrowserJourneyFailedException($"{name} failed at {page.Url}; {saved}", failure);
        }
    }

    /// <summary>The demo seed's password (build/run.sh prints it).</summary>
    protected const string DemoPassword = "GccSaaS-Demo-2026!";

    /// <summary>Signs in on the portal's sign-in page and waits for the signed-in shell.</summary>
    protected static async Task SignInAsync(IPage page, string email, string password = DemoPassword)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
    }

    /// <summary>
    /// axe-core over the page as it is now (WCAG 2.0/2.1/2.2 A and AA rules): answers every serious or critical
    /// violation as "rule: help — selector" lines, empty when the page is clean.
    /// </summary>
    protected static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .SelectMany(v => v.Nodes.Select(n => $"{page.Url} {v.Id} ({v.Impact}): {v.Help} — {string.Join(" ", n.Target)}"))
            .ToList();
    }

    /// <summary>
    /// Contoso Distribution holds Government_community_cloud (the demo seed gives it) and a GCC validation code of the
    /// journey's own, so a journey neither depends on nor spends the demo's code (R-VAL-4, R-PC-2). The qualification
    /// is written idempotently in case the seed did not run its Partners step.
    /// </summary>
    protected async Task<string> ArrangeGccPartnerWithCodeAsync(string tenantIdentifier = "contoso-distribution")
    {
        var owner = portal.Services.GetRequiredService<IConfiguration>().GetConnectionString("Migrations")
            ?? throw new InvalidOperationException("No owner connection string.");
        var tenant = await portal.Services.GetRequiredService<ITenantStore>().FindByIdentifierAsync(tenantIdentifier)
            ?? throw new InvalidOperationException("No demo tenant.");
        var code = "GCC-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenant.Id) + """
            UPDATE partners.partner_organisations SET qualifications = array_append(qualifications, 'Government_community_cloud')
             WHERE workspace_tenant_id = @t AND NOT ('Government_community_cloud' = ANY (qualifications));
            INSERT INTO validation.validation_codes (tenant_id, validation_id, case_id, partner_organisation_id, partner_id, organization_name, max_creates, remaining_creates, issued_at)
            VALUES (@t, @code, gen_random_uuid(), gen_random_uuid(), '4811230', 'Contoso Distribution', 5, 5, now());
            """,
            connection);
        command.Parameters.AddWithValue("t", tenant.Id);
        command.Parameters.AddWithValue("code", code);
        await command.ExecuteNonQueryAsync();
        return code;
    }

    /// <summary>When GCCSAAS_SHOTS names a folder, saves a full-page screenshot there (for people judging the layout).</summary>
    protected static async Task ShotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Environment.GetEnvironmentVariable("GCCSAAS_SHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    /// <summary>An exact-path pattern for WaitForURLAsync/ToHaveURLAsync (query strings allowed).</summary>
    protected Regex Address(string path) =>
        new("^" + Regex.Escape(new Uri(portal.BaseAddress, path).ToString()) + @"(\?.*)?$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static async Task<string> SaveFailureAsync(IBrowserContext context, IPage page, string name)
    {
        Directory.CreateDirectory(ArtifactsDirectory);
        var stem = Path.Combine(ArtifactsDirectory, name);
        var notes = new List<string>();
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = stem + ".png", FullPage = true });
            notes.Add($"screenshot {stem}.png");
            await File.WriteAllTextAsync(stem + ".html", await page.ContentAsync());
            notes.Add($"HTML {stem}.html");
            await context.Tracing.StopAsync(new TracingStopOptions { Path = stem + ".trace.zip" });
            notes.Add($"trace {stem}.trace.zip (npx playwright show-trace)");
        }
        catch (PlaywrightException e)
        {
            notes.Add($"could not save everything: {e.Message}");
        }

        return string.Join(", ", notes);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GccSaaS.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}

public sealed class BrowserJourneyFailedException(string message, Exception inner) : Exception(message, inner);
