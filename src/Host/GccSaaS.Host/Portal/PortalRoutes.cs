using Microsoft.AspNetCore.Routing.Patterns;

namespace GccSaaS.Host.Portal;

/// <summary>
/// Which portal addresses exist in this build. Areas and modules land one by one, so the shell links to
/// a page only once some endpoint serves it: no dead link in the navigation or on the dashboard.
/// Patterns are compared by shape (<c>/{tenant}/users</c> and <c>/{t}/Users</c> are the same address).
/// The Hangfire Dashboard is middleware, not an endpoint, and is served by every build.
/// </summary>
internal sealed class PortalRoutes(EndpointDataSource endpoints)
{
    private HashSet<string>? _shapes;

    public bool Exists(string template) => Shapes().Contains(Shape(RoutePatternFactory.Parse(template)));

    private HashSet<string> Shapes() => _shapes ??= endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Select(e => Shape(e.RoutePattern))
        .Append(Shape(RoutePatternFactory.Parse(Infrastructure.JobsDashboard.Path)))
        .ToHashSet(StringComparer.Ordinal);

    private static string Shape(RoutePattern pattern) => "/" + string.Join('/', pattern.PathSegments.Select(segment =>
        segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal
            ? literal.Content.ToLowerInvariant()
            : segment.IsSimple && segment.Parts[0] is RoutePatternParameterPart { IsCatchAll: false }
                ? "{}"
                : "{complex}"));
}
