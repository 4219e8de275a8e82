using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace GccSaaS.IntegrationTests.Infrastructure;

/// <summary>
/// A browser-like client for the portal: keeps cookies, does not follow redirects (tests assert them),
/// and posts forms the way a browser does, with the antiforgery token read from the page's HTML.
/// </summary>
public sealed partial class PortalClient : IDisposable
{
    public const string DemoPassword = "GccSaaS-Demo-2026!";

    private readonly HttpClient _http;

    public PortalClient(GccSaaSFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _http = factory.CreateHttpClient(handleCookies: true);
    }

    /// <summary>A client over a given HttpClient (e.g. two hosts sharing one cookie container).</summary>
    public PortalClient(HttpClient http)
    {
        _http = http;
    }

    public HttpClient Http => _http;

    /// <summary>The last HTML page fetched (forms are posted with its antiforgery token).</summary>
    public string? LastHtml { get; private set; }

    public async Task<PortalResponse> GetAsync(string url)
    {
        using var response = await _http.GetAsync(new Uri(url, UriKind.Relative));
        return await ReadAsync(response);
    }

    /// <summary>Fetches <paramref name="pageUrl"/> for its antiforgery token, then posts the form fields to <paramref name="postUrl"/>.</summary>
    public async Task<PortalResponse> PostFormAsync(string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await GetAsync(pageUrl);
        var token = AntiforgeryToken(page.Html)
            ?? throw new InvalidOperationException($"{pageUrl} answered {(int)page.Status} without an antiforgery token.");
        return await PostWithTokenAsync(postUrl, token, fields);
    }

    /// <summary>Posts with a token read earlier (e.g. from a page the user could see).</summary>
    public async Task<PortalResponse> PostWithTokenAsync(string postUrl, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]);
        using var response = await _http.PostAsync(new Uri(postUrl, UriKind.Relative), content);
        return await ReadAsync(response);
    }

    /// <summary>Signs in through the sign-in page; the response is the redirect to the landing page (or the page with an error).</summary>
    public Task<PortalResponse> SignInAsync(string email, string password = DemoPassword, string? returnUrl = null) =>
        PostFormAsync("/account/sign-in", "/account/sign-in", Fields(("Email", email), ("Password", password), ("ReturnUrl", returnUrl ?? string.Empty)));

    public static IEnumerable<KeyValuePair<string, string>> Fields(params (string Name, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value));

    public static string? AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The text content of the element with this id (first match; tags inside are dropped).</summary>
    public static string? TextOf(string html, string id)
    {
        // The element's whole text (a summary lists its messages in <li>s), tags dropped.
        // The attribute is found by plain search first and the pattern runs from its tag only: on a long page (a list
        // after many rounds of a soak) a pattern over the whole page outran its time limit on a loaded machine.
        Match? match = null;
        var attribute = $"id=\"{id}\"";
        for (var at = html.IndexOf(attribute, StringComparison.Ordinal); at >= 0 && match is null; at = html.IndexOf(attribute, at + 1, StringComparison.Ordinal))
        {
            var tag = html.LastIndexOf('<', at);
            if (tag < 0 || (at > 0 && (char.IsLetterOrDigit(html[at - 1]) || html[at - 1] == '_')))
            {
                continue;
            }

            var found = new Regex($"""\G<(\w+)[^>]*\bid="{Regex.Escape(id)}"[^>]*>(.*?)</\1>""", RegexOptions.Singleline, TimeSpan.FromSeconds(10)).Match(html, tag);
            match = found.Success ? found : null;
        }

        if (match is null)
        {
            return null;
        }

        return WebUtility.HtmlDecode(Regex.Replace(match.Groups[2].Value, "<[^>]*>", string.Empty, RegexOptions.None, TimeSpan.FromSeconds(10))).Trim();
    }

    public void Dispose() => _http.Dispose();

    private async Task<PortalResponse> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        LastHtml = html;
        return new PortalResponse(response.StatusCode, response.Headers.Location?.OriginalString, html);
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)""")]
    private static partial Regex TokenPattern();
}

public sealed record PortalResponse(HttpStatusCode Status, string? Location, string Html);

/// <summary>An HttpClient for /v1 with an API key as its bearer credential.</summary>
public static class ApiClient
{
    public static HttpClient Create(GccSaaSFactory factory, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateHttpClient(handleCookies: false);
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }
}
