using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Resources;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests.Infrastructure;

/// <summary>
/// Base of the browser tests: each journey runs in a fresh browser context (English browser, desktop
/// window unless the test asks for another locale and width), waits on the page rather than on the clock, checks every page it
/// passes to <see cref="AxeAsync"/> with axe-core (failing at the end if any had a serious or critical violation), and on
/// failure leaves a screenshot, the page's HTML and a Playwright trace in artifacts/browser/ under the test's name.
/// </summary>
public abstract class BrowserTest(PortalFixture portal, ChromiumFixture chromium)
{
    /// <summary>Long enough for a cold first page (Razor compiles views on first use), short enough to fail fast.</summary>
    private const float TimeoutMs = 15_000;

    /// <summary>The desktop window of issue 16's walk.</summary>
    public const int Desktop = 1366;

    /// <summary>The phone of issue 16's walk.</summary>
    public const int Phone = 390;

    /// <summary>
    /// Issue 16's matrix: every journey of the README in English and German, on a 1366 px screen and on a 390 px phone.
    /// </summary>
    public static TheoryData<string, int> Matrix => new()
    {
        { "en-US", Desktop },
        { "de-DE", Desktop },
        { "en-US", Phone },
        { "de-DE", Phone },
    };

    private static readonly ConcurrentDictionary<string, ResourceManager> Resources = new(StringComparer.Ordinal);

    private readonly List<string> _accessibilityProblems = [];

    private CultureInfo _culture = CultureInfo.GetCultureInfo("en");

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
        var name = $"{GetType().Name}.{test}-{locale}-{width}";
        // The portal's cultures are languages ("en", "de"): texts and numbers are the language's, whatever the region.
        _culture = CultureInfo.GetCultureInfo(locale[..2]);
        _accessibilityProblems.Clear();
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

