using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// Marks a page or endpoint whose URL carries a secret token (invitation acceptance): its responses say
/// <c>Referrer-Policy: no-referrer</c>, so the token never leaves in a Referer, and <c>Cache-Control: no-store</c>,
/// because caches key what they keep by that URL.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class TokenInUrlAttribute : Attribute;

/// <summary>
/// Marks a page or endpoint whose response can show a secret (one-time credentials, a new API key, an invitation
/// link, a two-factor shared key): <c>Cache-Control: no-store</c>, so no cache, back-forward or otherwise, keeps it.
/// <see cref="OneTimeSecretResponseMetadata"/> implies it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class ShowsSecretAttribute : Attribute;

public static class SecurityHeaders
{
    private const string NonceKey = "GccSaaS.CspNonce";

    /// <summary>
    /// Powerful features a page could ask for, each denied, but clipboard-write for the copy buttons. clipboard-read
    /// keeps the browser's default (this origin, after the user's permission prompt): the browser tests read what a
    /// copy button wrote. Chromium logs unknown feature names as errors, so the list holds names it knows.
    /// </summary>
    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), " +
        "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), " +
        "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=(), clipboard-write=(self)";

    /// <summary>One year, without includeSubDomains: other hosts under the operator's domain are not ours to bind.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public const string DefaultReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>
    /// The Content-Security-Policy: scripts and styles only from the portal's own files (no inline code, no
    /// <c>style</c> attributes), an inline script only with this request's nonce, no plug-ins, no framing, forms
    /// post only to the portal.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce, bool inlineStyles = false) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'{(inlineStyles ? " 'unsafe-inline'" : string.Empty)}; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The request's CSP nonce, for the rare inline script that cannot live in wwwroot/js:
    /// <c>&lt;script nonce="@Context.CspNonce()"&gt;</c>.
    /// </summary>
    public static string CspNonce(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[NonceKey] as string
            ?? throw new InvalidOperationException("UseSecurityHeaders must run before anything that renders a page.");
    }

    /// <summary>
    /// Adds the security headers to every response that passes here (register first: API answers, problem details,
    /// static files, status and error pages included). They are written when the response starts, so the endpoint
    /// (and its <see cref="TokenInUrlAttribute"/> or <see cref="ShowsSecretAttribute"/>) is known and nothing a
    /// later component writes (antiforgery's X-Frame-Options: SAMEORIGIN, a page's own Cache-Control) weakens them.
    /// HSTS is sent outside Development whatever the request's scheme: behind a TLS-terminating proxy the host sees
    /// http, and browsers ignore the header on plain http anyway.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="allowInlineStyles">
    /// Requests whose third-party pages need inline styles (the jobs dashboard's state cards and charts); scripts
    /// stay strict for them too.
    /// </param>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, Func<HttpContext, bool>? allowInlineStyles = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var hsts = !app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
        return app.Use((context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                Apply(context, nonce, hsts, allowInlineStyles?.Invoke(context) == true);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void Apply(HttpContext context, string nonce, bool hsts, bool inlineStyles)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce, inlineStyles);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Permissions-Policy"] = PermissionsPolicy;
        if (hsts)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        var tokenInUrl = Marked<TokenInUrlAttribute>(context);
        headers["Referrer-Policy"] = tokenInUrl ? "no-referrer" : DefaultReferrerPolicy;
        if (tokenInUrl || Marked<ShowsSecretAttribute>(context) || Marked<OneTimeSecretResponseMetadata>(context))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }
    }

    /// <summary>
    /// Whether the endpoint that answers, or the one the request first reached before a status or error page was
    /// re-executed in its place (the address bar still shows the first URL), carries the marker.
    /// </summary>
    private static bool Marked<TMarker>(HttpContext context)
        where TMarker : class =>
        Has<TMarker>(context.GetEndpoint())
        || Has<TMarker>(context.Features.Get<IStatusCodeReExecuteFeature>()?.Endpoint)
        || Has<TMarker>(context.Features.Get<IExceptionHandlerFeature>()?.Endpoint);

    private static bool Has<TMarker>(Endpoint? endpoint)
        where TMarker : class => endpoint?.Metadata.GetMetadata<TMarker>() is not null;

    /// <summary>Marks a minimal API endpoint (or group) as showing a secret.</summary>
    public static TBuilder ShowsSecret<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new ShowsSecretAttribute());
    }
}
