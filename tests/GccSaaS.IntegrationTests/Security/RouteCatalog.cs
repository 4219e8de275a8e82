using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>
/// Every route the host serves, read from its own <see cref="EndpointDataSource"/>: the <c>/v1</c> endpoints with
/// their methods and policies, and every Razor page with its handlers. What the generated tests iterate over, so a
/// route mapped tomorrow is covered without anyone listing it.
/// </summary>
public static class RouteCatalog
{
    public static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    public static IReadOnlyList<ApiRoute> ApiRoutes(IServiceProvider services)
    {
        var routes = new List<ApiRoute>();
        foreach (var endpoint in Endpoints(services))
        {
            var pattern = Normalise(endpoint.RoutePattern.RawText);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null
                || !pattern.StartsWith(PartnerCenterApi.Prefix + "/", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add(new ApiRoute(method, pattern, PoliciesOf(endpoint), endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null));
            }
        }

        return [.. routes.OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<PageRoute> Pages(IServiceProvider services)
    {
        var pages = new List<PageRoute>();
        foreach (var endpoint in Endpoints(services))
        {
            if (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not { } page)
            {
                continue;
            }

            var handlers = page.HandlerMethods
                .Select(h => new PageHandler(h.HttpMethod.ToUpperInvariant(), h.Name, h))
                .ToList();
            pages.Add(new PageRoute(
                "/" + endpoint.RoutePattern.RawText,
                page,
                PoliciesOf(endpoint),
                endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                handlers));
        }

        return [.. pages.OrderBy(p => p.Template, StringComparer.Ordinal)];
    }

    /// <summary>Endpoints outside /v1 that are not pages (e.g. <c>/{tenant}/audit/export.csv</c>, health, OpenAPI), GET only.</summary>
    public static IReadOnlyList<ApiRoute> OtherEndpoints(IServiceProvider services) =>
        [.. Endpoints(services)
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .Select(e => (Endpoint: e, Pattern: "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/')))
            .Where(e => !e.Pattern.StartsWith(PartnerCenterApi.Prefix + "/", StringComparison.OrdinalIgnoreCase))
            .Select(e => new ApiRoute("GET", e.Pattern, PoliciesOf(e.Endpoint), e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal)];

    /// <summary>
    /// The roles a set of named policies admits (any of them; empty when no policy names a role), as the host
    /// registered them: the platform's and every module's own.
    /// </summary>
    public static IReadOnlyList<string> RolesOf(IServiceProvider services, IReadOnlyList<string> policies)
    {
        var options = services.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
        return [.. policies
            .SelectMany(p => options.GetPolicy(p)?.Requirements.OfType<RoleRequirement>() ?? [])
            .SelectMany(r => r.TenantRoles.Concat(r.PlatformRoles))
            .Distinct()];
    }

    private static IEnumerable<RouteEndpoint> Endpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static List<string> PoliciesOf(Endpoint endpoint) =>
        [.. endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? string.Empty).Distinct()];

    /// <summary>A group's trailing slash dropped: <c>/v1/platform/partners/</c> is served as <c>/v1/platform/partners</c>.</summary>
    private static string Normalise(string? pattern)
    {
        var text = pattern ?? string.Empty;
        return text.Length > 1 ? text.TrimEnd('/') : text;
    }
}

/// <summary>One method of one <c>/v1</c> route, with the policies its endpoint requires (empty string: any signed-in caller).</summary>
public sealed record ApiRoute(string Method, string Pattern, IReadOnlyList<string> Policies, bool AllowsAnonymous)
{
    public bool IsWrite => RouteCatalog.WriteMethods.Contains(Method, StringComparer.OrdinalIgnoreCase);

    public bool IsPlatform => Pattern.StartsWith("/v1/platform/", StringComparison.OrdinalIgnoreCase) || Pattern.Equals("/v1/platform", StringComparison.OrdinalIgnoreCase);

    public string Key => Method + " " + Pattern;

    /// <summary>The route parameters in order, e.g. <c>id</c> for <c>{id:guid}</c>.</summary>
    public IReadOnlyList<RouteParameter> Parameters => RouteParameter.Of(Pattern);

    public override string ToString() => Key;
}

/// <summary>A Razor page: its route template, policies and handlers.</summary>
public sealed record PageRoute(string Template, CompiledPageActionDescriptor Descriptor, IReadOnlyList<string> Policies, bool AllowsAnonymous, IReadOnlyList<PageHandler> Handlers)
{
    public IReadOnlyList<RouteParameter> Parameters => RouteParameter.Of(Template);

    public IEnumerable<PageHandler> PostHandlers => Handlers.Where(h => h.Method == "POST");

    public override string ToString() => Template;
}

/// <summary>One handler of a page (<c>Name</c> null for the default one, e.g. <c>OnPostAsync</c>).</summary>
public sealed record PageHandler(string Method, string? Name, Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.HandlerMethodDescriptor Descriptor)
{
    public string Label => Method + (Name is null ? string.Empty : ":" + Name);
}

/// <summary>A route template's parameter: <c>{id:guid}</c> is (id, guid), <c>{code:int?}</c> is (code, int, optional).</summary>
public sealed record RouteParameter(string Name, string? Constraint, bool Optional)
{
    public static IReadOnlyList<RouteParameter> Of(string template)
    {
        var parameters = new List<RouteParameter>();
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(template, @"\{([^}:?]+)(?::([^}?]+))?(\?)?\}"))
        {
            parameters.Add(new RouteParameter(match.Groups[1].Value, match.Groups[2].Success ? match.Groups[2].Value : null, match.Groups[3].Success));
        }

        return parameters;
    }
}