        Assert.True(_accessibilityProblems.Count == 0, $"{name}: axe found serious or critical violations:{Environment.NewLine}" + string.Join(Environment.NewLine, _accessibilityProblems));
    }

    /// <summary>The language the running journey's browser asks for ("en" or "de").</summary>
    protected CultureInfo Culture => _culture;

    /// <summary>True when the running journey is in German.</summary>
    protected bool German => _culture.TwoLetterISOLanguageName == "de";

    /// <summary>
    /// The text the portal shows for <paramref name="key"/> of a module's resources (e.g. "OrderingResource",
    /// "SharedResource") in the running journey's language, formatted as the portal formats it: the journeys assert what a
    /// user reads in each language without a second copy of the texts.
    /// </summary>
    protected string Text(string resource, string key, params object[] arguments) => TextIn(_culture, resource, key, arguments);

    /// <summary>The text of <paramref name="key"/> in another language than the journey's (after a switch of language).</summary>
    protected static string TextIn(CultureInfo culture, string resource, string key, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var manager = Resources.GetOrAdd(resource, FindResources);
        var text = manager.GetString(key, culture) ?? throw new InvalidOperationException($"{resource} has no text {key}.");
        return arguments.Length == 0 ? text : string.Format(culture, text, arguments);
    }

    /// <summary>The other language of the walk: German for an English journey, English for a German one.</summary>
    protected CultureInfo OtherCulture => CultureInfo.GetCultureInfo(German ? "en" : "de");

    /// <summary>An amount as the portal shows it in the running journey's language (two decimals and the currency).</summary>
    protected string Money(decimal amount, string currency = "USD") => amount.ToString("N2", _culture) + " " + currency;

    /// <summary>
    /// Runs axe-core over the page as it is now and keeps its serious and critical violations; the journey goes on and
    /// fails at its end with every problem of every page it checked.
    /// </summary>
    protected async Task AxeAsync(IPage page)
    {
        foreach (var problem in await AccessibilityProblemsAsync(page))
        {
            if (!_accessibilityProblems.Contains(problem))
            {
                _accessibilityProblems.Add(problem);
            }
        }
    }

    /// <summary>
    /// Follows a link of the main navigation as a user does: on a phone the navigation may be folded behind a menu
    /// button, which is opened first when the link is not in view.
    /// </summary>
    protected static async Task NavigateAsync(IPage page, string key)
    {
        ArgumentNullException.ThrowIfNull(page);
        var link = page.Locator($"#main-navigation a[data-nav='{key}']");
        var toggle = page.Locator("button[aria-controls='main-navigation']");
        if (!await link.IsVisibleAsync() && await toggle.IsVisibleAsync())
        {
            await toggle.ClickAsync();
        }

        await link.ClickAsync();
    }

    private static ResourceManager FindResources(string resource)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name?.StartsWith("GccSaaS.", StringComparison.Ordinal) == true))
        {
            var name = assembly.IsDynamic ? null : assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("." + resource + ".resources", StringComparison.Ordinal));
            if (name is not null)
            {
                return new ResourceManager(name[..^".resources".Length], assembly);
            }
        }

        throw new InvalidOperationException($"No loaded GccSaaS assembly holds the resources {resource}.");
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

    /// <summary>The WCAG 2.0/2.1/2.2 A and AA rules of axe-core.</summary>
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>axe-core as the Deque.AxeCore package bundles it (4.x), read once.</summary>
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// axe-core over the page as it is now (WCAG 2.0/2.1/2.2 A and AA rules): answers every serious or critical
    /// violation as "page rule (impact): help — selector" lines, empty when the page is clean.
    /// </summary>
    /// <remarks>
    /// The bundled axe-core is put into the page once (Playwright's evaluate, so the portal's CSP stays as it is) and
    /// run there with only the violations' nodes collected. <c>page.RunAxe()</c> of Deque.AxeCore.Playwright runs the same
    /// rules but injects axe twice and finishes the run on a fresh page of its own, for frames from other origins, which
    /// the portal has none of: 4–6 s a page on the CI's two cores against 0.5–0.8 s here (measured), and the journeys
    /// check about 300 pages (issue 16's matrix).
    /// </remarks>
    protected static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"))
        {
            await page.EvaluateAsync("() => { " + AxeSource.Value + " }");
        }

        var problems = await page.EvaluateAsync<string[]>(
            """
            async tags => {
              const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}): ${v.help} — ${n.target.flat().join(' ')}`));
            }
            """,
            WcagTags);
        return problems.Select(p => $"{page.Url} {p}").ToList();
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

    /// <summary>Adatum Reseller's commercial tenant ID: its id on /v1 (associatedPartnerId), as in Partner Center.</summary>
    protected static readonly Guid AdatumTenantId = Guid.Parse("4c507132-2e3f-4da0-9b43-8c9d0e1f2a03");

    /// <summary>One Sales agent key of contoso-distribution per host, made once through the portal by its Global admin.</summary>
    private static readonly ConcurrentDictionary<Uri, Lazy<Task<string>>> ContosoKeys = new();

    /// <summary>
    /// A /v1 client of contoso-distribution with a Sales agent key, for arranging what a journey starts from (a customer
    /// of its own, its qualification and agreement) without walking other journeys' pages again.
    /// </summary>
    protected async Task<HttpClient> ContosoApiAsync()
    {
        var key = await ContosoKeys.GetOrAdd(portal.BaseAddress, _ => new Lazy<Task<string>>(CreateContosoKeyAsync)).Value;
        var api = portal.CreateHttpClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return api;
    }

    private async Task<string> CreateContosoKeyAsync()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        context.SetDefaultTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "global.admin@contoso.demo");
        await page.GotoAsync("/contoso-distribution/settings/api-keys");
        await page.Locator("#api-key-name").FillAsync("journeys-" + Guid.NewGuid().ToString("N")[..6]);
        await page.Locator("#api-key-role").SelectOptionAsync(GccSaaSRoles.SalesAgent);
        await page.Locator("#create-api-key").ClickAsync();
        return (await page.Locator("#api-key-secret").TextContentAsync())?.Trim() ?? throw new InvalidOperationException("No key shown.");
    }

    /// <summary>Adds a US customer of contoso-distribution through /v1 (R-CUS-1), for a reseller when one is named; answers its id.</summary>
    protected static async Task<Guid> CreateCustomerAsync(HttpClient api, string company, string domain, Guid? reseller)
    {
        ArgumentNullException.ThrowIfNull(api);
        var json = await PostAsync(api, "/v1/customers", new
        {
            companyProfile = new { domain = domain + ".onmicrosoft.com" },
            billingProfile = new
            {
                email = "it@" + domain + ".example", culture = "en-US", language = "en", companyName = company,
                defaultAddress = new
                {
                    addressLine1 = "1 Main Street", city = "Springfield", state = "OR", postalCode = "97403", country = "US",
                    firstName = "Casey", lastName = "Clerk", phoneNumber = "+1 541 555 0101",
                },
            },
            associatedPartnerId = reseller,
        });
        return json.GetProperty("id").GetGuid();
    }

    /// <summary>Qualifies a customer for GCC with a validation code (R-PC-2) and records its customer agreement (R-CUS-4).</summary>
    protected static async Task ValidateAndAgreeAsync(HttpClient api, Guid customer, string code)
    {
        await PostAsync(api, $"/v1/customers/{customer}/qualifications?code={Uri.EscapeDataString(code)}", new { qualification = "GovernmentCommunityCloud" });
        await PostAsync(api, $"/v1/customers/{customer}/agreements", new
        {
            primaryContact = new { firstName = "Casey", lastName = "Clerk", email = "casey@county.example" },
            dateAgreed = DateTimeOffset.UtcNow,
            type = "MicrosoftCustomerAgreement",
        });
    }

    private static async Task<System.Text.Json.JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        using var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"POST {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// A reseller organisation of the partner directory of the journey's own (a copy of Alpine Ski Reseller with a fresh
    /// name, PartnerID and tenant ID), so that accepting and removing a partnership never meets another run's (R-REL-2).
    /// </summary>
    protected async Task<(string Name, string PartnerId, Guid TenantId)> ArrangeResellerAsync()
    {
        var owner = portal.Services.GetRequiredService<IConfiguration>().GetConnectionString("Migrations")
            ?? throw new InvalidOperationException("No owner connection string.");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = "Alpine Ski " + suffix.ToUpperInvariant() + " Reseller";
        var partnerId = "9" + Random.Shared.Next(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture) + Random.Shared.Next(0, 100).ToString("D2", CultureInfo.InvariantCulture);
        var tenantId = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            CREATE TEMP TABLE fresh_reseller ON COMMIT DROP AS SELECT * FROM partners.partner_organisations WHERE partner_id = '5123460';
            UPDATE fresh_reseller SET id = gen_random_uuid(), legal_name = @name, partner_id = @pid, commercial_tenant_id = @tid,
                   azure_gcc_tenant_id = NULL, workspace_tenant_id = NULL, created_at = now(), updated_at = now();
            INSERT INTO partners.partner_organisations SELECT * FROM fresh_reseller;
            """,
            connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("pid", partnerId);
        command.Parameters.AddWithValue("tid", tenantId);
        await using var transaction = await connection.BeginTransactionAsync();
        command.Transaction = transaction;
        var added = await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        Assert.True(added > 0, "The demo directory has no Alpine Ski Reseller to copy.");
        return (name, partnerId, tenantId);
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
