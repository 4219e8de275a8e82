using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The portal's public address, <c>Portal:PublicBaseUrl</c> (ADR 0016): the only origin absolute links are built
/// from. Never the request's Host, X-Forwarded-Host or scheme: a forged header would turn an invitation into a
/// phishing link that carries a valid token.
/// </summary>
public sealed class PublicAddressOptions
{
    public const string Section = "Portal";

    /// <summary>The earlier name, read when <see cref="PublicBaseUrl"/> is not set (e-mail links used it first).</summary>
    public const string LegacySmtpSetting = "Smtp:PortalBaseUrl";

    /// <summary>Where Development and Testing point when nothing is configured; never used elsewhere.</summary>
    public const string LocalDefault = "http://localhost/";

    /// <summary>Absolute http(s) URL, e.g. <c>https://portal.example.com/</c>; a path is allowed (a reverse proxy's prefix).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The base as a URI ending in '/', or the reason it cannot be one.</summary>
    public static bool TryParse(string? value, out Uri? baseUrl, out string? error)
    {
        baseUrl = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = $"{Section}:PublicBaseUrl is required outside Development and Testing (the address users reach the portal at, e.g. https://portal.example.com/).";
            return false;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo)
            || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            error = $"{Section}:PublicBaseUrl '{value}' must be an absolute http or https URL without user info, query or fragment.";
            return false;
        }

        baseUrl = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
        return true;
    }
}

/// <summary>Absolute links for e-mails, drafts and API answers, always under the configured public address.</summary>
public sealed class PublicLinks
{
    public PublicLinks(IOptions<PublicAddressOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!PublicAddressOptions.TryParse(options.Value.PublicBaseUrl, out var baseUrl, out var error) || baseUrl is null)
        {
            throw new InvalidOperationException(error);
        }

        BaseUrl = baseUrl;
    }

    /// <summary>Ends in '/'.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The absolute link to a local path such as <c>/invitations/partnership/contoso/…</c>.</summary>
    public string Absolute(string relativePath)
    {
        if (!IsLocalPath(relativePath))
        {
            throw new ArgumentException($"'{relativePath}' is not a local path (it must start with one '/').", nameof(relativePath));
        }

        return BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + relativePath;
    }

    /// <summary>
    /// A link as an e-mail may carry it: a local path made absolute, or an absolute link already under the public
    /// address. Anything else (another host, another scheme) is refused rather than mailed.
    /// </summary>
    public bool TryAbsolute(string? link, out Uri? absolute)
    {
        absolute = null;
        if (IsLocalPath(link))
        {
            absolute = new Uri(Absolute(link));
            return true;
        }

        if (Uri.TryCreate(link, UriKind.Absolute, out var uri)
            && Uri.Compare(uri, BaseUrl, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
            && uri.AbsolutePath.StartsWith(BaseUrl.AbsolutePath, StringComparison.Ordinal))
        {
            absolute = uri;
            return true;
        }

        return false;
    }

    /// <summary>True for "/x…": not "//host" or "/\host", which browsers read as another host.</summary>
    public static bool IsLocalPath([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? path) =>
        path is { Length: > 0 } && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'));
}

public static class PublicAddressRegistration
{
    /// <summary>
    /// Binds <see cref="PublicAddressOptions"/> (falling back to <c>Smtp:PortalBaseUrl</c>, then, in Development and
    /// Testing only, to <see cref="PublicAddressOptions.LocalDefault"/>) and refuses to start without a valid one.
    /// </summary>
    public static IServiceCollection AddPublicAddress(this IServiceCollection services)
    {
        services.AddOptions<PublicAddressOptions>()
            .Configure<IConfiguration, IHostEnvironment>((options, configuration, environment) =>
            {
                options.PublicBaseUrl = FirstSet(
                    configuration[$"{PublicAddressOptions.Section}:PublicBaseUrl"],
                    configuration[PublicAddressOptions.LegacySmtpSetting],
                    IsLocal(environment) ? PublicAddressOptions.LocalDefault : null);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PublicAddressOptions>, PublicAddressValidation>());
        services.TryAddSingleton<PublicLinks>();
        return services;
    }

    /// <summary>Development and Testing: the environments that may run without a configured public address.</summary>
    public static bool IsLocal(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() || environment.IsEnvironment("Testing");
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>Fails the start with the reason, so a misconfigured host never serves links.</summary>
    private sealed class PublicAddressValidation : IValidateOptions<PublicAddressOptions>
    {
        public ValidateOptionsResult Validate(string? name, PublicAddressOptions options) =>
            PublicAddressOptions.TryParse(options.PublicBaseUrl, out _, out var error) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error ?? "Invalid public address.");
    }
}
