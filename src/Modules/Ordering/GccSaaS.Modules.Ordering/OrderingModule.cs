using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace GccSaaS.Modules.Ordering;

/// <summary>The Ordering module's only public type: its registration and its endpoint mapping.</summary>
public static class OrderingModule
{
    public static IHostApplicationBuilder AddOrderingModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapOrderingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
