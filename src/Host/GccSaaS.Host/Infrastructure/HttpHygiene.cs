using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GccSaaS.Host.Infrastructure;

/// <summary>
/// What the host does so that no answer depends on a forged Host header and every answer carries the security
/// headers (ADR 0016): the configured public address, host filtering outside Development and Testing, relative
/// sign-in redirects, and the header middleware.
/// </summary>
internal static class HttpHygiene
{
    /// <summary>Names the host answers to besides the public address: docker compose, health probes, a local shell.</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static IHostApplicationBuilder AddHttpHygiene(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddPublicAddress();

        // The web host's defaults read AllowedHosts ("*" in appsettings.json) before this runs. Outside Development
        // and Testing "*" (or nothing) becomes the public address's host plus loopback; an explicit list is kept.
        // Testing keeps "*" so tests can forge a Host and see that no link follows it.
        services.AddOptions<HostFilteringOptions>()
            .PostConfigure<IOptions<PublicAddressOptions>, IHostEnvironment>((options, address, environment) =>
            {
                if (PublicAddressRegistration.IsLocal(environment)
                    || options.AllowedHosts.Any(h => h != "*")
                    || !PublicAddressOptions.TryParse(address.Value.PublicBaseUrl, out var baseUrl, out _)
                    || baseUrl is null)
                {
                    return;
                }

                options.AllowedHosts = [.. new[] { baseUrl.IdnHost }.Concat(LoopbackHosts).Distinct(StringComparer.OrdinalIgnoreCase)];
            });

        // The cookie handler makes its sign-in redirect absolute from the request's Host; a relative Location
        // sends the browser to the same place without trusting that header.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure(options =>
            {
                var redirect = options.Events.OnRedirectToLogin;
                options.Events.OnRedirectToLogin = context =>
                {
                    if (Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute))
                    {
                        context.RedirectUri = absolute.PathAndQuery;
                    }

                    return redirect(context);
                };
            });
        return builder;
    }

    /// <summary>First in the pipeline, so that every response, whatever answers it, gets the headers.</summary>
    public static WebApplication UseHttpHygiene(this WebApplication app)
    {
        app.UseSecurityHeaders(allowInlineStyles: JobsDashboard.Serves); // Hangfire's dashboard writes style attributes
        return app;
    }
}
