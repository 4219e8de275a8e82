using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Relationships;
using Microsoft.AspNetCore.Mvc.Testing;
using static GccSaaS.IntegrationTests.Hygiene.HygieneFixture;

namespace GccSaaS.IntegrationTests.Hygiene;

/// <summary>
/// Issue 10: every response carries the security headers (API answers, problem details, static files, status
/// pages); pages with a token in their URL send no Referer; answers that show a secret are not stored (ADR 0016).
/// </summary>
[Collection(HygieneCollection.Name)]
public sealed class SecurityHeadersTests(HygieneFixture fixture)
{
    private static readonly string Token = new('a', 43);

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/account/sign-in", HttpStatusCode.OK)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    [InlineData("/js/site.js", HttpStatusCode.OK)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/no-such-workspace/settings", HttpStatusCode.NotFound)]
    [InlineData("/v1/customers", HttpStatusCode.Unauthorized)]
    public async Task Every_response_carries_the_security_headers(string path, HttpStatusCode status)
    {
        using var client = Anonymous();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response, "strict-origin-when-cross-origin");
    }

    [Fact]
    public async Task Api_answers_and_problem_details_carry_them_and_only_secrets_are_not_stored()
    {
        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");

        using var list = await api.GetAsync(new Uri("/v1/invitations", UriKind.Relative));
        using var missing = await api.GetAsync(new Uri($"/v1/customers/{Guid.NewGuid()}", UriKind.Relative));
        using var noRoute = await api.GetAsync(new Uri("/v1/no-such-resource", UriKind.Relative));
        using var refused = await api.PostAsJsonAsync(new Uri("/v1/relationships/requests", UriKind.Relative), new { invitedEmail = "not an address" });

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        AssertSecurityHeaders(list, "strict-origin-when-cross-origin");
        Assert.DoesNotContain("no-store", list.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        foreach (var (problem, status) in new[] { (missing, HttpStatusCode.NotFound), (noRoute, HttpStatusCode.NotFound), (refused, HttpStatusCode.BadRequest) })
        {
            Assert.Equal(status, problem.StatusCode);
            AssertSecurityHeaders(problem, "strict-origin-when-cross-origin");
        }

        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Each_response_has_its_own_script_nonce_and_no_inline_allowance()
    {
        using var client = Anonymous();

        using var first = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/", UriKind.Relative));

        var one = Csp(first);
        var two = Csp(second);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='", one);
        Assert.NotEqual(one, two);
        Assert.DoesNotContain("unsafe-inline", one, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_with_a_token_in_their_url_send_no_referrer_and_are_not_stored_even_as_a_status_page()
    {
        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");
        using var requested = await api.PostAsJsonAsync(new Uri("/v1/relationships/requests", UriKind.Relative), new { invitedEmail = PartnershipJourneys.NewEmail() });
        var valid = new Uri((await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString() ?? string.Empty).AbsolutePath;
        using var client = Anonymous();

        foreach (var (path, status) in new (string Path, HttpStatusCode? Status)[]
        {
            (valid, HttpStatusCode.OK),
            ($"/invitations/partnership/{Contoso}/{Token}", HttpStatusCode.NotFound),
            ($"/invitations/customer-relationship/{Contoso}/{Token}", HttpStatusCode.NotFound),
            ($"/invitations/users/{Token}", null), // the page says the link is unknown
        })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            if (status is { } expected)
            {
                Assert.True(response.StatusCode == expected, $"{path} answered {(int)response.StatusCode}.");
            }

            AssertSecurityHeaders(response, "no-referrer");
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("global.admin@contoso.demo", "/contoso-distribution/settings/api-keys")]
    [InlineData("global.admin@contoso.demo", "/contoso-distribution/users")]
    [InlineData("global.admin@contoso.demo", "/account/two-factor")]
    [InlineData("sales.agent@contoso.demo", "/contoso-distribution/resellers")]
    [InlineData("sales.agent@contoso.demo", "/contoso-distribution/invitations")]
    [InlineData("sales.agent@contoso.demo", "/contoso-distribution/pending-actions")]
    [InlineData("sales.agent@contoso.demo", "/contoso-distribution/customers/new")]
    [InlineData("sales.agent@contoso.demo", "/contoso-distribution/customers/relationship-request")]
    [InlineData("platform.admin@gccsaas.demo", "/platform/api-keys")]
    [InlineData("platform.admin@gccsaas.demo", "/platform/tenants")]
    public async Task Pages_that_can_show_a_secret_are_not_stored_and_cannot_be_framed(string user, string path)
    {
        using var portal = await fixture.SignedInAsync(user);

        using var response = await portal.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response, "strict-origin-when-cross-origin");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_redirect_is_relative_whatever_host_the_request_names()
    {
        using var client = Anonymous();
        Forge(client);

        using var response = await client.GetAsync(new Uri($"/{Contoso}/customers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/sign-in?returnUrl={Uri.EscapeDataString($"/{Contoso}/customers")}", response.Headers.Location?.OriginalString);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, string referrerPolicy)
    {
        ArgumentNullException.ThrowIfNull(response);
        var csp = Csp(response);
        foreach (var directive in new[]
        {
            "default-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'self'",
            "form-action 'self'", "frame-ancestors 'none'",
        })
        {
            Assert.Contains(directive, csp, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal(referrerPolicy, Single(response, "Referrer-Policy"));
        var permissions = Single(response, "Permissions-Policy");
        foreach (var denied in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()" })
        {
            Assert.Contains(denied, permissions, StringComparison.Ordinal);
        }

        Assert.Contains("clipboard-write=(self)", permissions, StringComparison.Ordinal);
        Assert.StartsWith("max-age=", Single(response, "Strict-Transport-Security"), StringComparison.Ordinal); // Testing is not Development
    }

    private static string Csp(HttpResponseMessage response) => Single(response, "Content-Security-Policy");

    private static string Single(HttpResponseMessage response, string header)
    {
        var values = response.Headers.TryGetValues(header, out var found) ? found.ToList() : [];
        Assert.True(values.Count == 1, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has {values.Count} {header} headers: {string.Join(" | ", values)}");
        return values[0];
    }

    private HttpClient Anonymous() =>
        fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
}
