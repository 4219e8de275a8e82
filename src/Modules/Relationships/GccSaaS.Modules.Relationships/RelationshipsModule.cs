using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace GccSaaS.Modules.Relationships;

/// <summary>The Relationships module's only public type: its registration and its endpoint mapping.</summary>
public static class RelationshipsModule
{
    public static IHostApplicationBuilder AddRelationshipsModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapRelationshipsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
